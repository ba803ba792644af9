package dev.stowage.channels.support;

import dev.stowage.channels.ChannelEvent;
import dev.stowage.channels.ChannelsBackend;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Flow;

/**
 * The life cycle, argument checks and event delivery shared by the backends: subclasses implement
 * the {@code do…} methods, which are called only while running and with checked, distinct names.
 *
 * <p>States: new, running, closed. {@link #start()} and {@link #close()} are synchronized; the other
 * methods are as thread-safe as the subclass makes them.
 */
public abstract class AbstractChannelsBackend implements ChannelsBackend {

    private enum State { NEW, RUNNING, CLOSED }

    private final String name;
    private final EventHub hub;
    private volatile State state = State.NEW;

    /**
     * Creates an unstarted backend.
     *
     * @param name a short description for messages and thread names, e.g. {@code "memory"}; never null
     * @param eventBufferSize each {@link #events()} subscriber's buffer, in events, {@code >= 1}
     */
    protected AbstractChannelsBackend(String name, int eventBufferSize) {
        this.name = Objects.requireNonNull(name, "name");
        this.hub = new EventHub(name, eventBufferSize);
    }

    @Override
    public final synchronized void start() {
        if (state == State.CLOSED) {
            throw new IllegalStateException(name + " channels backend is closed");
        }
        if (state == State.NEW) {
            doStart();
            state = State.RUNNING;
        }
    }

    @Override
    public final synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasRunning = state == State.RUNNING;
        state = State.CLOSED;
        try {
            if (wasRunning) {
                doClose();
            }
        } finally {
            hub.close();
        }
    }

    @Override
    public final void subscribe(Collection<String> channels) {
        Set<String> names = ChannelNames.requireValid(channels);
        requireRunning();
        if (!names.isEmpty()) {
            doSubscribe(names);
        }
    }

    @Override
    public final void unsubscribe(Collection<String> channels) {
        Set<String> names = ChannelNames.requireValid(channels);
        requireRunning();
        if (!names.isEmpty()) {
            doUnsubscribe(names);
        }
    }

    @Override
    public final void publish(byte[] data, Collection<String> channels) {
        Objects.requireNonNull(data, "data");
        Set<String> names = ChannelNames.requireValid(channels);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("publish needs at least one channel");
        }
        requireRunning();
        doPublish(data, names);
    }

    @Override
    public final Flow.Publisher<ChannelEvent> events() {
        return hub.publisher();
    }

    @Override
    public final List<byte[]> history(String channel, int limit) {
        ChannelNames.requireValid(channel);
        if (limit < 0) {
            throw new IllegalArgumentException("history limit must be >= 0, was " + limit);
        }
        requireRunning();
        return doHistory(channel, limit);
    }

    /**
     * Throws unless running.
     *
     * @throws IllegalStateException before {@link #start()} or after {@link #close()}
     */
    protected final void requireRunning() {
        State now = state;
        if (now != State.RUNNING) {
            throw new IllegalStateException(name + " channels backend is "
                    + (now == State.NEW ? "not started" : "closed"));
        }
    }

    /**
     * Whether {@link #close()} has been called: readers stop when this turns true.
     *
     * @return true once closing began
     */
    protected final boolean isClosed() {
        return state == State.CLOSED;
    }

    /**
     * Hands a received event to the {@link #events()} subscribers, blocking while one's buffer is full.
     *
     * @param event the event; never null
     */
    protected final void deliver(ChannelEvent event) {
        hub.deliver(event);
    }

    /** Connects; called once, by {@link #start()}. */
    protected abstract void doStart();

    /** Stops readers and releases connections; called once, by {@link #close()}, before the hub closes. */
    protected abstract void doClose();

    /**
     * Subscribes to the channels.
     *
     * @param channels distinct, checked names; never empty
     */
    protected abstract void doSubscribe(Set<String> channels);

    /**
     * Unsubscribes from the channels.
     *
     * @param channels distinct, checked names; never empty
     */
    protected abstract void doUnsubscribe(Set<String> channels);

    /**
     * Publishes to the channels.
     *
     * @param data the message; never null
     * @param channels distinct, checked names; never empty
     */
    protected abstract void doPublish(byte[] data, Set<String> channels);

    /**
     * Reads the history of a channel.
     *
     * @param channel a checked name
     * @param limit the most messages to return, {@code >= 0}
     * @return the messages, oldest first; never null
     */
    protected abstract List<byte[]> doHistory(String channel, int limit);

    /**
     * Describes the backend.
     *
     * @return its name, e.g. {@code "redis-stream 127.0.0.1:6379"}
     */
    @Override
    public String toString() {
        return name + " channels backend";
    }
}
