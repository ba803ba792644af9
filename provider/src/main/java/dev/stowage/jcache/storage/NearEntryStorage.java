package dev.stowage.jcache.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.stowage.jcache.configuration.NearCacheSettings;
import dev.stowage.store.InvalidationListener;
import dev.stowage.store.InvalidationSource;
import java.time.Clock;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import javax.cache.CacheException;

/**
 * A near cache: an in-process Caffeine tier (bounded, W-TinyLFU, each entry kept at most the
 * settings' time to live after it was read) of the entries this JVM read, in front of the
 * {@link EntryStorage} of a shared byte-level store, kept coherent by the store's
 * {@link InvalidationSource} (Redis: server-assisted client-side caching, {@code docs/redis-store.md}
 * "Near cache"). Keys of the tier are the store keys ({@link EventCodec#encodeKey}), which is what
 * invalidations name.
 *
 * <p>Guarantees: a write of this JVM drops the key's near copy before the write returns (the next
 * read goes to the store, so own writes are visible at once); a read fills the tier only if no
 * invalidation of that key, and no loss of invalidations, happened while it read (a per-read pending
 * slot that an invalidation removes, plus an epoch that a loss advances); while the source reports
 * invalidations lost (a lost connection) the tier is empty and every read goes to the store, until
 * they flow again; a held entry past its store expiry is never served. Values are kept in
 * {@link Copier}'s stored form and every hit returns a copy (store-by-value unchanged). A read under an
 * access expiry ({@link #getValueAndExpire}) is passed to the store, which renews the expiry, and the
 * near copy takes the new expiry. Only single-key reads fill the tier; {@link #getValues} serves hits
 * from it and reads the rest from the store. The asynchronous forms do the same: a hit completes at once,
 * a miss and a write use the store's own asynchronous call (pipelined on Redis).
 *
 * <p>Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class NearEntryStorage<K, V> implements EntryStorage<K, V>, InvalidationListener {

    /** A slot of the tier: a pending read ({@code stored == null}) or a held value with its expiry. */
    private static final class Slot {
        final Object stored;
        final Instant expiresAt;

        Slot(Object stored, Instant expiresAt) {
            this.stored = stored;
            this.expiresAt = expiresAt;
        }
    }

    private final EntryStorage<K, V> store;
    private final EventCodec<K, V> codec;
    private final Copier copier;
    private final Clock clock;
    private final Cache<String, Slot> tier;
    private final Map<String, Slot> slots;
    private final AtomicLong epoch = new AtomicLong();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private final LongAdder losses = new LongAdder();
    private volatile boolean serving;
    private volatile AutoCloseable subscription;

    private NearEntryStorage(EntryStorage<K, V> store, EventCodec<K, V> codec, Copier copier, Clock clock,
            NearCacheSettings settings) {
        this.store = store;
        this.codec = codec;
        this.copier = copier;
        this.clock = clock;
        this.tier = Caffeine.newBuilder().maximumSize(settings.maximumSize()).expireAfterWrite(settings.timeToLive())
                .executor(Runnable::run).build();
        this.slots = tier.asMap();
    }

    /**
     * Puts a near cache in front of a cache's storage and subscribes it to the store's invalidations.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param store the cache's storage on a byte-level store, not {@code null}
     * @param source the store namespace's invalidations, not {@code null}
     * @param settings the near cache's settings, enabled, not {@code null}
     * @param clock the clock the store expires entries by, not {@code null}
     * @param classLoader the class loader copies of values are made with, not {@code null}
     * @return the near storage, serving once the source reports invalidations
     * @throws CacheException if {@code store} holds objects in this JVM (no encoded keys), or the
     *     subscription fails (the message says why)
     */
    public static <K, V> NearEntryStorage<K, V> open(EntryStorage<K, V> store, InvalidationSource source,
            NearCacheSettings settings, Clock clock, ClassLoader classLoader) {
        EventCodec<K, V> codec = store.eventCodec().orElseThrow(() -> new CacheException(
                "a near cache needs a byte-level store; this cache holds its entries in this JVM"));
        NearEntryStorage<K, V> near = new NearEntryStorage<>(store, codec, new Copier(classLoader), clock, settings);
        try {
            near.subscription = source.subscribe(near);
        } catch (RuntimeException e) {
            throw new CacheException("the near cache cannot subscribe to the store's invalidations: " + e.getMessage(), e);
        }
        return near;
    }

    // ---- invalidations ------------------------------------------------------------------------

    @Override
    public void invalidated(String key) {
        invalidations.increment();
        slots.remove(key);
    }

    @Override
    public void lost() {
        // counted before serving stops: whoever sees the tier stop serving (a volatile read) sees the loss too
        losses.increment();
        serving = false;
        epoch.incrementAndGet();
        tier.invalidateAll();
    }

    @Override
    public void resumed() {
        epoch.incrementAndGet();
        tier.invalidateAll();
        serving = true;
    }

    // ---- reads ----------------------------------------------------------------------------------

    /** The held slot of {@code storeKey} if it may be served now, else {@code null}. */
    private Slot held(String storeKey) {
        if (!serving) {
            return null;
        }
        Slot slot = slots.get(storeKey);
        if (slot == null || slot.stored == null) {
            return null;
        }
        if (slot.expiresAt != null && !slot.expiresAt.isAfter(clock.instant())) {
            slots.remove(storeKey, slot);
            return null;
        }
        return slot;
    }

    @SuppressWarnings("unchecked")
    private V copy(Slot slot) {
        return (V) copier.fromStored(slot.stored);
    }

    /** Reads {@code key} from the store, keeping it in the tier when nothing invalidated it meanwhile. */
    private StoredEntry<V> load(String storeKey, K key) {
        Fill fill = new Fill(storeKey);
        StoredEntry<V> entry;
        try {
            entry = store.get(key);
        } catch (RuntimeException e) {
            fill.settle(null);
            throw e;
        }
        try {
            fill.settle(entry);
            return entry;
        } catch (UndecodableEntryException e) {
            V value = store.getValue(key);
            return value == null ? null : store.newEntry(value, null);
        }
    }

    /**
     * One read's filling of the tier: a pending slot put before the read, which an invalidation (or
     * {@link #clear()}) removes; the value read replaces only that very slot, and is dropped again when
     * invalidations were lost meanwhile.
     */
    private final class Fill {
        private final String storeKey;
        private final boolean serving = NearEntryStorage.this.serving;
        private final long before = epoch.get();
        private final Slot pending = new Slot(null, null);

        Fill(String storeKey) {
            this.storeKey = storeKey;
            if (serving) {
                slots.put(storeKey, pending);
            }
        }

        /**
         * Keeps what the read found, if it may.
         *
         * @throws UndecodableEntryException if the value cannot be decoded (the slot is gone then)
         */
        void settle(StoredEntry<V> entry) {
            if (!serving || entry == null) {
                slots.remove(storeKey, pending);
                return;
            }
            Slot held;
            try {
                held = new Slot(copier.toStored(entry.value()), entry.expiresAt());
            } catch (RuntimeException e) {
                slots.remove(storeKey, pending);
                throw e;
            }
            if (slots.replace(storeKey, pending, held) && (epoch.get() != before || !NearEntryStorage.this.serving)) {
                slots.remove(storeKey, held);
            }
        }
    }

    @Override
    public StoredEntry<V> get(K key) {
        String storeKey = codec.encodeKey(key);
        Slot slot = held(storeKey);
        if (slot != null) {
            hits.increment();
            return store.newEntry(copy(slot), slot.expiresAt);
        }
        misses.increment();
        return load(storeKey, key);
    }

    @Override
    public V getValue(K key) {
        String storeKey = codec.encodeKey(key);
        Slot slot = held(storeKey);
        if (slot != null) {
            hits.increment();
            return copy(slot);
        }
        misses.increment();
        StoredEntry<V> entry = load(storeKey, key);
        return entry == null ? null : entry.value();
    }

    /** Passed to the store, which renews the expiry; the near copy takes the new expiry. */
    @Override
    public V getValueAndExpire(K key, Instant expiresAt, Instant now) {
        try {
            return store.getValueAndExpire(key, expiresAt, now);
        } finally {
            reExpire(codec.encodeKey(key), expiresAt, now);
        }
    }

    private void reExpire(String storeKey, Instant expiresAt, Instant now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            slots.remove(storeKey);
        } else {
            slots.computeIfPresent(storeKey, (k, slot) -> slot.stored == null ? slot : new Slot(slot.stored, expiresAt));
        }
    }

    /**
     * Puts the copies the tier holds of {@code keys} into {@code found}, counting hits and misses.
     *
     * @return the keys the tier does not hold, in {@code keys}' order
     */
    private List<K> fromTier(Collection<K> keys, Map<K, V> found) {
        List<K> rest = new ArrayList<>();
        for (K key : keys) {
            Slot slot = held(codec.encodeKey(key));
            if (slot != null) {
                hits.increment();
                found.put(key, copy(slot));
            } else {
                misses.increment();
                rest.add(key);
            }
        }
        return rest;
    }

    @Override
    public Map<K, V> getValues(Collection<K> keys) {
        Map<K, V> found = new LinkedHashMap<>();
        List<K> rest = fromTier(keys, found);
        if (!rest.isEmpty()) {
            found.putAll(store.getValues(rest));
        }
        return found;
    }

    /** Passed to the store, which renews the expiries; the near copies take the new expiry. */
    @Override
    public Map<K, V> getValuesAndExpire(Collection<K> keys, Instant expiresAt, Instant now) {
        try {
            return store.getValuesAndExpire(keys, expiresAt, now);
        } finally {
            for (K key : keys) {
                reExpire(codec.encodeKey(key), expiresAt, now);
            }
        }
    }

    // ---- writes: each drops the near copies of its keys once the store has the write -----------

    private void drop(K key) {
        slots.remove(codec.encodeKey(key));
    }

    @Override
    public StoredEntry<V> compute(K key, UnaryOperator<StoredEntry<V>> remapping) {
        try {
            return store.compute(key, remapping);
        } finally {
            drop(key);
        }
    }

    @Override
    public StoredEntry<V> computeExclusive(K key, UnaryOperator<StoredEntry<V>> remapping) {
        try {
            return store.computeExclusive(key, remapping);
        } finally {
            drop(key);
        }
    }

    @Override
    public void putKeepingExpiry(K key, V value, Instant expiresAtIfNew) {
        try {
            store.putKeepingExpiry(key, value, expiresAtIfNew);
        } finally {
            drop(key);
        }
    }

    @Override
    public void putAllKeepingExpiry(Map<K, V> entries, Instant expiresAtIfNew) {
        try {
            store.putAllKeepingExpiry(entries, expiresAtIfNew);
        } finally {
            entries.keySet().forEach(this::drop);
        }
    }

    @Override
    public Map<K, StoredEntry<V>> removeAll(Collection<K> keys) {
        try {
            return store.removeAll(keys);
        } finally {
            keys.forEach(this::drop);
        }
    }

    @Override
    public long removeAllCounting() {
        try {
            return store.removeAllCounting();
        } finally {
            epoch.incrementAndGet();
            tier.invalidateAll();
        }
    }

    @Override
    public void clear() {
        try {
            store.clear();
        } finally {
            epoch.incrementAndGet();
            tier.invalidateAll();
        }
    }

    // ---- asynchronous forms: hits complete at once; misses and writes use the store's own async ----

    @Override
    public CompletionStage<StoredEntry<V>> getAsync(K key, Executor executor) {
        String storeKey = codec.encodeKey(key);
        Slot slot = held(storeKey);
        if (slot != null) {
            hits.increment();
            return CompletableFuture.completedFuture(store.newEntry(copy(slot), slot.expiresAt));
        }
        misses.increment();
        Fill fill = new Fill(storeKey);
        return store.getAsync(key, executor).whenComplete((entry, failure) -> {
            try {
                fill.settle(failure == null ? entry : null);
            } catch (UndecodableEntryException e) {
                // the caller's value() throws it too, see getValueAsync
            }
        });
    }

    @Override
    public CompletionStage<V> getValueAsync(K key, Executor executor) {
        return getAsync(key, executor).thenCompose(entry -> {
            try {
                return CompletableFuture.completedFuture(entry == null ? null : entry.value());
            } catch (UndecodableEntryException e) {
                return store.getValueAsync(key, executor);
            }
        });
    }

    /** Passed to the store, which renews the expiry; the near copy takes the new expiry. */
    @Override
    public CompletionStage<V> getValueAndExpireAsync(K key, Instant expiresAt, Instant now, Executor executor) {
        return store.getValueAndExpireAsync(key, expiresAt, now, executor)
                .whenComplete((value, failure) -> reExpire(codec.encodeKey(key), expiresAt, now));
    }

    @Override
    public CompletionStage<Map<K, V>> getValuesAsync(Collection<K> keys, Executor executor) {
        Map<K, V> found = new LinkedHashMap<>();
        List<K> rest = fromTier(keys, found);
        if (rest.isEmpty()) {
            return CompletableFuture.completedFuture(found);
        }
        return store.getValuesAsync(rest, executor).thenApply(read -> {
            found.putAll(read);
            return found;
        });
    }

    /** Passed to the store, which renews the expiries; the near copies take the new expiry. */
    @Override
    public CompletionStage<Map<K, V>> getValuesAndExpireAsync(Collection<K> keys, Instant expiresAt, Instant now,
            Executor executor) {
        return store.getValuesAndExpireAsync(keys, expiresAt, now, executor).whenComplete((values, failure) -> {
            for (K key : keys) {
                reExpire(codec.encodeKey(key), expiresAt, now);
            }
        });
    }

    @Override
    public CompletionStage<Void> putAsync(K key, V value, Instant expiresAt, Executor executor) {
        return store.putAsync(key, value, expiresAt, executor).whenComplete((done, failure) -> drop(key));
    }

    @Override
    public CompletionStage<Void> putKeepingExpiryAsync(K key, V value, Instant expiresAtIfNew, Executor executor) {
        return store.putKeepingExpiryAsync(key, value, expiresAtIfNew, executor)
                .whenComplete((done, failure) -> drop(key));
    }

    @Override
    public CompletionStage<Void> putAllKeepingExpiryAsync(Map<K, V> entries, Instant expiresAtIfNew,
            Executor executor) {
        return store.putAllKeepingExpiryAsync(entries, expiresAtIfNew, executor)
                .whenComplete((done, failure) -> entries.keySet().forEach(this::drop));
    }

    @Override
    public CompletionStage<Map<K, StoredEntry<V>>> removeAllAsync(Collection<K> keys, Executor executor) {
        return store.removeAllAsync(keys, executor).whenComplete((removed, failure) -> keys.forEach(this::drop));
    }

    // ---- the rest is the store's ----------------------------------------------------------------

    @Override
    public Optional<Runnable> onExpired(BiConsumer<K, V> listener) {
        return store.onExpired(listener);
    }

    @Override
    public Optional<EventCodec<K, V>> eventCodec() {
        return store.eventCodec();
    }

    @Override
    public StoredEntry<V> newEntry(V value, Instant expiresAt) {
        return store.newEntry(value, expiresAt);
    }

    @Override
    public Iterator<K> keys() {
        return store.keys();
    }

    /** Stops the invalidations and empties the tier; idempotent. */
    @Override
    public void close() {
        serving = false;
        AutoCloseable closing = subscription;
        subscription = null;
        tier.invalidateAll();
        if (closing != null) {
            try {
                closing.close();
            } catch (Exception e) {
                System.getLogger(NearEntryStorage.class.getName()).log(System.Logger.Level.WARNING,
                        "closing the invalidations of a near cache failed: " + e);
            }
        }
    }

    // ---- figures, for NearCacheMXBean ------------------------------------------------------------

    /**
     * Counts the reads served from the tier.
     *
     * @return near hits since the cache was created
     */
    public long hits() {
        return hits.sum();
    }

    /**
     * Counts the reads the tier could not serve (absent, expired, or not serving), which went to the store.
     *
     * @return near misses since the cache was created
     */
    public long misses() {
        return misses.sum();
    }

    /**
     * Counts the invalidations the store reported.
     *
     * @return invalidated keys since the cache was created (own writes' included)
     */
    public long invalidations() {
        return invalidations.sum();
    }

    /**
     * Counts the times invalidations were lost (the tier was emptied and stopped serving).
     *
     * @return losses since the cache was created
     */
    public long losses() {
        return losses.sum();
    }

    /**
     * Tells whether the tier serves reads: invalidations flow.
     *
     * @return {@code false} while invalidations are lost, and after {@link #close()}
     */
    public boolean serving() {
        return serving;
    }

    /**
     * Estimates the number of slots in the tier (held values and reads in flight).
     *
     * @return Caffeine's estimate, at most about the maximum size
     */
    public long size() {
        tier.cleanUp();
        return tier.estimatedSize();
    }
}
