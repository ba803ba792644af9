package dev.stowage.jcache;

import dev.stowage.jcache.storage.EntryStorage;
import java.util.function.BiConsumer;

/**
 * Whether a cache hears of the entries its store finds expired ({@link EntryStorage#onExpired}): only
 * while one of its listeners in this JVM wants {@code EXPIRED} events, since on Redis hearing them
 * means a subscription to the server's keyspace notifications. Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class ExpiryReports<K, V> {

    private final EntryStorage<K, V> storage;
    private final BiConsumer<K, V> handler;
    private Runnable stop;

    ExpiryReports(EntryStorage<K, V> storage, BiConsumer<K, V> handler) {
        this.storage = storage;
        this.handler = handler;
    }

    /** Starts or stops hearing of expired entries, as {@code wanted} says. */
    synchronized void update(boolean wanted) {
        if (wanted && stop == null) {
            stop = storage.onExpired(handler).orElse(() -> { });
        } else if (!wanted && stop != null) {
            stop.run();
            stop = null;
        }
    }
}
