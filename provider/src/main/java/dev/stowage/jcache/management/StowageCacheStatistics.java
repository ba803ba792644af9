package dev.stowage.jcache.management;

import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * A cache's statistics in this JVM (JSR-107 section 12.4 "Statistics"), counted with
 * {@link LongAdder}s so that recording costs no contention. Times are recorded in nanoseconds and
 * reported, as the MXBean asks, as averages in microseconds. Thread-safe.
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
     * Records the time a get took.
     *
     * @param nanos nanoseconds
     */
    public void recordGetTime(long nanos) {
        getNanos.add(nanos);
    }

    /**
     * Records the time a put took.
     *
     * @param nanos nanoseconds
     */
    public void recordPutTime(long nanos) {
        putNanos.add(nanos);
    }

    /**
     * Records the time a remove took.
     *
     * @param nanos nanoseconds
     */
    public void recordRemoveTime(long nanos) {
        removeNanos.add(nanos);
    }

    @Override
    public void clear() {
        for (LongAdder adder : new LongAdder[] {hits, misses, puts, removals, evictions, getNanos, putNanos, removeNanos}) {
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
        return average(getNanos.sum(), getCacheGets());
    }

    @Override
    public float getAveragePutTime() {
        return average(putNanos.sum(), getCachePuts());
    }

    @Override
    public float getAverageRemoveTime() {
        return average(removeNanos.sum(), getCacheRemovals());
    }

    private static float average(long nanos, long count) {
        return count == 0 ? 0 : nanos / 1000f / count;
    }
}
