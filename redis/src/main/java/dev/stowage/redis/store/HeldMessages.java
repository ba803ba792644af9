package dev.stowage.redis.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The change-feed messages that a {@link RedisStore#computeExclusive} step's function publishes on the
 * step's own thread, to its own namespace's feed ({@link RedisChangeFeed#publish}): instead of one
 * {@code PUBLISH} each, before the write, they are held here and sent by the step's write script
 * ({@code write-and-unlock.lua}), atomically with the write and still under the key's lock; a step
 * whose write is fenced off sends none. One instance per running step, reached through a thread-local
 * while the function runs; not thread-safe (one thread).
 */
final class HeldMessages {

    private static final ThreadLocal<HeldMessages> CURRENT = new ThreadLocal<>();

    private final String path;
    private final Object client;
    private final HeldMessages outer;
    private final List<byte[]> messages = new ArrayList<>(1);

    private HeldMessages(String path, Object client, HeldMessages outer) {
        this.path = path;
        this.client = client;
        this.outer = outer;
    }

    /**
     * Starts holding the messages published on this thread to the feed of {@code store}'s namespace.
     *
     * @param store the step's store, not {@code null}
     * @return the holder; {@link #close()} it in a {@code finally}
     */
    static HeldMessages open(RedisStore store) {
        HeldMessages held = new HeldMessages(store.layout().toString(), store.client(), CURRENT.get());
        CURRENT.set(held);
        return held;
    }

    /**
     * Holds {@code message} when this thread runs an exclusive step of the namespace {@code path} on
     * {@code client}.
     *
     * @param path the feed's namespace path
     * @param client the feed's client
     * @param message the message
     * @return {@code true} when held (the step's write sends it), {@code false} when the caller must
     *     publish it itself
     */
    static boolean hold(String path, Object client, byte[] message) {
        HeldMessages held = CURRENT.get();
        if (held == null || held.client != client || !held.path.equals(path)) {
            return false;
        }
        held.messages.add(message);
        return true;
    }

    /** Returns the messages held so far, in the order published. */
    List<byte[]> messages() {
        return messages;
    }

    /** Stops holding on this thread; the step this one runs inside of (if any) holds again. */
    void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
