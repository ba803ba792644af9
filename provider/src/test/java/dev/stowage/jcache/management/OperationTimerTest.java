package dev.stowage.jcache.management;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperationTimerTest {

    private static int timedOf(OperationTimer timer, int operations) {
        int timed = 0;
        for (int i = 0; i < operations; i++) {
            if (timer.start() != OperationTimer.UNTIMED) {
                timed++;
            }
        }
        return timed;
    }

    @Test
    void timesEveryOneOfTheFirstOperationsThenOneInSixtyFour() {
        OperationTimer timer = new OperationTimer();
        assertThat(timedOf(timer, OperationTimer.EXACT)).isEqualTo(OperationTimer.EXACT);
        int sampled = timedOf(timer, 640_000);
        // expected 10,000; binomial standard deviation about 99
        assertThat(sampled).isBetween(9_000, 11_000);
    }

    @Test
    void restartTimesTheNextOperationsInFullAgain() {
        OperationTimer timer = new OperationTimer();
        timedOf(timer, 100_000);
        timer.restart();
        assertThat(timedOf(timer, OperationTimer.EXACT)).isEqualTo(OperationTimer.EXACT);
    }

    @Test
    void averagesAreOverTheTimedOperationsOnly() {
        StowageCacheStatistics statistics = new StowageCacheStatistics();
        statistics.recordHits(10);
        statistics.recordGetTime(4_000, 2);
        statistics.recordPuts(10);
        statistics.recordPutTime(9_000, 3);
        assertThat(statistics.getAverageGetTime()).isEqualTo(2f);
        assertThat(statistics.getAveragePutTime()).isEqualTo(3f);
        statistics.clear();
        assertThat(statistics.getAverageGetTime()).isZero();
        assertThat(statistics.getCacheHits()).isZero();
    }
}
