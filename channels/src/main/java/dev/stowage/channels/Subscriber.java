package dev.stowage.channels;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One subscription made by {@link Channels#subscribe}, after Litestar's {@code Subscriber}: the
 * events of its channels wait in its own bounded backlog ({@link BacklogStrategy}), and are consumed
 * in exactly one of three ways, chosen by the first call:
 * <ul>
 *   <li>pulled: {@link #poll(Duration)} or the blocking {@link #iterator()};</li>
 *   <li>pushed with backpressure: {@link #asPublisher()} (one {@link Flow.Subscriber});</li>
 *   <li>a callback on a background thread: {@link #runInBackground(Consumer)}.</li>
 * </ul>
 * {@link #close()} unsubscribes; consumers then get what is left in the backlog and the end
 * (iterator exhausted, {@code onComplete}, background task returns). Thread-safe; the pull methods
 * are meant for one consuming thread.
 */
public final class Subscriber implements Iterable<ChannelEvent>, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Subscriber.class.getName());

    private final Set<String> channels;
    private final Backlog backlog;
    private final Consumer<Subscriber> onClose;
    private final Executor executor;
    private final AtomicReference<String> mode = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    Subscriber(Set<String> channels, Backlog backlog, Consumer<Subscriber> onClose, Executor executor) {
        this.channels = Set.copyOf(channels);
        this.backlog = backlog;
        this.onClose = onClose;
        this.executor = executor;
    }

    /**
     * The channels subscribed to.
     *
     * @return an unmodifiable set; never null
     */
    public Set<String> channels() {
        return channels;
    }

    /**
     * The number of events dropped so far because the backlog was full.
     *
     * @return a count {@code >= 0}
     */
    public long droppedEvents() {
        return backlog.dropped();
    }

    Backlog backlog() {
        return backlog;
    }

    private void claim(String wanted) {
        if (!mode.compareAndSet(null, wanted) && !wanted.equals(mode.get())) {
            throw new IllegalStateException("this subscriber is already consumed " + mode.get()
                    + "; it cannot also be consumed " + wanted);
        }
    }

    /**
     * Takes the next event, waiting up to {@code timeout} (pull mode).
     *
     * @param timeout how long to wait; never null, may be zero
     * @return the next event, or null when none came in time or the subscriber is closed and drained
     * @throws NullPointerException when {@code timeout} is null
     * @throws IllegalStateException when consumed in another mode
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public ChannelEvent poll(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        claim("by pulling");
        return backlog.take(timeout);
    }

    /**
     * A blocking iterator (pull mode): {@code hasNext()} waits for the next event and returns false
     * only once the subscriber is closed and its backlog drained. An interrupt while waiting ends the
     * iteration and keeps the thread's interrupt flag set.
     *
     * @return the iterator; never null
     * @throws IllegalStateException when consumed in another mode
     */
    @Override
    public Iterator<ChannelEvent> iterator() {
        claim("by pulling");
        return new Iterator<>() {
            private ChannelEvent next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = backlog.take(null);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                return next != null;
            }

            @Override
            public ChannelEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("subscriber closed");
                }
                ChannelEvent event = next;
                next = null;
                return event;
            }
        };
    }

    /**
     * The events as a {@link Flow.Publisher} accepting one subscriber, delivered on a background
     * thread as it requests them (push mode). Cancelling closes this subscriber.
     *
     * @return the publisher; never null
     * @throws IllegalStateException when consumed in another mode
     */
    public Flow.Publisher<ChannelEvent> asPublisher() {
        claim("as a Flow.Publisher");
        return new SubscriberPublisher(this, executor);
    }

    /**
     * Calls {@code callback} with every event on a background thread until the subscriber is closed
     * (callback mode). An exception thrown by the callback is logged and the next event delivered.
     *
     * @param callback called once per event, never concurrently; never null
     * @throws NullPointerException when {@code callback} is null
     * @throws IllegalStateException when consumed in another mode, or already given a callback
     */
    public void runInBackground(Consumer<ChannelEvent> callback) {
        Objects.requireNonNull(callback, "callback");
        if (!mode.compareAndSet(null, "by a callback")) {
            throw new IllegalStateException("this subscriber is already consumed " + mode.get());
        }
        executor.execute(() -> {
            try {
                ChannelEvent event;
                while ((event = backlog.take(null)) != null) {
                    try {
                        callback.accept(event);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "channels callback failed on " + event, e);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Unsubscribes: no new event is added; what is in the backlog can still be consumed. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                onClose.accept(this);
            } finally {
                backlog.close();
            }
        }
    }

    /**
     * Describes the subscriber.
     *
     * @return its channels
     */
    @Override
    public String toString() {
        return "Subscriber" + channels;
    }
}
