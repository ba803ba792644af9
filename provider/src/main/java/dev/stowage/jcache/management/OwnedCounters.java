package dev.stowage.jcache.management;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A few exact counters that the threads counting them pay no atomic instruction for in the common
 * case: each of {@value #SLOTS} padded cells is owned by one thread for good (the first to count with
 * its thread id's slot), and only the owner writes it, with plain increments published as opaque
 * writes. A thread whose slot another thread owns counts in a {@link LongAdder} instead (cells are not
 * taken over from owners that ended: telling that costs a native call, more than the adder). Sums read every cell and adder, so they are
 * exact once the counting threads are quiet and never lose a count; like {@link LongAdder#sum()},
 * a sum taken while threads count is not a snapshot, and {@link #reset()} is not atomic against
 * concurrent counts. Thread-safe.
 */
final class OwnedCounters {

    /** Cells, a power of two. */
    static final int SLOTS = 16;
    /** Longs per cell: 128 bytes, so that two owners' cells never share a cache line. */
    private static final int STRIDE = 16;
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    private final int counters;
    private final long[] cells;
    private final AtomicReferenceArray<Thread> owners = new AtomicReferenceArray<>(SLOTS);
    private final LongAdder[] shared;

    /**
     * Creates counters at zero.
     *
     * @param counters how many counters, 1 to {@value #STRIDE}
     */
    OwnedCounters(int counters) {
        if (counters < 1 || counters > STRIDE) {
            throw new IllegalArgumentException("between 1 and " + STRIDE + " counters, not " + counters);
        }
        this.counters = counters;
        // one cell of padding before the first, away from the array's header
        this.cells = new long[(SLOTS + 1) * STRIDE];
        this.shared = new LongAdder[counters];
        for (int i = 0; i < counters; i++) {
            shared[i] = new LongAdder();
        }
    }

    /**
     * Adds {@code amount} to counter {@code counter}.
     *
     * @param counter the counter's index, below the count given at construction
     * @param amount what to add
     */
    void add(int counter, long amount) {
        int index = ownedIndex(counter);
        if (index >= 0) {
            LONGS.setOpaque(cells, index, (long) LONGS.getOpaque(cells, index) + amount);
        } else {
            shared[counter].add(amount);
        }
    }

    /**
     * Adds one to counter {@code counter} and tells the calling thread its own count.
     *
     * @param counter the counter's index, below the count given at construction
     * @return the new count of the calling thread's cell (at least 1), or {@code -1} when this thread
     *     counts in the shared adder, whose sum is not its own
     */
    long increment(int counter) {
        int index = ownedIndex(counter);
        if (index >= 0) {
            long count = (long) LONGS.getOpaque(cells, index) + 1;
            LONGS.setOpaque(cells, index, count);
            return count;
        }
        shared[counter].increment();
        return -1;
    }

    /**
     * The index in {@link #cells} of {@code counter} in the calling thread's own cell, taking the cell of
     * its slot if no thread has yet; {@code -1} when another thread owns that slot.
     */
    private int ownedIndex(int counter) {
        Thread thread = Thread.currentThread();
        int slot = (int) thread.getId() & (SLOTS - 1);
        Thread owner = owners.get(slot);
        if (owner == thread || (owner == null && owners.compareAndSet(slot, null, thread))) {
            return (slot + 1) * STRIDE + counter;
        }
        return -1;
    }

    /**
     * Returns the sum of counter {@code counter}.
     *
     * @param counter the counter's index
     * @return the sum of every cell's and the shared adder's count
     */
    long sum(int counter) {
        long sum = shared[counter].sum();
        for (int slot = 0; slot < SLOTS; slot++) {
            sum += (long) LONGS.getOpaque(cells, (slot + 1) * STRIDE + counter);
        }
        return sum;
    }

    /** Sets every counter to zero; counts made meanwhile may survive or be lost. */
    void reset() {
        for (int counter = 0; counter < counters; counter++) {
            shared[counter].reset();
            for (int slot = 0; slot < SLOTS; slot++) {
                LONGS.setOpaque(cells, (slot + 1) * STRIDE + counter, 0L);
            }
        }
    }
}
