package dev.stowage.jcache;

import java.util.Objects;
import javax.cache.Cache;

/**
 * An immutable key and value pair, as {@link Cache#iterator()} returns and as the cache hands to a
 * {@link javax.cache.integration.CacheWriter}. Thread-safe as far as its key and value are.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class StowageEntry<K, V> implements Cache.Entry<K, V> {

    private final K key;
    private final V value;

    /**
     * Creates an entry.
     *
     * @param key the key, not {@code null}
     * @param value the value, not {@code null}
     * @throws NullPointerException if either is {@code null}
     */
    public StowageEntry(K key, V value) {
        this.key = Objects.requireNonNull(key, "key");
        this.value = Objects.requireNonNull(value, "value");
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        return value;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        throw new IllegalArgumentException("a cache entry cannot be unwrapped to " + clazz.getName());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cache.Entry<?, ?> that && key.equals(that.getKey()) && value.equals(that.getValue());
    }

    @Override
    public int hashCode() {
        return key.hashCode() ^ value.hashCode();
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
