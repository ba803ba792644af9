package dev.stowage.jcache.storage;

import dev.stowage.codec.Codec;
import dev.stowage.codec.JavaCodec;
import dev.stowage.codec.RawCodec;
import dev.stowage.jcache.configuration.StowageConfiguration;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StorageObject;
import java.time.Instant;
import java.util.Iterator;
import java.util.function.UnaryOperator;
import javax.cache.CacheException;
import javax.cache.configuration.CompleteConfiguration;

/**
 * {@link EntryStorage} on any byte-level {@link NamespacedStore} (file, Redis): keys through a
 * {@link KeyFormat}, values through a codec — {@code raw} for {@code String} and {@code byte[]}
 * value types, else {@code java} behind its deserialization filter, unless a
 * {@link StowageConfiguration} names the codec. Every read decodes a fresh
 * value, so entries are always held by value. Thread-safe.
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
        @SuppressWarnings("unchecked")
        public V value() {
            if (value == null) {
                value = (V) values.decode(object.data());
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

    /** An entry made by the cache, not stored yet. */
    private record Fresh<V>(V value, Instant expiresAt) implements StoredEntry<V> {
        @Override
        public StoredEntry<V> withExpiresAt(Instant newExpiresAt) {
            return new Fresh<>(value, newExpiresAt);
        }
    }

    @Override
    public StoredEntry<V> get(K key) {
        StorageObject object = store.read(keys.encode(key));
        return object == null ? null : new Encoded(object);
    }

    @Override
    public StoredEntry<V> compute(K key, UnaryOperator<StoredEntry<V>> remapping) {
        StorageObject result = store.compute(keys.encode(key), current -> {
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
        });
        return result == null ? null : new Encoded(result);
    }

    @Override
    public StoredEntry<V> newEntry(V value, Instant expiresAt) {
        return new Fresh<>(value, expiresAt);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<K> keys() {
        Iterator<String> storeKeys = store.keys();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return storeKeys.hasNext();
            }

            @Override
            public K next() {
                try {
                    return (K) keys.decode(storeKeys.next());
                } catch (ClassCastException e) {
                    throw new CacheException("a key of " + store + " is not of the cache's key type", e);
                }
            }
        };
    }

    @Override
    public void clear() {
        store.deleteAll();
    }
}
