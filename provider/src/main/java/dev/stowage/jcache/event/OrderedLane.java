package dev.stowage.jcache.event;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A serial queue of work for one asynchronous listener and a share of the keys: work runs on the
 * executor one item at a time, in the order its places were {@link #reserve() reserved}, whatever
 * the order in which they were {@link Slot#fill filled}. A place is reserved inside the atomic step of
 * the store that makes the event (so places of one key follow the store's order of writes) and filled
 * after the step; a place not yet filled holds back the places behind it. At most one task of a lane
 * is on the executor at any time, so a slow listener holds up only its own lanes. Thread-safe.
 */
final class OrderedLane {

    private final Executor executor;
    private final ConcurrentLinkedQueue<Slot> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /**
     * Creates an empty lane.
     *
     * @param executor runs the work, not {@code null}
     */
    OrderedLane(Executor executor) {
        this.executor = executor;
    }

    /**
     * Reserves the next place of this lane.
     *
     * @return the place, to be {@link Slot#fill filled} or {@link Slot#cancel cancelled} exactly once
     */
    Slot reserve() {
        Slot slot = new Slot();
        queue.add(slot);
        return slot;
    }

    private void schedule() {
        Slot head = queue.peek();
        if (head != null && head.ready && scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // the provider is closing: its caches' events are not delivered any more
                scheduled.set(false);
            }
        }
    }

    private void drain() {
        while (true) {
            for (Slot head = queue.peek(); head != null && head.ready; head = queue.peek()) {
                queue.poll();
                Runnable work = head.work;
                if (work != null) {
                    work.run();
                }
            }
            scheduled.set(false);
            Slot head = queue.peek();
            if (head == null || !head.ready || !scheduled.compareAndSet(false, true)) {
                return;
            }
        }
    }

    /** One place of the lane: empty until filled with work or cancelled. */
    final class Slot {
        private volatile Runnable work;
        private volatile boolean ready;

        /**
         * Gives this place its work, which runs once every place before it is done.
         *
         * @param task the work; it must not throw
         */
        void fill(Runnable task) {
            work = task;
            ready = true;
            schedule();
        }

        /** Gives this place up: nothing runs for it, and the places behind it may go on. */
        void cancel() {
            work = null;
            ready = true;
            schedule();
        }
    }
}
