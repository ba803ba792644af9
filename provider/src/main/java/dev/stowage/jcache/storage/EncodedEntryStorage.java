package dev.stowage.jcache.storage;

import dev.stowage.codec.Codec;
import dev.stowage.codec.CodecException;
import dev.stowage.codec.JavaCodec;
import dev.stowage.codec.RawCodec;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StorageObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.UnaryOperator;
import javax.cache.CacheException;
import javax.cache.configuration.CompleteConfiguration;

/**
 * {@link EntryStorage} on any byte-level {@link NamespacedStore} (file, Redis): keys through a
 * {@link KeyFormat}, values through a codec — {@code raw} for {@code String} and {@code byte[]}
 * value types, else {@code java} behind its deserialization filter. Every read decodes a fresh
 * value, so entries are held by value; a store-by-reference cache also keeps a {@link ReferenceTable},
 * so that a value read back in this JVM is the instance stored. Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class EncodedEntryStorage<K, V> implements EntryStorage<K, V> {

    private final NamespacedStore store;
    private final KeyFormat keys;
    private final Codec<Object> values;
    private final ReferenceTable references;

    private EncodedEntryStorage(NamespacedStore store, KeyFormat keys, Codec<Object> values, ReferenceTable references) {
        this.store = store;
        this.keys = keys;
        this.values = values;
        this.references = references;
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
     */
    public static <K, V> EncodedEntryStorage<K, V> create(NamespacedStore store, CompleteConfiguration<K, V> configuration,
            ClassLoader classLoader) {
        Class<?> valueType = configuration.getValueType();
        JavaCodec java = JavaCodec.forTypes(classLoader, configuration.getKeyType(), valueType);
        Codec<Object> values = valueType == String.class || valueType == byte[].class ? new RawCodec(valueType) : java;
        return new EncodedEntryStorage<>(store, new KeyFormat(configuration.getKeyType(), java), values,
                configuration.isStoreByValue() ? null : new ReferenceTable());
    }

    /** An entry read from the store, decoding its value at most once. */
    private final class Encoded implements StoredEntry<V> {
        private final String storeKey;
        private final StorageObject object;
        private V value;

        Encoded(String storeKey, StorageObject object) {
            this.storeKey = storeKey;
            this.object = object;
        }

        @Override
        @SuppressWarnings("unchecked")
        public V value() {
            if (value == null) {
                byte[] data = object.data();
                Object same = references == null ? null : references.lookup(storeKey, data);
                value = (V) (same != null ? same : values.decode(data));
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

    @Override
    public StoredEntry<V> get(K key) {
        String storeKey = storeKey(key);
        StorageObject object = store.read(storeKey);
        return object == null ? null : new Encoded(storeKey, object);
    }

    @Override
    public StoredEntry<V> compute(K key, UnaryOperator<StoredEntry<V>> remapping) {
        String storeKey = storeKey(key);
        Object[] written = new Object[2];
        StorageObject result = store.compute(storeKey, current -> {
            written[0] = null;
            StoredEntry<V> before = current == null ? null : new Encoded(storeKey, current);
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
            byte[] data = values.encode(after.value());
            written[0] = data;
            written[1] = after.value();
            return StorageObject.of(data, after.expiresAt());
        });
        if (references != null) {
            if (result == null) {
                references.forget(storeKey);
            } else if (written[0] != null && Arrays.equals((byte[]) written[0], result.data())) {
                references.remember(storeKey, (byte[]) written[0], written[1]);
            }
        }
        return result == null ? null : new Encoded(storeKey, result);
    }

    /** Encodes a key; a store-by-reference cache gives a key the codec cannot encode a key of this JVM. */
    private String storeKey(Object key) {
        try {
            return keys.encode(key);
        } catch (CodecException e) {
            if (references == null) {
                throw e;
            }
            return references.localKey(key);
        }
    }

    @Override
    public StoredEntry<V> newEntry(V value, Instant expiresAt) {
        return new NewEntry<>(value, expiresAt);
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
                String storeKey = storeKeys.next();
                Object local = references == null || !storeKey.startsWith(ReferenceTable.LOCAL_KEY_PREFIX) ? null
                        : references.localKeyObject(storeKey);
                try {
                    return (K) (local != null ? local : keys.decode(storeKey));
                } catch (ClassCastException e) {
                    throw new CacheException("a key of " + store + " is not of the cache's key type", e);
                }
            }
        };
    }

    @Override
    public void clear() {
        store.deleteAll();
        if (references != null) {
            references.clear();
        }
    }
}
