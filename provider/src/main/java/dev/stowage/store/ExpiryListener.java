package dev.stowage.store;

/**
 * Hears of the entries a store found expired and removed ({@link NamespacedStore#onExpired}): the
 * store's half of JSR-107's {@code EXPIRED} events. Called on the thread that found the entry (a
 * reader, a sweep, the memory store's expiry timer), after the store released its locks; it must be
 * quick and must not throw (a failure is logged and ignored).
 */
@FunctionalInterface
public interface ExpiryListener {

    /**
     * Tells of one expired entry that the store removed.
     *
     * @param key the key the entry was stored under: the {@code String} of the byte-level API, or the
     *     object key of an {@link ObjectStore} entry; never {@code null}
     * @param value what the entry held: a {@code byte[]} for the byte-level API (the listener may keep
     *     it), or the object of an {@link ObjectStore} entry; {@code null} when the backend no longer has
     *     it (Redis: a keyspace notification names the key only)
     */
    void expired(Object key, Object value);
}
