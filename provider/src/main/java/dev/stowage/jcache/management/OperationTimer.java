package dev.stowage.jcache.management;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses which operations of a cache with statistics on are timed for the JSR-107 averages
 * ({@code AverageGetTime}, {@code AveragePutTime}, {@code AverageRemoveTime}, section 12.4): each
 * thread's first {@value #FIRST_TIMED} operations (of the kind counted) and then every
 * {@value #SAMPLE_ONE_IN}th, so that a cache on a hot path does not pay two clock reads per operation,
 * while a small workload still has its first operations timed and a large one is estimated from one in
 * {@value #SAMPLE_ONE_IN}. Counts (hits, gets, puts, ...) are never sampled.
 *
 * <p>The choice costs no atomic instruction and no thread-local lookup: each thread counts its
 * operations in one of {@value #SLOTS} padded slots picked by its thread id, without synchronization
 * (threads that share a slot only make the choice less regular). Thread-safe in that sense.
 */
public final class OperationTimer {

    /** What {@link #start()} returns for an operation that is not timed. */
    public static final long UNTIMED = Long.MIN_VALUE;
    /** How many of each thread's first operations are all timed. */
    public static final int FIRST_TIMED = 8;
    /** After those, one operation in this many is timed; a power of two. */
    public static final int SAMPLE_ONE_IN = 1024;

    /** Count slots, a power of two. */
    static final int SLOTS = 16;
    /** Longs between two slots: 128 bytes, so that two threads' slots never share a cache line. */
    private static final int STRIDE = 16;

    private final long[] counts = new long[(SLOTS + 1) * STRIDE];

    /** Creates a timer that has timed nothing yet. */
    public OperationTimer() {
    }

    /**
     * Tells whether the operation a thread counted as its {@code count}th is timed: the first
     * {@value #FIRST_TIMED}, then every {@value #SAMPLE_ONE_IN}th.
     *
     * @param count the thread's count including this operation, from 1; a negative count (unknown,
     *     see {@link OwnedCounters#increment(int)}) is chosen at random, one in {@value #SAMPLE_ONE_IN}
     * @return {@code true} if the operation is timed
     */
    static boolean chosen(long count) {
        if (count < 0) {
            return ThreadLocalRandom.current().nextInt(SAMPLE_ONE_IN) == 0;
        }
        return count <= FIRST_TIMED || (count & (SAMPLE_ONE_IN - 1)) == 0;
    }

    /**
     * Starts timing an operation if this one is chosen.
     *
     * @return {@link System#nanoTime()} now, or {@link #UNTIMED} when this operation is not timed
     */
    public long start() {
        int slot = (((int) Thread.currentThread().getId() & (SLOTS - 1)) + 1) * STRIDE;
        long count = counts[slot] + 1;
        counts[slot] = count;
        return chosen(count) ? System.nanoTime() : UNTIMED;
    }

    /** Times each thread's next {@value #FIRST_TIMED} operations again (the statistics were cleared). */
    public void restart() {
        Arrays.fill(counts, 0L);
    }
}
