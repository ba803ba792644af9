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
    void timesEachThreadsFirstOperationsThenOneInSampleOneIn() {
        OperationTimer timer = new OperationTimer();
        assertThat(timedOf(timer, OperationTimer.FIRST_TIMED)).isEqualTo(OperationTimer.FIRST_TIMED);
        // the operations up to the 100th sample period: only each period's last is timed
        assertThat(timedOf(timer, 100 * OperationTimer.SAMPLE_ONE_IN - OperationTimer.FIRST_TIMED)).isEqualTo(100);
    }

    private static long slot(Thread thread) {
        return thread.getId() & (OperationTimer.SLOTS - 1);
    }

    @Test
    void aThreadOfItsOwnStartsWithTimedOperationsToo() throws Exception {
        OperationTimer timer = new OperationTimer();
        timedOf(timer, 10_000);
        int[] timed = new int[1];
        Thread other;
        do {
            other = new Thread(() -> timed[0] = timedOf(timer, OperationTimer.FIRST_TIMED));
        } while (slot(other) == slot(Thread.currentThread()));
        other.start();
        other.join();
        assertThat(timed[0]).isEqualTo(OperationTimer.FIRST_TIMED);
    }

    @Test
    void restartTimesTheNextOperationsInFullAgain() {
        OperationTimer timer = new OperationTimer();
        timedOf(timer, 100_000);
        timer.restart();
        assertThat(timedOf(timer, OperationTimer.FIRST_TIMED)).isEqualTo(OperationTimer.FIRST_TIMED);
    }

    @Test
    void anUnknownCountIsChosenAtRandomOneInSampleOneIn() {
        int chosen = 0;
        int draws = 400 * OperationTimer.SAMPLE_ONE_IN;
        for (int i = 0; i < draws; i++) {
            if (OperationTimer.chosen(-1)) {
                chosen++;
            }
        }
        // expected 400; binomial standard deviation about 20
        assertThat(chosen).isBetween(300, 500);
    }

    @Test
    void singleGetsAreCountedAsTheyStartAndTheirMissesApart() {
        StowageCacheStatistics statistics = new StowageCacheStatistics();
        int timed = 0;
        for (int i = 0; i < 3 * OperationTimer.SAMPLE_ONE_IN; i++) {
            long start = statistics.startGet();
            if (start != OperationTimer.UNTIMED) {
                timed++;
                statistics.recordGetTime(1_000, 1);
            }
            if (i % 4 == 0) {
                statistics.recordGetMiss();
            }
        }
        statistics.recordHits(5);
        statistics.recordMisses(2);
        long gets = 3L * OperationTimer.SAMPLE_ONE_IN;
        assertThat(timed).isEqualTo(OperationTimer.FIRST_TIMED + 3);
        assertThat(statistics.getCacheGets()).isEqualTo(gets + 7);
        assertThat(statistics.getCacheMisses()).isEqualTo(gets / 4 + 2);
        assertThat(statistics.getCacheHits()).isEqualTo(gets - gets / 4 + 5);
        assertThat(statistics.getCacheHitPercentage() + statistics.getCacheMissPercentage()).isCloseTo(100f,
                org.assertj.core.data.Offset.offset(0.01f));
        assertThat(statistics.getAverageGetTime()).isEqualTo(1f);
        statistics.clear();
        assertThat(statistics.getCacheGets()).isZero();
        assertThat(statistics.getCacheHits()).isZero();
        assertThat(statistics.startGet()).isNotEqualTo(OperationTimer.UNTIMED);
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
