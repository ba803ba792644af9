package dev.stowage.jcache.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Store-by-reference (JSR-107 section 5.3 "Store-By-Value and Store-By-Reference") for a cache on a
 * byte-level backend (file, Redis), which can only hold copies. The table remembers, per store key,
 * the instance this cache last stored and the bytes it was stored as; a read that finds exactly those
 * bytes in the backend returns that very instance, any other read decodes a copy. So within one JVM a
 * value read back is the object put, also when it was mutated after the put (the mutation is not
 * written to the backend); a value another process or another cache manager wrote is a copy.
 *
 * <p>The table is bounded by the stored bytes it holds (16 MiB per cache, least recently used dropped
 * first); a dropped entry is decoded as a copy on its next read. Keys the codec cannot encode (not
 * {@link java.io.Serializable}) get a key of this JVM, {@code o:} and a number, kept for the life of
 * the cache: such entries are in the backend but only this cache can find them. Thread-safe.
 */
final class ReferenceTable {

    /** The key prefix of keys that only this JVM can resolve. */
    static final String LOCAL_KEY_PREFIX = "o:";

    private static final long MAX_BYTES = 16L * 1024 * 1024;

    private final Cache<String, Ref> references = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .weigher((String key, Ref ref) -> ref.bytes().length + key.length() + 64)
            .executor(Runnable::run)
            .build();
    private final ConcurrentMap<Object, String> localKeys = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Object> localKeyObjects = new ConcurrentHashMap<>();
    private final AtomicLong nextLocalKey = new AtomicLong();

    /** An instance and the bytes it was stored as. */
    private record Ref(byte[] bytes, Object value) {
    }

    /**
     * Returns the instance stored under {@code storeKey} if the backend still holds its bytes.
     *
     * @param storeKey the store key, not {@code null}
     * @param stored the bytes the backend holds now, not {@code null}
     * @return the instance, or {@code null} when the bytes differ or nothing is remembered
     */
    Object lookup(String storeKey, byte[] stored) {
        Ref ref = references.getIfPresent(storeKey);
        return ref != null && Arrays.equals(ref.bytes(), stored) ? ref.value() : null;
    }

    /**
     * Remembers that {@code value} was stored under {@code storeKey} as {@code stored}.
     *
     * @param storeKey the store key, not {@code null}
     * @param stored the encoded bytes, not {@code null}; kept, not copied
     * @param value the instance, not {@code null}
     */
    void remember(String storeKey, byte[] stored, Object value) {
        references.put(storeKey, new Ref(stored, value));
    }

    /**
     * Forgets what was stored under {@code storeKey}.
     *
     * @param storeKey the store key, not {@code null}
     */
    void forget(String storeKey) {
        references.invalidate(storeKey);
    }

    /** Forgets every instance (the cache was cleared). */
    void clear() {
        references.invalidateAll();
    }

    /**
     * Returns the key of this JVM for a key object the codec cannot encode, making one on first use.
     *
     * @param key the key object, not {@code null}; compared by {@code equals}
     * @return {@code o:} and a number
     */
    String localKey(Object key) {
        return localKeys.computeIfAbsent(key, k -> {
            String storeKey = LOCAL_KEY_PREFIX + nextLocalKey.incrementAndGet();
            localKeyObjects.put(storeKey, k);
            return storeKey;
        });
    }

    /**
     * Returns the key object of a key made by {@link #localKey(Object)}.
     *
     * @param storeKey the store key, not {@code null}
     * @return the key object, or {@code null} when this JVM did not make that key
     */
    Object localKeyObject(String storeKey) {
        return localKeyObjects.get(storeKey);
    }
}
