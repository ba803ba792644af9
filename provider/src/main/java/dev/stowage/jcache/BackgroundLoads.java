package dev.stowage.jcache;

import java.util.HashSet;
import java.util.Set;

/**
 * The {@code loadAll} calls of one cache that run on the provider's executor, so that closing the
 * cache waits for those already calling the loader before it closes the loader (JSR-107 section 4.1:
 * {@code close()} closes a {@link java.io.Closeable} loader; a load after that would use a closed
 * loader, or reopen what it holds). A call that has not started when the cache closes does not start.
 * A close from within a running call (its loader closing the cache) does not wait for that call.
 * Thread-safe: every method holds this object's monitor.
 */
final class BackgroundLoads {

    private final Set<Thread> running = new HashSet<>();
    private boolean closed;

    /**
     * Counts the calling thread's call in before it touches the loader.
     *
     * @return {@code true} if the call may run; {@code false} once {@link #closeAndAwait()} began
     */
    synchronized boolean enter() {
        if (closed) {
            return false;
        }
        running.add(Thread.currentThread());
        return true;
    }

    /** Counts out the calling thread's call that {@link #enter()} let in; wakes a waiting close. */
    synchronized void exit() {
        running.remove(Thread.currentThread());
        notifyAll();
    }

    /**
     * Lets no further call in and waits, without a time limit, until the calls running on other threads
     * have returned. An interrupt stops the wait early and is kept on the thread.
     */
    synchronized void closeAndAwait() {
        closed = true;
        Thread self = Thread.currentThread();
        while (!running.isEmpty() && !(running.size() == 1 && running.contains(self))) {
            try {
                wait();
            } catch (InterruptedException e) {
                self.interrupt();
                return;
            }
        }
    }
}
