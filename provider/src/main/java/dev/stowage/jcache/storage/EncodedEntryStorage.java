package dev.stowage.jcache.storage;

import dev.stowage.codec.Codec;
import dev.stowage.codec.CodecException;
import dev.stowage.codec.JavaCodec;
import dev.stowage.codec.RawCodec;
import dev.stowage.jcache.configuration.StowageConfiguration;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StorageObject;
import dev.stowage.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.cache.CacheException;
import javax.cache.configuration.CompleteConfiguration;

/**
 * {@link EntryStorage} on any byte-level {@link NamespacedStore} (file, Redis): keys through a
 * {@link KeyFormat}, values through a codec — {@code raw} for {@code String} and {@code byte[]}
 * value types, else {@code java} behind its deserialization filter, unless a
 * {@link StowageConfiguration} names the codec. Every read decodes a fresh value, so entries are
 * held by value. Reads, puts that keep the expiry and bulk operations call the store's optional
 * operations ({@link NamespacedStore#getAndExpireAt}, {@link NamespacedStore#setKeepingExpiry},
 * {@link NamespacedStore#getAll}, ...), which every backend has and fast ones (Redis) do in one round
 * trip. A {@link StoreException} surfaces as a
 * {@link CacheException} with the same message. Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class EncodedEntryStorage<K, V> implements EntryStorage<K, V> {

    private final NamespacedStore store;
    private final KeyFormat keys;
    private final Codec<Object> values;
    private final Class<?> keyType;

    private EncodedEntryStorage(NamespacedStore store, KeyFormat keys, Codec<Object> values, Class<?> keyType) {
        this.store = store;
        this.keyType = keyType;
        this.keys = keys;
        this.values = values;
    }

    /**
     * Makes the storage of one cache.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param store the cache's namespace, not {@code null}
     * @param configuration the cache's configuration, not {@code null}
     * @param classLoader the class loader values are decoded with, not {@code null}
     * @param allowPatterns the cache manager's own additions to the {@code java} codec's allow-list
     *     (a JDK filter pattern list), or {@code null} for none
     * @return the storage
     * @throws CacheException if the configuration asks the raw codec for values it cannot hold, or
     *     {@code allowPatterns} is not a pattern list (the message names it)
     */
    public static <K, V> EncodedEntryStorage<K, V> create(NamespacedStore store, CompleteConfiguration<K, V> configuration,
            ClassLoader classLoader, String allowPatterns) {
        Class<?> valueType = configuration.getValueType();
        JavaCodec java;
        try {
            java = JavaCodec.forTypes(classLoader, allowPatterns, configuration.getKeyType(), valueType);
        } catch (IllegalArgumentException e) {
            throw new CacheException(e.getMessage(), e);
        }
        String codec = configuration instanceof StowageConfiguration<?, ?> stowage ? stowage.getCodec()
                : StowageConfiguration.AUTO_CODEC;
        boolean raw = codec.equals(StowageConfiguration.AUTO_CODEC)
                ? valueType == String.class || valueType == byte[].class : codec.equals("raw");
        Codec<Object> values;
        try {
            values = raw ? new RawCodec(valueType) : java;
        } catch (IllegalArgumentException e) {
            throw new CacheException("the raw codec cannot hold values of " + valueType.getName(), e);
        }
        return new EncodedEntryStorage<>(store, new KeyFormat(configuration.getKeyType(), java), values,
                configuration.getKeyType());
    }

    /**
     * An entry read from the store, decoding its value at most once; a value that cannot be decoded
     * throws {@link UndecodableEntryException}.
     */
    private final class Encoded implements StoredEntry<V> {
        private final String storeKey;
        private final StorageObject object;
        private V value;

        Encoded(String storeKey, StorageObject object) {
            this.storeKey = storeKey;
            this.object = object;
        }

        @Override
        public V value() {
            if (value == null) {
                try {
                    value = decode(object.data());
                } catch (CodecException e) {
                    throw new UndecodableEntryException(storeKey, store, e);
                }
            }
            return value;
        }

        @Override
        public Instant expiresAt() {
            return object.expiresAt();
        }

        @Override
        public StoredEntry<V> withExpiresAt(Instant expiresAt) {
            return new Encoded(storeKey, object.withExpiresAt(expiresAt));
        }
    }

    @SuppressWarnings("unchecked")
    private V decode(byte[] data) {
        return data == null ? null : (V) values.decode(data);
    }

    /** Decodes the value of an event; an undecodable one is reported once and the event carries no value. */
    private V decodeOrWarn(String storeKey, byte[] data) {
        try {
            return decode(data);
        } catch (CodecException e) {
            System.getLogger(EncodedEntryStorage.class.getName()).log(System.Logger.Level.WARNING, "the event of entry '"
                    + storeKey + "' of " + store + " carries no value: it cannot be decoded: " + e.getMessage());
            return null;
        }
    }

    /** Decodes a value read outside an atomic step; an undecodable one is a miss, and dropped. */
    private V decodeOrDrop(String storeKey, byte[] data) {
        try {
            return decode(data);
        } catch (CodecException e) {
            UndecodableEntries.drop(store, storeKey, data, e);
            return null;
        }
    }

    private static <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (StoreException e) {
            throw new CacheException(e.getMessage(), e);
        }
    }

    @Override
    public StoredEntry<V> get(K key) {
        String storeKey = keys.encode(key);
        StorageObject object = guarded(() -> store.read(storeKey));
        return object == null ? null : new Encoded(storeKey, object);
    }

    @Override
    public StoredEntry<V> compute(K key, UnaryOperator<StoredEntry<V>> remapping) {
        return compute(key, remapping, false);
    }

    /** Runs through {@link NamespacedStore#computeExclusive}: the function runs exactly once. */
    @Override
    public StoredEntry<V> computeExclusive(K key, UnaryOperator<StoredEntry<V>> remapping) {
        return compute(key, remapping, true);
    }

    private StoredEntry<V> compute(K key, UnaryOperator<StoredEntry<V>> remapping, boolean exclusive) {
        String storeKey = keys.encode(key);
        UnaryOperator<StorageObject> step = current -> {
            StoredEntry<V> before = current == null ? null : new Encoded(storeKey, current);
            try {
                return stored(current, before, remapping.apply(before));
            } catch (UndecodableEntryException e) {
                if (before == null || !e.storeKey().equals(storeKey)) {
                    throw e;
                }
                // the step read a value it cannot decode: it runs again on an absent entry, which
                // removes the undecodable one unless the step writes a value of its own
                UndecodableEntries.warn(store, storeKey, "value", (CodecException) e.getCause());
                return stored(null, null, remapping.apply(null));
            }
        };
        StorageObject result = guarded(() -> exclusive ? store.computeExclusive(storeKey, step)
                : store.compute(storeKey, step));
        return result == null ? null : new Encoded(storeKey, result);
    }

    /** What a compute step stores, given the entry it saw and the one its function returned. */
    private StorageObject stored(StorageObject current, StoredEntry<V> before, StoredEntry<V> after) {
        if (after == before) {
            return current;
        }
        if (after == null) {
            return null;
        }
        if (after instanceof EncodedEntryStorage<?, ?>.Encoded encoded) {
            return encoded.object;
        }
        return StorageObject.of(values.encode(after.value()), after.expiresAt());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Runnable> onExpired(BiConsumer<K, V> listener) {
        return store.onExpired((key, value) -> {
            if (key instanceof String storeKey) {
                listener.accept((K) keys.decode(storeKey), value instanceof byte[] data ? decodeOrWarn(storeKey, data) : null);
            }
        });
    }

    @Override
    public Optional<EventCodec<K, V>> eventCodec() {
        return Optional.of(new EventCodec<>() {
            @Override
            public String encodeKey(K key) {
                return keys.encode(key);
            }

            @Override
            @SuppressWarnings("unchecked")
            public K decodeKey(String key) {
                return (K) keys.decode(key);
            }

            @Override
            public byte[] encodeValue(V value) {
                return values.encode(value);
            }

            @Override
            public V decodeValue(byte[] data) {
                return decode(data);
            }
        });
    }

    @Override
    public StoredEntry<V> newEntry(V value, Instant expiresAt) {
        return new NewEntry<>(value, expiresAt);
    }

    /**
     * Lists the cache's keys. A store key whose key cannot be decoded (a class the codec refuses,
     * corrupt bytes) is skipped, reported and deleted (see {@link UndecodableEntries}); one that is
     * not in the cache's key format is skipped and reported.
     */
    @Override
    public Iterator<K> keys() {
        Iterator<String> storeKeys = guarded(store::keys);
        return new Iterator<>() {
            private K next;

            @Override
            public boolean hasNext() {
                while (next == null && guarded(storeKeys::hasNext)) {
                    next = decodeKey(guarded(storeKeys::next));
                }
                return next != null;
            }

            @Override
            public K next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                K key = next;
                next = null;
                return key;
            }
        };
    }

    /** Decodes a listed store key, or reports it and returns {@code null}. */
    @SuppressWarnings("unchecked")
    private K decodeKey(String storeKey) {
        try {
            return (K) keyType.cast(keys.decode(storeKey));
        } catch (CodecException e) {
            UndecodableEntries.warn(store, storeKey, "key", e);
            guarded(() -> {
                store.delete(storeKey);
                return null;
            });
        } catch (CacheException | ClassCastException e) {
            UndecodableEntries.foreignKey(store, storeKey, e);
        }
        return null;
    }

    @Override
    public void clear() {
        guarded(() -> {
            store.deleteAll();
            return null;
        });
    }

    // ---- the store's optional operations: one step each, one round trip on Redis ----------------

    @Override
    public V getValue(K key) {
        String storeKey = keys.encode(key);
        return decodeOrDrop(storeKey, guarded(() -> store.get(storeKey)));
    }

    @Override
    public V getValueAndExpire(K key, Instant expiresAt, Instant now) {
        String storeKey = keys.encode(key);
        return decodeOrDrop(storeKey, guarded(() -> store.getAndExpireAt(storeKey, expiresAt)));
    }

    @Override
    public void putKeepingExpiry(K key, V value, Instant expiresAtIfNew) {
        String storeKey = keys.encode(key);
        byte[] data = values.encode(value);
        guarded(() -> {
            store.setKeepingExpiry(storeKey, data, expiresAtIfNew);
            return null;
        });
    }

    @Override
    public Map<K, V> getValuesAndExpire(Collection<K> keysWanted, Instant expiresAt, Instant now) {
        Map<String, K> byStoreKey = storeKeys(keysWanted);
        Map<String, byte[]> found = guarded(() -> store.getAllAndExpireAt(List.copyOf(byStoreKey.keySet()), expiresAt));
        Map<K, V> result = new LinkedHashMap<>();
        found.forEach((storeKey, data) -> {
            V value = decodeOrDrop(storeKey, data);
            if (value != null) {
                result.put(byStoreKey.get(storeKey), value);
            }
        });
        return result;
    }

    @Override
    public Map<K, V> getValues(Collection<K> keysWanted) {
        Map<String, K> byStoreKey = storeKeys(keysWanted);
        Map<String, byte[]> found = guarded(() -> store.getAll(List.copyOf(byStoreKey.keySet())));
        Map<K, V> result = new LinkedHashMap<>();
        found.forEach((storeKey, data) -> {
            V value = decodeOrDrop(storeKey, data);
            if (value != null) {
                result.put(byStoreKey.get(storeKey), value);
            }
        });
        return result;
    }

    @Override
    public void putAllKeepingExpiry(Map<K, V> entries, Instant expiresAtIfNew) {
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        entries.forEach((key, value) -> encoded.put(keys.encode(key), values.encode(value)));
        guarded(() -> {
            store.setAllKeepingExpiry(encoded, expiresAtIfNew);
            return null;
        });
    }

    @Override
    public Map<K, StoredEntry<V>> removeAll(Collection<K> keysToRemove) {
        Map<String, K> byStoreKey = storeKeys(keysToRemove);
        Map<String, byte[]> deleted = guarded(() -> store.getAndDeleteAll(new ArrayList<>(byStoreKey.keySet())));
        Map<K, StoredEntry<V>> result = new LinkedHashMap<>();
        deleted.forEach((storeKey, data) -> result.put(byStoreKey.get(storeKey),
                new Encoded(storeKey, StorageObject.of(data, null))));
        return result;
    }

    /** Deletes every listed store key without decoding any: one bulk delete of the store. */
    @Override
    public long removeAllCounting() {
        List<String> all = new ArrayList<>();
        guarded(store::keys).forEachRemaining(all::add);
        return all.isEmpty() ? 0 : guarded(() -> store.getAndDeleteAll(all)).size();
    }

    // ---- asynchronous forms: the store's AsyncStore (Redis: Redisson's asynchronous API, no thread
    // ---- parked); values are decoded where the store's stage completes, an undecodable entry is
    // ---- dropped on the executor (its delete blocks)

    @Override
    public CompletionStage<StoredEntry<V>> getAsync(K key, Executor executor) {
        String storeKey = keys.encode(key);
        return Stages.translated(() -> store.async(executor).read(storeKey))
                .thenApply(object -> object == null ? null : new Encoded(storeKey, object));
    }

    @Override
    public CompletionStage<V> getValueAsync(K key, Executor executor) {
        String storeKey = keys.encode(key);
        return Stages.translated(() -> store.async(executor).get(storeKey))
                .thenApply(data -> decodeOrDropLater(storeKey, data, executor));
    }

    @Override
    public CompletionStage<V> getValueAndExpireAsync(K key, Instant expiresAt, Instant now, Executor executor) {
        String storeKey = keys.encode(key);
        return Stages.translated(() -> store.async(executor).getAndExpireAt(storeKey, expiresAt))
                .thenApply(data -> decodeOrDropLater(storeKey, data, executor));
    }

    @Override
    public CompletionStage<Void> putAsync(K key, V value, Instant expiresAt, Executor executor) {
        String storeKey = keys.encode(key);
        byte[] data = values.encode(value);
        return Stages.translated(() -> store.async(executor).setExpiringAt(storeKey, data, expiresAt));
    }

    @Override
    public CompletionStage<Void> putKeepingExpiryAsync(K key, V value, Instant expiresAtIfNew, Executor executor) {
        String storeKey = keys.encode(key);
        byte[] data = values.encode(value);
        return Stages.translated(() -> store.async(executor).setKeepingExpiry(storeKey, data, expiresAtIfNew));
    }

    @Override
    public CompletionStage<Map<K, V>> getValuesAsync(Collection<K> keysWanted, Executor executor) {
        Map<String, K> byStoreKey = storeKeys(keysWanted);
        return Stages.translated(() -> store.async(executor).getAll(List.copyOf(byStoreKey.keySet())))
                .thenApply(found -> decodedValues(byStoreKey, found, executor));
    }

    @Override
    public CompletionStage<Map<K, V>> getValuesAndExpireAsync(Collection<K> keysWanted, Instant expiresAt, Instant now,
            Executor executor) {
        Map<String, K> byStoreKey = storeKeys(keysWanted);
        return Stages.translated(() -> store.async(executor).getAllAndExpireAt(List.copyOf(byStoreKey.keySet()),
                expiresAt)).thenApply(found -> decodedValues(byStoreKey, found, executor));
    }

    @Override
    public CompletionStage<Void> putAllKeepingExpiryAsync(Map<K, V> entries, Instant expiresAtIfNew, Executor executor) {
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        entries.forEach((key, value) -> encoded.put(keys.encode(key), values.encode(value)));
        return Stages.translated(() -> store.async(executor).setAllKeepingExpiry(encoded, expiresAtIfNew));
    }

    @Override
    public CompletionStage<Map<K, StoredEntry<V>>> removeAllAsync(Collection<K> keysToRemove, Executor executor) {
        Map<String, K> byStoreKey = storeKeys(keysToRemove);
        return Stages.translated(() -> store.async(executor).getAndDeleteAll(new ArrayList<>(byStoreKey.keySet())))
                .thenApply(deleted -> {
                    Map<K, StoredEntry<V>> result = new LinkedHashMap<>();
                    deleted.forEach((storeKey, data) -> result.put(byStoreKey.get(storeKey),
                            new Encoded(storeKey, StorageObject.of(data, null))));
                    return result;
                });
    }

    private Map<K, V> decodedValues(Map<String, K> byStoreKey, Map<String, byte[]> found, Executor executor) {
        Map<K, V> result = new LinkedHashMap<>();
        found.forEach((storeKey, data) -> {
            V value = decodeOrDropLater(storeKey, data, executor);
            if (value != null) {
                result.put(byStoreKey.get(storeKey), value);
            }
        });
        return result;
    }

    /** {@link #decodeOrDrop}, but the undecodable entry is dropped on {@code executor}: its delete blocks. */
    private V decodeOrDropLater(String storeKey, byte[] data, Executor executor) {
        try {
            return decode(data);
        } catch (CodecException e) {
            executor.execute(() -> UndecodableEntries.drop(store, storeKey, data, e));
            return null;
        }
    }

    private Map<String, K> storeKeys(Collection<K> keysWanted) {
        Map<String, K> byStoreKey = new LinkedHashMap<>();
        for (K key : keysWanted) {
            byStoreKey.put(keys.encode(key), key);
        }
        return byStoreKey;
    }
}
