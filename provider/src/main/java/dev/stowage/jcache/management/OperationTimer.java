package dev.stowage.jcache.management;

/**
 * Chooses which operations of a cache with statistics on are timed for the JSR-107 averages
 * ({@code AverageGetTime}, {@code AveragePutTime}, {@code AverageRemoveTime}, section 12.4): every
 * one of the first {@value #EXACT} operations that ask, then one in {@value #SAMPLE_ONE_IN} chosen at
 * random, so that a cache on a hot path does not pay two clock reads per operation, while the
 * averages stay exact for small workloads and unbiased estimates for large ones. Counts (hits, gets,
 * puts, ...) are never sampled.
 *
 * <p>The choice costs no atomic instruction and no thread-local lookup: each thread draws from a
 * xorshift generator in one of {@value #SLOTS} padded slots picked by its thread id, updated without
 * synchronization (threads that share a slot only make the draws less independent). Thread-safe in
 * that sense; the count of exact operations is kept the same way, so a few more than {@value #EXACT}
 * may be timed under contention.
 */
public final class OperationTimer {

    /** What {@link #start()} returns for an operation that is not timed. */
    public static final long UNTIMED = Long.MIN_VALUE;
    /** How many operations are all timed before sampling starts. */
    public static final int EXACT = 1024;
    /** After the first {@value #EXACT}, one operation in this many is timed; a power of two. */
    public static final int SAMPLE_ONE_IN = 64;

    /** Generator slots, a power of two. */
    static final int SLOTS = 16;
    /** Longs between two slots: 128 bytes, so that two threads' slots never share a cache line. */
    private static final int STRIDE = 16;

    private final long[] states = new long[SLOTS * STRIDE];
    private int timed;

    /** Creates a timer that has timed nothing yet. */
    public OperationTimer() {
        for (int slot = 0; slot < SLOTS; slot++) {
            // any non-zero seed; xorshift never reaches zero from one
            states[slot * STRIDE] = 0x9E3779B97F4A7C15L * (slot + 1);
        }
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
        int slot = ((int) Thread.currentThread().getId() & (SLOTS - 1)) * STRIDE;
        long state = states[slot];
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        states[slot] = state;
        return (state & (SAMPLE_ONE_IN - 1)) == 0 ? System.nanoTime() : UNTIMED;
    }

    /** Times the next {@value #EXACT} operations again in full (the statistics were cleared). */
    public void restart() {
        timed = 0;
    }
}
