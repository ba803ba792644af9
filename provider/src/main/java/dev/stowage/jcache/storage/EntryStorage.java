package dev.stowage.jcache.storage;

import java.time.Instant;
import java.util.Iterator;
import java.util.function.UnaryOperator;

/**
 * What a JCache cache needs from its store namespace: per-key atomic read-modify-write over Java
 * keys and values, and listing. Implementations adapt a backend and apply store-by-value copying or
 * the codecs, so the cache above sees only its own key and value types. Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface EntryStorage<K, V> {

    /**
     * Returns the live entry of {@code key}, without changing it.
     *
     * @param key the key, not {@code null}
     * @return the entry, or {@code null} when absent or expired
     */
    StoredEntry<V> get(K key);

    /**
     * Atomically transforms the entry of {@code key} (see
     * {@link dev.stowage.store.NamespacedStore#compute}): {@code remapping} receives the live entry or
     * {@code null} and returns the same instance to leave it, {@code null} to remove it, or a new entry.
     * It may run more than once on backends with optimistic concurrency.
     *
     * @param key the key, not {@code null}
     * @param remapping the transformation, not {@code null}
     * @return the entry now stored, or {@code null}
     */
    StoredEntry<V> compute(K key, UnaryOperator<StoredEntry<V>> remapping);

    /**
     * Makes a new entry to return from a {@link #compute} function.
     *
     * @param value the value, not {@code null}
     * @param expiresAt the absolute expiry, or {@code null} for none
     * @return the entry
     */
    StoredEntry<V> newEntry(V value, Instant expiresAt);

    /**
     * Lists the keys of the live entries, weakly consistent (keys are copies for store-by-value).
     *
     * @return an iterator; {@code remove()} is not supported
     */
    Iterator<K> keys();

    /**
     * Removes every entry of this cache's namespace at once, with no per-entry work.
     */
    void clear();
}
