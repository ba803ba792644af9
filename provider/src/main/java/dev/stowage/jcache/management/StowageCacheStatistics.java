package dev.stowage.jcache.management;

import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * A cache's statistics in this JVM (JSR-107 section 12.4 "Statistics"). Hits, misses, puts and
 * removals are exact counts in {@link OwnedCounters}, which cost a counting thread no atomic
 * instruction; evictions and times are {@link LongAdder}s. Times are recorded in
 * nanoseconds for the operations an {@link OperationTimer} chose to time (every one of a cache's first
 * 1,024, then one in 64 at random) and reported, as the MXBean asks, as averages in microseconds over
 * those operations, so that timing does not cost every operation two clock reads. Thread-safe.
 */
public final class StowageCacheStatistics implements CacheStatisticsMXBean {

    private static final int HITS = 0;
    private static final int MISSES = 1;
    private static final int PUTS = 2;
    private static final int REMOVALS = 3;

    private final OwnedCounters counts = new OwnedCounters(4);
    private final LongAdder evictions = new LongAdder();
    private final LongAdder getNanos = new LongAdder();
    private final LongAdder putNanos = new LongAdder();
    private final LongAdder removeNanos = new LongAdder();
    private final LongAdder timedGets = new LongAdder();
    private final LongAdder timedPuts = new LongAdder();
    private final LongAdder timedRemovals = new LongAdder();
    private final OperationTimer timer = new OperationTimer();

    /** Creates statistics at zero. */
    public StowageCacheStatistics() {
    }

    /**
     * Records hits.
     *
     * @param count how many, at least 0
     */
    public void recordHits(long count) {
        counts.add(HITS, count);
    }

    /**
     * Records misses.
     *
     * @param count how many, at least 0
     */
    public void recordMisses(long count) {
        counts.add(MISSES, count);
    }

    /**
     * Records puts.
     *
     * @param count how many, at least 0
     */
    public void recordPuts(long count) {
        counts.add(PUTS, count);
    }

    /**
     * Records removals.
     *
     * @param count how many, at least 0
     */
    public void recordRemovals(long count) {
        counts.add(REMOVALS, count);
    }

    /**
     * Records evictions.
     *
     * @param count how many, at least 0
     */
    public void recordEvictions(long count) {
        evictions.add(count);
    }

    /**
     * Records the time of one timed get operation (the averages are taken over the timed operations,
     * see {@link OperationTimer}).
     *
     * @param nanos the nanoseconds it took
     * @param count how many entries it read, at least 1 (more for a bulk operation)
     */
    public void recordGetTime(long nanos, long count) {
        getNanos.add(nanos);
        timedGets.add(count);
    }

    /**
     * Records the time of one timed put operation (the averages are taken over the timed operations,
     * see {@link OperationTimer}).
     *
     * @param nanos the nanoseconds it took
     * @param count how many entries it wrote, at least 1 (more for a bulk operation)
     */
    public void recordPutTime(long nanos, long count) {
        putNanos.add(nanos);
        timedPuts.add(count);
    }

    /**
     * Records the time of one timed remove operation (the averages are taken over the timed operations,
     * see {@link OperationTimer}).
     *
     * @param nanos the nanoseconds it took
     * @param count how many entries it removed, at least 1 (more for a bulk operation)
     */
    public void recordRemoveTime(long nanos, long count) {
        removeNanos.add(nanos);
        timedRemovals.add(count);
    }

    /**
     * Starts timing an operation if the {@link OperationTimer} chooses it.
     *
     * @return {@link System#nanoTime()} now, or {@link OperationTimer#UNTIMED}
     */
    public long startTiming() {
        return timer.start();
    }

    @Override
    public void clear() {
        timer.restart();
        counts.reset();
        for (LongAdder adder : new LongAdder[] {evictions, getNanos, putNanos, removeNanos, timedGets, timedPuts,
                timedRemovals}) {
            adder.reset();
        }
    }

    @Override
    public long getCacheHits() {
        return counts.sum(HITS);
    }

    @Override
    public float getCacheHitPercentage() {
        long h = counts.sum(HITS);
        long total = h + counts.sum(MISSES);
        return total == 0 ? 0 : 100f * h / total;
    }

    @Override
    public long getCacheMisses() {
        return counts.sum(MISSES);
    }

    @Override
    public float getCacheMissPercentage() {
        long m = counts.sum(MISSES);
        long total = m + counts.sum(HITS);
        return total == 0 ? 0 : 100f * m / total;
    }

    @Override
    public long getCacheGets() {
        return counts.sum(HITS) + counts.sum(MISSES);
    }

    @Override
    public long getCachePuts() {
        return counts.sum(PUTS);
    }

    @Override
    public long getCacheRemovals() {
        return counts.sum(REMOVALS);
    }

    @Override
    public long getCacheEvictions() {
        return evictions.sum();
    }

    @Override
    public float getAverageGetTime() {
        return average(getNanos.sum(), timedGets.sum());
    }

    @Override
    public float getAveragePutTime() {
        return average(putNanos.sum(), timedPuts.sum());
    }

    @Override
    public float getAverageRemoveTime() {
        return average(removeNanos.sum(), timedRemovals.sum());
    }

    private static float average(long nanos, long count) {
        return count == 0 ? 0 : nanos / 1000f / count;
    }
}
