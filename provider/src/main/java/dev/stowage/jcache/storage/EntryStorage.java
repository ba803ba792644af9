package dev.stowage.jcache.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
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
     * Like {@link #compute}, but {@code remapping} runs exactly once (see
     * {@link dev.stowage.store.NamespacedStore#computeExclusive}): for steps with side effects, a
     * cache writer or an entry processor. The default is {@link #compute}, right for storages whose
     * compute runs its function once.
     *
     * @param key the key, not {@code null}
     * @param remapping the transformation, not {@code null}
     * @return the entry now stored, or {@code null}
     */
    default StoredEntry<V> computeExclusive(K key, UnaryOperator<StoredEntry<V>> remapping) {
        return compute(key, remapping);
    }

    /**
     * Registers {@code listener} to hear of the entries the store found expired and removed (see
     * {@link dev.stowage.store.NamespacedStore#onExpired}), with the key and value decoded or copied
     * as every read gives them.
     *
     * @param listener gets the key and the expired value ({@code null} when the store no longer has
     *     it), not {@code null}
     * @return what stops it, or empty when the store does not report expiries (the default)
     */
    default Optional<Runnable> onExpired(BiConsumer<K, V> listener) {
        return Optional.empty();
    }

    /**
     * Returns how keys and values cross a process boundary in entry events, for storages on a
     * byte-level store (whose change feed carries them).
     *
     * @return the codec, or empty (the default) for a storage that holds objects in this JVM
     */
    default Optional<EventCodec<K, V>> eventCodec() {
        return Optional.empty();
    }

    /**
     * Frees what the storage holds besides the store (a near cache's subscription); the store's data
     * is untouched. Called once when the cache is closed or destroyed; the default does nothing.
     */
    default void close() {
    }

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
     * Removes every entry of this cache's namespace at once, with no per-entry work and no decoding.
     */
    void clear();

    /**
     * Removes every entry and counts them, for the statistics of JCache {@code removeAll()} when
     * no writer and no listener needs the keys or values: byte-level stores decode nothing (an entry
     * that cannot be decoded is removed like any other). The default removes the listed keys with
     * {@link #removeAll(Collection)}.
     *
     * @return how many entries were removed
     */
    default long removeAllCounting() {
        List<K> all = new ArrayList<>();
        keys().forEachRemaining(all::add);
        return removeAll(all).size();
    }

    // ---- single-step shortcuts: the defaults go through get/compute, backends with one-command
    // ---- equivalents (Redis) override them

    /**
     * Tells whether {@code key} has a live entry, without renewing it (JSR-107 {@code containsKey}).
     *
     * @param key the key, not {@code null}
     * @return {@code true} when a live entry exists
     */
    default boolean contains(K key) {
        return get(key) != null;
    }

    /**
     * Returns the live value of {@code key}, without its expiry.
     *
     * @param key the key, not {@code null}
     * @return the value, or {@code null} when absent or expired
     */
    default V getValue(K key) {
        StoredEntry<V> entry = get(key);
        return entry == null ? null : entry.value();
    }

    /**
     * Returns the live value of {@code key} and gives it a new expiry in the same atomic step (an
     * access under an access expiry policy); an expiry not after {@code now} removes it once read.
     *
     * @param key the key, not {@code null}
     * @param expiresAt the new expiry, or {@code null} for none
     * @param now the current instant, not {@code null}
     * @return the value, or {@code null} when absent (then nothing changes)
     */
    default V getValueAndExpire(K key, Instant expiresAt, Instant now) {
        Object[] read = new Object[1];
        compute(key, current -> {
            read[0] = current == null ? null : current.value();
            if (current == null) {
                return null;
            }
            return expiresAt != null && !expiresAt.isAfter(now) ? null : current.withExpiresAt(expiresAt);
        });
        @SuppressWarnings("unchecked")
        V value = (V) read[0];
        return value;
    }

    /**
     * Writes {@code value} in one atomic step: an existing entry keeps its expiry, a new one gets
     * {@code expiresAtIfNew} (a put under a standard policy whose update leaves the expiry alone:
     * eternal, created, accessed).
     *
     * @param key the key, not {@code null}
     * @param value the value, not {@code null}
     * @param expiresAtIfNew the absolute expiry of a new entry, after now; {@code null} for none
     */
    default void putKeepingExpiry(K key, V value, Instant expiresAtIfNew) {
        compute(key, current -> newEntry(value, current == null ? expiresAtIfNew : current.expiresAt()));
    }

    /**
     * {@link #putKeepingExpiry} that also returns the value it replaced (JSR-107 {@code getAndPut}
     * under the same policies), in the same atomic step.
     *
     * @param key the key, not {@code null}
     * @param value the value, not {@code null}
     * @param expiresAtIfNew the absolute expiry of a new entry, after now; {@code null} for none
     * @return the live value before, or {@code null} when there was none
     */
    default V getAndPutKeepingExpiry(K key, V value, Instant expiresAtIfNew) {
        List<V> before = new ArrayList<>(1);
        compute(key, current -> {
            // compute may run the function again after a lost race: the last run's entry is the one replaced
            before.clear();
            before.add(current == null ? null : current.value());
            return newEntry(value, current == null ? expiresAtIfNew : current.expiresAt());
        });
        return before.isEmpty() ? null : before.get(0);
    }

    /**
     * Returns the live values of several keys.
     *
     * @param keys the keys, not {@code null}
     * @return the values found, by key
     */
    default Map<K, V> getValues(Collection<K> keys) {
        Map<K, V> values = new LinkedHashMap<>();
        for (K key : keys) {
            V value = getValue(key);
            if (value != null) {
                values.put(key, value);
            }
        }
        return values;
    }

    /**
     * Returns the live values of several keys and gives each a new expiry, each key in one atomic
     * step ({@link #getValueAndExpire} for every key; a get under an access expiry policy).
     *
     * @param keys the keys, not {@code null}
     * @param expiresAt the new expiry, or {@code null} for none
     * @param now the current instant, not {@code null}
     * @return the values found, by key
     */
    default Map<K, V> getValuesAndExpire(Collection<K> keys, Instant expiresAt, Instant now) {
        Map<K, V> values = new LinkedHashMap<>();
        for (K key : keys) {
            V value = getValueAndExpire(key, expiresAt, now);
            if (value != null) {
                values.put(key, value);
            }
        }
        return values;
    }

    /**
     * {@link #putKeepingExpiry} for several entries.
     *
     * @param entries the entries, not {@code null}
     * @param expiresAtIfNew the absolute expiry of new entries, after now; {@code null} for none
     */
    default void putAllKeepingExpiry(Map<K, V> entries, Instant expiresAtIfNew) {
        entries.forEach((key, value) -> putKeepingExpiry(key, value, expiresAtIfNew));
    }

    /**
     * Removes several keys, returning the entries they held (values decoded only when asked for).
     *
     * @param keys the keys, not {@code null}
     * @return the removed entries, by key; absent keys are missing
     */
    default Map<K, StoredEntry<V>> removeAll(Collection<K> keys) {
        Map<K, StoredEntry<V>> removed = new LinkedHashMap<>();
        for (K key : keys) {
            compute(key, current -> {
                if (current != null) {
                    removed.put(key, current);
                } else {
                    removed.remove(key);
                }
                return null;
            });
        }
        return removed;
    }

    // ---- asynchronous forms, for AsyncStowageCache: each means what its blocking form means; the
    // ---- defaults run the blocking form on the executor, storages on a byte-level store use the
    // ---- store's AsyncStore (non-blocking on Redis). A store failure fails the stage with a
    // ---- javax.cache.CacheException, as the blocking forms throw it.

    /**
     * The asynchronous form of {@link #get}.
     *
     * @param key the key, not {@code null}
     * @param executor where blocking work runs, not {@code null}
     * @return a stage of the entry, or of {@code null} when absent or expired
     */
    default CompletionStage<StoredEntry<V>> getAsync(K key, Executor executor) {
        return CompletableFuture.supplyAsync(() -> get(key), executor);
    }

    /**
     * The asynchronous form of {@link #getValue}.
     *
     * @param key the key, not {@code null}
     * @param executor where blocking work runs, not {@code null}
     * @return a stage of the value, or of {@code null} when absent or expired
     */
    default CompletionStage<V> getValueAsync(K key, Executor executor) {
        return CompletableFuture.supplyAsync(() -> getValue(key), executor);
    }

    /**
     * The asynchronous form of {@link #getValueAndExpire}.
     *
     * @param key the key, not {@code null}
     * @param expiresAt the new expiry, or {@code null} for none
     * @param now the current instant, not {@code null}
     * @param executor where blocking work runs, not {@code null}
     * @return a stage of the value, or of {@code null} when absent
     */
    default CompletionStage<V> getValueAndExpireAsync(K key, Instant expiresAt, Instant now, Executor executor) {
        return CompletableFuture.supplyAsync(() -> getValueAndExpire(key, expiresAt, now), executor);
    }

    /**
     * Writes {@code value} with the absolute expiry {@code expiresAt} in one atomic step, whatever the
     * key held (a put with its own time to live); the default is one {@link #compute}.
     *
     * @param key the key, not {@code null}
     * @param value the value, not {@code null}
     * @param expiresAt the absolute expiry, after now, or {@code null} for none
     * @param executor where blocking work runs, not {@code null}
     * @return a stage that completes when the value is written
     */
    default CompletionStage<Void> putAsync(K key, V value, Instant expiresAt, Executor executor) {
        return CompletableFuture.supplyAsync(() -> {
            compute(key, current -> newEntry(value, expiresAt));
            return null;
        }, executor);
    }

    /**
     * The asynchronous form of {@link #putKeepingExpiry}.
     *
     * @param key the key, not {@code null}
     * @param value the value, not {@code null}
     * @param expiresAtIfNew the absolute expiry of a new entry, after now; {@code null} for none
     * @param executor where blocking work runs, not {@code null}
     * @return a stage that completes when the value is written
     */
    default CompletionStage<Void> putKeepingExpiryAsync(K key, V value, Instant expiresAtIfNew, Executor executor) {
        return CompletableFuture.supplyAsync(() -> {
            putKeepingExpiry(key, value, expiresAtIfNew);
            return null;
        }, executor);
    }

    /**
     * The asynchronous form of {@link #getValues}.
     *
     * @param keys the keys, not {@code null}
     * @param executor where blocking work runs, not {@code null}
     * @return a stage of the values found, by key
     */
    default CompletionStage<Map<K, V>> getValuesAsync(Collection<K> keys, Executor executor) {
        return CompletableFuture.supplyAsync(() -> getValues(keys), executor);
    }

    /**
     * The asynchronous form of {@link #getValuesAndExpire}.
     *
     * @param keys the keys, not {@code null}
     * @param expiresAt the new expiry, or {@code null} for none
     * @param now the current instant, not {@code null}
     * @param executor where blocking work runs, not {@code null}
     * @return a stage of the values found, by key
     */
    default CompletionStage<Map<K, V>> getValuesAndExpireAsync(Collection<K> keys, Instant expiresAt, Instant now,
            Executor executor) {
        return CompletableFuture.supplyAsync(() -> getValuesAndExpire(keys, expiresAt, now), executor);
    }

    /**
     * The asynchronous form of {@link #putAllKeepingExpiry}.
     *
     * @param entries the entries, not {@code null}
     * @param expiresAtIfNew the absolute expiry of new entries, after now; {@code null} for none
     * @param executor where blocking work runs, not {@code null}
     * @return a stage that completes when every entry is written
     */
    default CompletionStage<Void> putAllKeepingExpiryAsync(Map<K, V> entries, Instant expiresAtIfNew,
            Executor executor) {
        return CompletableFuture.supplyAsync(() -> {
            putAllKeepingExpiry(entries, expiresAtIfNew);
            return null;
        }, executor);
    }

    /**
     * The asynchronous form of {@link #removeAll(Collection)}.
     *
     * @param keys the keys, not {@code null}
     * @param executor where blocking work runs, not {@code null}
     * @return a stage of the removed entries, by key
     */
    default CompletionStage<Map<K, StoredEntry<V>>> removeAllAsync(Collection<K> keys, Executor executor) {
        return CompletableFuture.supplyAsync(() -> removeAll(keys), executor);
    }
}
