package dev.stowage.jcache.management;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses which operations of a cache with statistics on are timed for the JSR-107 averages
 * ({@code AverageGetTime}, {@code AveragePutTime}, {@code AverageRemoveTime}, section 12.4): every
 * one of the first {@value #EXACT} operations that ask, then one in {@value #SAMPLE_ONE_IN} chosen at
 * random, so that a cache on a hot path does not pay two clock reads per operation, while the
 * averages stay exact for small workloads and unbiased estimates for large ones. Counts (hits, gets,
 * puts, ...) are never sampled. Thread-safe; the count of exact operations is kept without
 * synchronization, so a few more than {@value #EXACT} may be timed under contention.
 */
public final class OperationTimer {

    /** What {@link #start()} returns for an operation that is not timed. */
    public static final long UNTIMED = Long.MIN_VALUE;
    /** How many operations are all timed before sampling starts. */
    public static final int EXACT = 1024;
    /** After the first {@value #EXACT}, one operation in this many is timed; a power of two. */
    public static final int SAMPLE_ONE_IN = 64;

    private int timed;

    /** Creates a timer that has timed nothing yet. */
    public OperationTimer() {
    }

    /**
     * Starts timing an operation if this one is chosen.
     *
     * @return {@link System#nanoTime()} now, or {@link #UNTIMED} when this operation is not timed
     */
    public long start() {
        if (timed < EXACT) {
            timed++;
            return System.nanoTime();
        }
        return (ThreadLocalRandom.current().nextInt() & (SAMPLE_ONE_IN - 1)) == 0 ? System.nanoTime() : UNTIMED;
    }

    /** Times the next {@value #EXACT} operations again in full (the statistics were cleared). */
    public void restart() {
        timed = 0;
    }
}
