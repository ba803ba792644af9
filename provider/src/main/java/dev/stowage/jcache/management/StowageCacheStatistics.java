package dev.stowage.jcache.management;

import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * A cache's statistics in this JVM (JSR-107 section 12.4 "Statistics"), counted with
 * {@link LongAdder}s so that recording costs no contention. Counts are exact. Times are recorded in
 * nanoseconds for the operations an {@link OperationTimer} chose to time (every one of a cache's first
 * 1,024, then one in 64 at random) and reported, as the MXBean asks, as averages in microseconds over
 * those operations, so that timing does not cost every operation two clock reads. Thread-safe.
 */
public final class StowageCacheStatistics implements CacheStatisticsMXBean {

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder removals = new LongAdder();
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
        hits.add(count);
    }

    /**
     * Records misses.
     *
     * @param count how many, at least 0
     */
    public void recordMisses(long count) {
        misses.add(count);
    }

    /**
     * Records puts.
     *
     * @param count how many, at least 0
     */
    public void recordPuts(long count) {
        puts.add(count);
    }

    /**
     * Records removals.
     *
     * @param count how many, at least 0
     */
    public void recordRemovals(long count) {
        removals.add(count);
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
        for (LongAdder adder : new LongAdder[] {hits, misses, puts, removals, evictions, getNanos, putNanos, removeNanos,
                timedGets, timedPuts, timedRemovals}) {
            adder.reset();
        }
    }

    @Override
    public long getCacheHits() {
        return hits.sum();
    }

    @Override
    public float getCacheHitPercentage() {
        long h = hits.sum();
        long total = h + misses.sum();
        return total == 0 ? 0 : 100f * h / total;
    }

    @Override
    public long getCacheMisses() {
        return misses.sum();
    }

    @Override
    public float getCacheMissPercentage() {
        long m = misses.sum();
        long total = m + hits.sum();
        return total == 0 ? 0 : 100f * m / total;
    }

    @Override
    public long getCacheGets() {
        return hits.sum() + misses.sum();
    }

    @Override
    public long getCachePuts() {
        return puts.sum();
    }

    @Override
    public long getCacheRemovals() {
        return removals.sum();
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
