package dev.stowage.jcache;

import dev.stowage.jcache.storage.EntryStorage;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import javax.cache.event.EventType;

/**
 * Whether a cache hears of the entries its store finds expired ({@link EntryStorage#onExpired}): only
 * while one of its listeners in this JVM wants {@code EXPIRED} events, since on Redis hearing them
 * means a subscription to the server's keyspace notifications. Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class ExpiryReports<K, V> {

    private final CacheContext<K, V> context;
    private final BooleanSupplier closed;
    private final BiConsumer<K, V> handler = this::expired;
    private Runnable stop;

    ExpiryReports(CacheContext<K, V> context, BooleanSupplier closed) {
        this.context = context;
        this.closed = closed;
    }

    /**
     * Sends the {@code EXPIRED} event of an entry the store found expired and removed (JSR-107
     * section 8.4; the value and the old value are the expired value, {@code null} when the store no
     * longer had it), to this JVM's listeners only: every JVM that listens hears the store's report
     * itself (Redis keyspace notifications reach every subscriber), so it is never published.
     */
    private void expired(K key, V value) {
        if (closed.getAsBoolean()) {
            return;
        }
        try {
            context.events.dispatchHere(context.events.event(EventType.EXPIRED, key, value, value));
        } catch (RuntimeException e) {
            System.getLogger(StowageCache.class.getName()).log(System.Logger.Level.WARNING,
                    "a listener of cache '" + context.name + "' failed on the EXPIRED event of key " + key, e);
        }
    }

    /** Starts or stops hearing of expired entries, as {@code wanted} says. */
    synchronized void update(boolean wanted) {
        if (wanted && stop == null) {
            stop = context.storage.onExpired(handler).orElse(() -> { });
        } else if (!wanted && stop != null) {
            stop.run();
            stop = null;
        }
    }
}
