package dev.stowage.jcache.storage;

/**
 * How a cache's keys and values cross a process boundary in its entry events: the same encoding its
 * byte-level store holds them in ({@link KeyFormat} for keys, the cache's codec for values), so a
 * listener in another JVM decodes them as a read there would. Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface EventCodec<K, V> {

    /**
     * Encodes a key as the store names it.
     *
     * @param key the key, not {@code null}
     * @return its store key
     */
    String encodeKey(K key);

    /**
     * Decodes a store key.
     *
     * @param key a store key {@link #encodeKey} made, not {@code null}
     * @return the key
     * @throws javax.cache.CacheException if it cannot be decoded
     */
    K decodeKey(String key);

    /**
     * Encodes a value.
     *
     * @param value the value, not {@code null}
     * @return its bytes
     */
    byte[] encodeValue(V value);

    /**
     * Decodes a value, behind the codec's deserialization filter.
     *
     * @param data bytes {@link #encodeValue} made, not {@code null}
     * @return the value
     * @throws javax.cache.CacheException if it cannot be decoded
     */
    V decodeValue(byte[] data);
}
