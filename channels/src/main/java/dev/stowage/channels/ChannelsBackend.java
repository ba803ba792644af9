package dev.stowage.channels;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * A pub/sub transport, after Litestar's {@code ChannelsBackend}: it publishes bytes to named
 * channels and streams the events of the channels it is subscribed to.
 *
 * <p>Channel names are case-sensitive, arbitrary strings (the empty string included); they must
 * not be null nor hold an unpaired UTF-16 surrogate, since they cross the wire as UTF-8.
 *
 * <p>Life cycle: a backend is created unstarted (e.g. by {@link ChannelsBackends#open(String)});
 * {@link #start()} connects it; {@link #close()} ends it for good. Every other method throws
 * {@link IllegalStateException} before {@code start()} or after {@code close()}.
 *
 * <p>Implementations are thread-safe: every method may be called from any thread.
 */
public interface ChannelsBackend extends AutoCloseable {

    /**
     * Connects the backend and starts receiving (Litestar's {@code on_startup}). Idempotent while
     * running.
     *
     * @throws IllegalStateException when closed, or when the server cannot be reached (the message
     *     names the address, never a password)
     */
    void start();

    /**
     * Stops receiving, completes the {@link #events()} subscribers ({@code onComplete} after the
     * events already received) and releases connections it opened (Litestar's {@code on_shutdown}).
     * Idempotent; never throws for an unstarted backend.
     */
    @Override
    void close();

    /**
     * Starts receiving the events of these channels; those published from now on reach
     * {@link #events()}. Already subscribed channels stay as they are.
     *
     * @param channels channel names; never null, no null element; empty does nothing
     * @throws NullPointerException when {@code channels} or an element is null
     * @throws IllegalArgumentException when a name holds an unpaired surrogate (the message names it)
     * @throws IllegalStateException when not running
     */
    void subscribe(Collection<String> channels);

    /**
     * Stops receiving the events of these channels: no event of them published after this returns
     * reaches {@link #events()} (one received just before may still be on its way). Channels not
     * subscribed are ignored.
     *
     * @param channels channel names; never null, no null element
     * @throws NullPointerException when {@code channels} or an element is null
     * @throws IllegalStateException when not running
     */
    void unsubscribe(Collection<String> channels);

    /**
     * Publishes the data to every channel given, atomically where the backend says so (all Redis
     * backends: one Lua script). Publishing needs no subscription.
     *
     * @param data the message; never null; the caller must not modify it afterwards
     * @param channels channel names; never null nor empty, no null element
     * @throws NullPointerException when {@code data}, {@code channels} or an element is null
     * @throws IllegalArgumentException when {@code channels} is empty or a name is malformed
     * @throws IllegalStateException when not running
     */
    void publish(byte[] data, Collection<String> channels);

    /**
     * The events of the subscribed channels, in publish order per channel and publisher. Each
     * {@link Flow.Subscriber} receives every event that arrives after it subscribed, with
     * backpressure: a subscriber that requests nothing holds up delivery (and, where the backend
     * can, reading from the server) once its buffer is full. Subscribers are completed by
     * {@link #close()}.
     *
     * @return a publisher shared by all callers; never null
     */
    Flow.Publisher<ChannelEvent> events();

    /**
     * The last messages kept for a channel, oldest first (Litestar's {@code get_history}).
     *
     * @param channel the channel's name; never null
     * @param limit at most this many messages, {@code >= 0}; {@link Integer#MAX_VALUE} for all kept
     * @return the messages, oldest first; empty when none are kept; never null
     * @throws UnsupportedOperationException when the backend keeps no history (redis-pubsub)
     * @throws NullPointerException when {@code channel} is null
     * @throws IllegalArgumentException when {@code limit} is negative
     * @throws IllegalStateException when not running
     */
    List<byte[]> history(String channel, int limit);

    /**
     * All messages kept for a channel, oldest first: {@code history(channel, Integer.MAX_VALUE)}.
     *
     * @param channel the channel's name; never null
     * @return the messages, oldest first; never null
     * @throws UnsupportedOperationException when the backend keeps no history
     * @throws IllegalStateException when not running
     */
    default List<byte[]> history(String channel) {
        return history(channel, Integer.MAX_VALUE);
    }
}
