package dev.stowage.jcache.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class OwnedCountersTest {

    private static void countIn(OwnedCounters counters, int threads, int each) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {
                    counters.add(0, 1);
                    counters.add(1, 2);
                }
            });
            thread.start();
            started.add(thread);
        }
        start.countDown();
        for (Thread thread : started) {
            thread.join();
        }
    }

    @Test
    void countsAreExactWithMoreThreadsThanCellsAndAfterTheirOwnersEnded() throws InterruptedException {
        OwnedCounters counters = new OwnedCounters(2);
        // 40 threads over 16 cells: some own a cell, the others count in the shared adders
        countIn(counters, 40, 50_000);
        assertThat(counters.sum(0)).isEqualTo(40L * 50_000);
        assertThat(counters.sum(1)).isEqualTo(2L * 40 * 50_000);
        // the owners ended: new threads count in the shared adders, the owners' counts stay
        countIn(counters, 8, 10_000);
        assertThat(counters.sum(0)).isEqualTo(40L * 50_000 + 8 * 10_000);
        counters.add(0, 5);
        assertThat(counters.sum(0)).isEqualTo(40L * 50_000 + 8 * 10_000 + 5);
        counters.reset();
        assertThat(counters.sum(0)).isZero();
        assertThat(counters.sum(1)).isZero();
    }

    private static long slot(Thread thread) {
        return thread.getId() & (OwnedCounters.SLOTS - 1);
    }

    @Test
    void incrementTellsTheOwnerItsCountAndAThreadWithoutACellThatItHasNone() throws InterruptedException {
        OwnedCounters counters = new OwnedCounters(1);
        assertThat(counters.increment(0)).isEqualTo(1);
        assertThat(counters.increment(0)).isEqualTo(2);
        long[] seen = new long[2];
        Thread sharing;
        do {
            // a thread whose id picks this thread's slot, which this thread owns
            sharing = new Thread(() -> {
                seen[0] = counters.increment(0);
                seen[1] = counters.increment(0);
            });
        } while (slot(sharing) != slot(Thread.currentThread()));
        sharing.start();
        sharing.join();
        assertThat(seen).containsExactly(-1, -1);
        assertThat(counters.increment(0)).isEqualTo(3);
        assertThat(counters.sum(0)).isEqualTo(5);
    }

    @Test
    void aCountOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> new OwnedCounters(0)).hasMessageContaining("not 0");
        assertThatThrownBy(() -> new OwnedCounters(17)).hasMessageContaining("not 17");
    }
}
