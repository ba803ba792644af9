package dev.stowage.jcache.storage;

import dev.stowage.store.NamespacedStore;
import dev.stowage.store.memory.MemoryStore;
import javax.cache.CacheException;
import javax.cache.configuration.CompleteConfiguration;

/**
 * Chooses the {@link EntryStorage} for a cache's store namespace: the memory backend holds Java
 * objects (by reference, or copied for store-by-value); other backends hold encoded bytes. Stateless.
 */
public final class EntryStorages {

    private EntryStorages() {
    }

    /**
     * Makes the storage of one cache.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param namespace the cache's store namespace, not {@code null}
     * @param configuration the cache's configuration, not {@code null}
     * @param classLoader the cache manager's class loader, not {@code null}
     * @return the storage
     * @throws CacheException if the backend cannot hold JCache entries
     */
    public static <K, V> EntryStorage<K, V> forNamespace(NamespacedStore namespace,
            CompleteConfiguration<K, V> configuration, ClassLoader classLoader) {
        if (namespace instanceof MemoryStore memory) {
            return new MemoryEntryStorage<>(memory, configuration.isStoreByValue() ? new Copier(classLoader) : null);
        }
        return EncodedEntryStorage.create(namespace, configuration, classLoader);
    }
}
