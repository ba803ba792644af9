package dev.stowage.jcache.management;

import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * A cache's statistics in this JVM (JSR-107 section 12.4 "Statistics"). Hits, misses, puts,
 * removals and the timed operations' nanoseconds are exact counts in {@link OwnedCounters}, which cost a
 * counting thread no atomic instruction; evictions are a {@link LongAdder}. A single-key {@code get} is
 * counted as it starts ({@link #startGet()}) and its miss apart; its hits are the difference. Times are
 * recorded in nanoseconds for the operations an {@link OperationTimer} chose to time (each thread's first
 * {@value OperationTimer#FIRST_TIMED} of a kind, then every {@value OperationTimer#SAMPLE_ONE_IN}th) and
 * reported, as the MXBean asks, as averages in microseconds over those operations, so that timing does
 * not cost every operation two clock reads. Sums read while threads count are not a snapshot (a get
 * counted but not yet known to miss reads as a hit meanwhile). Thread-safe.
 */
public final class StowageCacheStatistics implements CacheStatisticsMXBean {

    private static final int HITS = 0;
    private static final int MISSES = 1;
    private static final int PUTS = 2;
    private static final int REMOVALS = 3;
    /** Single-key {@code get}s, counted as they start ({@link #startGet()}). */
    private static final int GETS = 4;
    /** The misses among {@link #GETS} ({@link #recordGetMiss()}); their hits are the difference. */
    private static final int GET_MISSES = 5;
    private static final int GET_NANOS = 6;
    private static final int TIMED_GETS = 7;
    private static final int PUT_NANOS = 8;
    private static final int TIMED_PUTS = 9;
    private static final int REMOVE_NANOS = 10;
    private static final int TIMED_REMOVALS = 11;

    private final OwnedCounters counts = new OwnedCounters(12);
    private final LongAdder evictions = new LongAdder();
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
        counts.add(GET_NANOS, nanos);
        counts.add(TIMED_GETS, count);
    }

    /**
     * Records the time of one timed put operation (the averages are taken over the timed operations,
     * see {@link OperationTimer}).
     *
     * @param nanos the nanoseconds it took
     * @param count how many entries it wrote, at least 1 (more for a bulk operation)
     */
    public void recordPutTime(long nanos, long count) {
        counts.add(PUT_NANOS, nanos);
        counts.add(TIMED_PUTS, count);
    }

    /**
     * Records the time of one timed remove operation (the averages are taken over the timed operations,
     * see {@link OperationTimer}).
     *
     * @param nanos the nanoseconds it took
     * @param count how many entries it removed, at least 1 (more for a bulk operation)
     */
    public void recordRemoveTime(long nanos, long count) {
        counts.add(REMOVE_NANOS, nanos);
        counts.add(TIMED_REMOVALS, count);
    }

    /**
     * Counts a single-key {@code get} that starts now, as a hit unless {@link #recordGetMiss()} follows,
     * and tells whether to time it. One step of the calling thread's own counter both counts the get and
     * picks the thread's first {@value OperationTimer#FIRST_TIMED} gets and then every
     * {@value OperationTimer#SAMPLE_ONE_IN}th, as {@link OperationTimer} does for other operations; a thread
     * without a cell of its own is picked at random, one get in {@value OperationTimer#SAMPLE_ONE_IN}. Pass a
     * timed start to {@link #recordGetTime}. Costs no atomic instruction in the common case.
     *
     * @return {@link System#nanoTime()} now when this get is timed, else {@link OperationTimer#UNTIMED}
     */
    public long startGet() {
        long count = counts.increment(GETS);
        return OperationTimer.chosen(count) ? System.nanoTime() : OperationTimer.UNTIMED;
    }

    /** Records that a {@code get} counted by {@link #startGet()} missed (on any thread). */
    public void recordGetMiss() {
        counts.add(GET_MISSES, 1);
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
        evictions.reset();
    }

    @Override
    public long getCacheHits() {
        return hits(counts.sum(GET_MISSES));
    }

    @Override
    public float getCacheHitPercentage() {
        long getMisses = counts.sum(GET_MISSES);
        long h = hits(getMisses);
        long total = h + counts.sum(MISSES) + getMisses;
        return total == 0 ? 0 : 100f * h / total;
    }

    @Override
    public long getCacheMisses() {
        return counts.sum(MISSES) + counts.sum(GET_MISSES);
    }

    @Override
    public float getCacheMissPercentage() {
        long getMisses = counts.sum(GET_MISSES);
        long m = counts.sum(MISSES) + getMisses;
        long total = m + hits(getMisses);
        return total == 0 ? 0 : 100f * m / total;
    }

    @Override
    public long getCacheGets() {
        return counts.sum(HITS) + counts.sum(MISSES) + counts.sum(GETS);
    }

    /**
     * The hits: those recorded as such plus the single-key gets that did not miss. {@code getMisses} is
     * summed before the gets, so that a get counted meanwhile can only add a passing hit, never make
     * the difference negative.
     */
    private long hits(long getMisses) {
        return counts.sum(HITS) + Math.max(0, counts.sum(GETS) - getMisses);
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
        return average(counts.sum(GET_NANOS), counts.sum(TIMED_GETS));
    }

    @Override
    public float getAveragePutTime() {
        return average(counts.sum(PUT_NANOS), counts.sum(TIMED_PUTS));
    }

    @Override
    public float getAverageRemoveTime() {
        return average(counts.sum(REMOVE_NANOS), counts.sum(TIMED_REMOVALS));
    }

    private static float average(long nanos, long count) {
        return count == 0 ? 0 : nanos / 1000f / count;
    }
}
