package dev.stowage.jcache.storage;

import dev.stowage.codec.Codec;
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
import java.util.function.BiConsumer;
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

    private EncodedEntryStorage(NamespacedStore store, KeyFormat keys, Codec<Object> values) {
        this.store = store;
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
     * @return the storage
     * @throws CacheException if the configuration asks the raw codec for values it cannot hold
     */
    public static <K, V> EncodedEntryStorage<K, V> create(NamespacedStore store, CompleteConfiguration<K, V> configuration,
            ClassLoader classLoader) {
        Class<?> valueType = configuration.getValueType();
        JavaCodec java = JavaCodec.forTypes(classLoader, configuration.getKeyType(), valueType);
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
        return new EncodedEntryStorage<>(store, new KeyFormat(configuration.getKeyType(), java), values);
    }

    /** An entry read from the store, decoding its value at most once. */
    private final class Encoded implements StoredEntry<V> {
        private final StorageObject object;
        private V value;

        Encoded(StorageObject object) {
            this.object = object;
        }

        @Override
        public V value() {
            if (value == null) {
                value = decode(object.data());
            }
            return value;
        }

        @Override
        public Instant expiresAt() {
            return object.expiresAt();
        }

        @Override
        public StoredEntry<V> withExpiresAt(Instant expiresAt) {
            return new Encoded(object.withExpiresAt(expiresAt));
        }
    }

    @SuppressWarnings("unchecked")
    private V decode(byte[] data) {
        return data == null ? null : (V) values.decode(data);
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
        return object == null ? null : new Encoded(object);
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
            StoredEntry<V> before = current == null ? null : new Encoded(current);
            StoredEntry<V> after = remapping.apply(before);
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
        };
        StorageObject result = guarded(() -> exclusive ? store.computeExclusive(storeKey, step)
                : store.compute(storeKey, step));
        return result == null ? null : new Encoded(result);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Runnable> onExpired(BiConsumer<K, V> listener) {
        return store.onExpired((key, value) -> {
            if (key instanceof String storeKey) {
                listener.accept((K) keys.decode(storeKey), value instanceof byte[] data ? decode(data) : null);
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

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<K> keys() {
        Iterator<String> storeKeys = guarded(store::keys);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return guarded(storeKeys::hasNext);
            }

            @Override
            public K next() {
                String storeKey = guarded(storeKeys::next);
                try {
                    return (K) keys.decode(storeKey);
                } catch (ClassCastException e) {
                    throw new CacheException("key '" + storeKey + "' of " + store + " is not of the cache's key type", e);
                }
            }
        };
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
        return decode(guarded(() -> store.get(storeKey)));
    }

    @Override
    public V getValueAndExpire(K key, Instant expiresAt, Instant now) {
        String storeKey = keys.encode(key);
        return decode(guarded(() -> store.getAndExpireAt(storeKey, expiresAt)));
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
        found.forEach((storeKey, data) -> result.put(byStoreKey.get(storeKey), decode(data)));
        return result;
    }

    @Override
    public Map<K, V> getValues(Collection<K> keysWanted) {
        Map<String, K> byStoreKey = storeKeys(keysWanted);
        Map<String, byte[]> found = guarded(() -> store.getAll(List.copyOf(byStoreKey.keySet())));
        Map<K, V> result = new LinkedHashMap<>();
        found.forEach((storeKey, data) -> result.put(byStoreKey.get(storeKey), decode(data)));
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
        deleted.forEach((storeKey, data) -> result.put(byStoreKey.get(storeKey), new Encoded(StorageObject.of(data, null))));
        return result;
    }

    private Map<String, K> storeKeys(Collection<K> keysWanted) {
        Map<String, K> byStoreKey = new LinkedHashMap<>();
        for (K key : keysWanted) {
            byStoreKey.put(keys.encode(key), key);
        }
        return byStoreKey;
    }
}
