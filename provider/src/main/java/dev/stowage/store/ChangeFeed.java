package dev.stowage.store;

import java.util.function.Consumer;

/**
 * A namespace's change feed across processes ({@link NamespacedStore#changeFeed()}): one channel that
 * every process using the namespace publishes its changes to, heard by the processes that listen, and
 * a registry of who listens, so that nobody publishes while nobody listens. The JCache layer carries
 * its entry events over it (one feed per cache); the messages are opaque bytes to the feed.
 *
 * <p>What an implementation owes:
 * <ul>
 *   <li>{@link #listened()} is cheap (no round trip): the answer is kept locally, refreshed when some
 *       process starts or stops listening, and periodically;</li>
 *   <li>messages published by one thread reach every listener in the order published, and a message
 *       published after another one returned reaches every listener after it (so publishing under a
 *       per-key lock gives the store's order per key);</li>
 *   <li>a listener whose subscription was lost and re-established hears the messages again from then
 *       on; what was published meanwhile it either gets late, in order (a feed that keeps a history,
 *       as Redis' does), or is told it may have missed ({@code gap}).</li>
 * </ul>
 * Thread-safe. Closing the feed stops listening and frees what it holds; the store's data is untouched.
 */
public interface ChangeFeed extends AutoCloseable {

    /**
     * Tells whether some process (this one included) listens on this feed.
     *
     * @return the locally kept answer; it may lag a registration elsewhere by one message's travel
     */
    boolean listened();

    /**
     * Publishes one message to every process listening on this feed (this one included, if it listens).
     *
     * <p>Published from inside a {@link NamespacedStore#computeExclusive} step of the feed's own
     * namespace, on the step's thread, a message may be held and sent with the step's write, atomically
     * and still under the step's exclusive hold, and is then not sent at all when that write is not
     * made (Redis does so: the event of a step travels with its write).
     *
     * @param message the message, not {@code null}; the caller must not change it afterwards
     * @throws NullPointerException if {@code message} is {@code null}
     * @throws StoreException if the transport fails
     */
    void publish(byte[] message);

    /**
     * Starts listening: registers this process as a listener (so every process publishes from now
     * on) and hands each message published on the feed, in order, to {@code messages}, on one thread
     * of the feed's. A no-op when listening already.
     *
     * @param messages gets every message, own ones included; it must not throw
     * @param gap called when messages were lost for good (e.g. a subscription lost and re-established,
     *     and what was published meanwhile no longer kept by the feed): messages may be missing
     * @throws StoreException if the transport fails
     */
    void listen(Consumer<byte[]> messages, Runnable gap);

    /**
     * Stops listening and deregisters this process; a no-op when not listening.
     *
     * @throws StoreException if the transport fails
     */
    void unlisten();

    /** Stops listening, if it does, and frees the feed's subscriptions and timers. Idempotent. */
    @Override
    void close();
}
