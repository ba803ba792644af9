package dev.stowage.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * A fast check that runs in {@code verify} instead of the benchmarks: a memory benchmark's states set
 * up, answer one call and tear down; the report's median is right. Measures nothing.
 */
class BenchmarkSmokeTest {

    private static ThreadParams firstThread() {
        return new ThreadParams(0, 1, 0, 1, 0, 1, 0, 1, 0, 1);
    }

    @Test
    void memoryBenchmarkSetsUpAnswersAndTearsDown() {
        MemoryJCacheBenchmark benchmark = new MemoryJCacheBenchmark();
        benchmark.provider = "stowage";
        benchmark.storeByValue = true;
        benchmark.types = "Long-byte100";
        benchmark.setUp();
        try {
            MemoryData.Cursor cursor = new MemoryData.Cursor();
            cursor.setUp(firstThread());
            assertThat(benchmark.get(cursor)).isInstanceOf(byte[].class);
            benchmark.put(cursor);
            benchmark.zipfMix(cursor);
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void zipfSequenceFavoursTheFirstKeys() {
        MemoryData.Cursor cursor = new MemoryData.Cursor();
        cursor.setUp(firstThread());
        int hot = 0;
        int writes = 0;
        for (int i = 0; i < 100_000; i++) {
            int position = cursor.nextMixed();
            if (cursor.zipfKey(position) < 100) {
                hot++;
            }
            if (cursor.isWrite(position)) {
                writes++;
            }
        }
        // Zipf(0.99) over 100k keys puts roughly 40% of the draws on the 100 hottest keys
        assertThat(hot).isBetween(30_000, 55_000);
        assertThat(writes).isBetween(9_000, 11_000);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Results.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Results.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Results.median(new double[0])).isNaN();
    }
}
