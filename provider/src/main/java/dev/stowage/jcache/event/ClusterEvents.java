package dev.stowage.jcache.event;

import dev.stowage.jcache.storage.EventCodec;
import dev.stowage.store.ChangeFeed;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.event.EventType;

/**
 * A cache's entry events across JVMs ({@code events: cluster}), over its store's {@link ChangeFeed}:
 * every JVM using the cache publishes the events of its operations while some JVM listens, inside the
 * key's exclusive step of the store (so in the store's order per key), and a JVM with listeners hears
 * every JVM's events, its own included, from the feed, in the feed's order. Keys and values cross as
 * the store holds them ({@link EventCodec}); filters run on the receiving side, in the listener's JVM.
 *
 * <p>Messages the feed could not deliver (it tells: on Redis, a lost subscription whose messages its
 * history no longer holds) are logged at WARNING and counted ({@link #gaps()}, in the cache's
 * {@code dev.stowage:type=CacheEvents} MXBean): events published meanwhile may be missing.
 * Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ClusterEvents<K, V> implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ClusterEvents.class.getName());

    private final String cacheName;
    private final ChangeFeed feed;
    private final EventCodec<K, V> codec;
    private final UUID origin = UUID.randomUUID();
    private final LongAdder gaps = new LongAdder();
    private volatile EventDispatcher<K, V> dispatcher;
    private boolean listening;

    /**
     * Creates the cluster events of one cache; it listens only once a listener is registered.
     *
     * @param cacheName the cache's name, for messages
     * @param feed the cache namespace's change feed, not {@code null}; closed with this object
     * @param codec how keys and values cross, not {@code null}
     */
    public ClusterEvents(String cacheName, ChangeFeed feed, EventCodec<K, V> codec) {
        this.cacheName = cacheName;
        this.feed = feed;
        this.codec = codec;
    }

    /** Binds the dispatcher that delivers the events heard; called once, by {@link EventDispatcher#attach}. */
    void bind(EventDispatcher<K, V> events) {
        this.dispatcher = events;
    }

    /**
     * Tells whether some JVM listens, so that this one must publish its events (from inside the key's
     * exclusive step). No round trip.
     *
     * @return the feed's locally kept answer
     */
    public boolean publishing() {
        return feed.listened();
    }

    /**
     * Publishes one event of this JVM's operations.
     *
     * @param type the type
     * @param key the key
     * @param value the value (for removals, the removed one), or {@code null}
     * @param oldValue the previous value, or {@code null}
     * @throws dev.stowage.store.StoreException if the feed fails
     */
    public void publish(EventType type, K key, V value, V oldValue) {
        feed.publish(new FeedMessage(origin, type, codec.encodeKey(key),
                value == null ? null : codec.encodeValue(value),
                oldValue == null ? null : codec.encodeValue(oldValue)).toBytes());
    }

    /** Starts or stops listening on the feed, as this JVM's listeners come and go. */
    synchronized void listening(boolean wanted) {
        if (wanted && !listening) {
            feed.listen(this::received, this::gap);
            listening = true;
        } else if (!wanted && listening) {
            listening = false;
            feed.unlisten();
        }
    }

    /**
     * Stops listening as the cache closes: a feed that cannot be reached (the server is down) is
     * logged at WARNING, not thrown, so that closing a cache or a manager always completes; the lease
     * of this JVM's registration then runs out by itself.
     */
    synchronized void stopListening() {
        try {
            listening(false);
        } catch (RuntimeException e) {
            listening = false;
            LOG.log(System.Logger.Level.WARNING, "cache '" + cacheName + "' could not deregister its listeners from the "
                    + "change feed while closing; other JVMs stop publishing to it when its lease runs out: " + e.getMessage());
        }
    }

    private void received(byte[] data) {
        EventDispatcher<K, V> events = dispatcher;
        if (events == null) {
            return;
        }
        try {
            FeedMessage message = FeedMessage.fromBytes(data);
            K key = codec.decodeKey(message.key());
            V value = message.value() == null ? null : codec.decodeValue(message.value());
            V oldValue = message.oldValue() == null ? null : codec.decodeValue(message.oldValue());
            events.fromFeed(events.event(message.type(), key, value, oldValue), message.origin().equals(origin));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cache '" + cacheName + "' dropped an entry event message it cannot read", e);
        }
    }

    private void gap() {
        gaps.increment();
        LOG.log(System.Logger.Level.WARNING, "cache '" + cacheName + "' may have missed entry events of other JVMs: "
                + "its change feed lost messages (a lost and re-established subscription, or missing message numbers); "
                + "events flow again from now on");
    }

    /**
     * Returns how many times the subscription was lost and re-established since the cache was created.
     *
     * @return the count, 0 or more
     */
    public long gaps() {
        return gaps.sum();
    }

    /** Stops listening and closes the feed. */
    @Override
    public synchronized void close() {
        listening = false;
        feed.close();
    }
}
