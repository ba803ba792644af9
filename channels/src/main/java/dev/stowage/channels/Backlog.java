package dev.stowage.channels;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A subscriber's bounded queue of waiting events. {@link #offer} never blocks: when full it applies
 * the {@link BacklogStrategy}; {@link #take} blocks until an event comes or the backlog is closed
 * and empty. Thread-safe.
 */
final class Backlog {

    private final int capacity;
    private final BacklogStrategy strategy;
    private final ArrayDeque<ChannelEvent> events = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private boolean closed;
    private long dropped;

    Backlog(int capacity, BacklogStrategy strategy) {
        this.capacity = capacity;
        this.strategy = strategy;
    }

    /**
     * Adds an event, dropping one by the strategy when full; ignored once closed.
     *
     * @param event the event; never null
     */
    void offer(ChannelEvent event) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (events.size() >= capacity) {
                dropped++;
                if (strategy == BacklogStrategy.DROP_NEWEST) {
                    return;
                }
                events.pollFirst();
            }
            events.addLast(event);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the oldest event, waiting up to {@code timeout}.
     *
     * @param timeout how long to wait; null waits without limit
     * @return the event, or null when the wait ended or the backlog is closed and empty
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    ChannelEvent take(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout == null ? Long.MAX_VALUE : timeout.toNanos();
            while (events.isEmpty() && !closed) {
                if (timeout == null) {
                    notEmpty.await();
                } else {
                    if (nanos <= 0) {
                        return null;
                    }
                    nanos = notEmpty.awaitNanos(nanos);
                }
            }
            return events.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #close()} was called and every event was taken. */
    boolean isDrained() {
        lock.lock();
        try {
            return closed && events.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the backlog: takers get what is left, then null. Idempotent. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The number of events dropped so far because the backlog was full. */
    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
