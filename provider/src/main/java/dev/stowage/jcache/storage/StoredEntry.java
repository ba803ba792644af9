package dev.stowage.jcache.storage;

import java.time.Instant;

/**
 * A cache entry as a backend holds it: the value (decoded or copied on first use) and its absolute
 * expiry. Instances handed out by an {@link EntryStorage} are snapshots; the cache builds new state
 * with {@link EntryStorage#newEntry(Object, Instant)} or {@link #withExpiresAt(Instant)}.
 *
 * @param <V> the value type
 */
public interface StoredEntry<V> {

    /**
     * Returns the value, copied for store-by-value caches.
     *
     * @return the value, never {@code null}
     */
    V value();

    /**
     * Returns the absolute expiry.
     *
     * @return the expiry, or {@code null} for an entry that never expires
     */
    Instant expiresAt();

    /**
     * Returns this entry with another expiry and the same value, without decoding the value.
     *
     * @param expiresAt the new expiry, or {@code null} for none
     * @return the new entry
     */
    StoredEntry<V> withExpiresAt(Instant expiresAt);
}
