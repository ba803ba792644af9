package dev.stowage.channels.support;

import dev.stowage.channels.ChannelEvent;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link Flow.Publisher} a backend's {@code events()} returns: a JDK {@link SubmissionPublisher}
 * with a buffer per subscriber and its own daemon threads (never the common pool, which has a
 * single thread on a 2-core machine).
 *
 * <p>{@link #deliver(ChannelEvent)} blocks while a subscriber's buffer is full: that is the
 * backpressure the backend passes on to its source. Thread-safe.
 */
public final class EventHub implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ExecutorService executor;
    private final SubmissionPublisher<ChannelEvent> publisher;

    /**
     * Creates a hub.
     *
     * @param name the backend's name, used in thread names; never null
     * @param bufferSize each subscriber's buffer, in events; rounded up to a power of two, {@code >= 1}
     * @throws IllegalArgumentException when {@code bufferSize < 1}
     */
    public EventHub(String name, int bufferSize) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("event buffer size must be >= 1, was " + bufferSize);
        }
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "stowage-" + name + "-events-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.publisher = new SubmissionPublisher<>(executor, bufferSize);
    }

    /**
     * The publisher to return from {@code events()}.
     *
     * @return the hub's publisher; never null
     */
    public Flow.Publisher<ChannelEvent> publisher() {
        return publisher;
    }

    /**
     * Hands an event to every current subscriber, waiting while one's buffer is full. Without
     * subscribers the event is dropped. After {@link #close()} it is dropped too.
     *
     * @param event the event; never null
     */
    public void deliver(ChannelEvent event) {
        if (!publisher.isClosed()) {
            try {
                publisher.submit(event);
            } catch (IllegalStateException closedMeanwhile) {
                // closed between the check and the submit: dropped like any event after close()
            }
        }
    }

    /**
     * Completes every subscriber once it has received what was delivered before. Idempotent.
     */
    @Override
    public void close() {
        publisher.close();
        executor.shutdown();
    }
}
