package dev.stowage.jcache;

/**
 * The {@code loadAll} calls of one cache that run on the provider's executor, so that closing the
 * cache waits for those already calling the loader before it closes the loader (JSR-107 section 4.1:
 * {@code close()} closes a {@link java.io.Closeable} loader; a load after that would use a closed
 * loader, or reopen what it holds). A call that has not started when the cache closes does not start.
 * Thread-safe: every method holds this object's monitor.
 */
final class BackgroundLoads {

    private int running;
    private boolean closed;

    /**
     * Counts a call in before it touches the loader.
     *
     * @return {@code true} if the call may run; {@code false} once {@link #closeAndAwait()} began
     */
    synchronized boolean enter() {
        if (closed) {
            return false;
        }
        running++;
        return true;
    }

    /** Counts out a call that {@link #enter()} let in; wakes a waiting close when it was the last. */
    synchronized void exit() {
        running--;
        if (running == 0) {
            notifyAll();
        }
    }

    /**
     * Lets no further call in and waits, without a time limit, until the running ones have returned.
     * An interrupt stops the wait early and is kept on the thread.
     */
    synchronized void closeAndAwait() {
        closed = true;
        boolean interrupted = false;
        while (running > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
