package dev.stowage.jcache.storage;

import dev.stowage.store.NamespacedStore;
import javax.cache.CacheException;
import javax.cache.configuration.CompleteConfiguration;

/**
 * Chooses the {@link EntryStorage} for a cache's store namespace by what the store says it can do: a
 * namespace with an object-level view ({@link NamespacedStore#objects()}, the memory backend) holds
 * Java objects (by reference, or copied for store-by-value); any other holds encoded bytes. Never
 * looks at the store's class. Stateless.
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
        return forNamespace(namespace, configuration, classLoader, null);
    }

    /**
     * Makes the storage of one cache whose manager admits more classes to the {@code java} codec.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param namespace the cache's store namespace, not {@code null}
     * @param configuration the cache's configuration, not {@code null}
     * @param classLoader the cache manager's class loader, not {@code null}
     * @param allowPatterns the manager's allow-list, a JDK filter pattern list, or {@code null}
     * @return the storage
     * @throws CacheException if the backend cannot hold JCache entries, or {@code allowPatterns} is
     *     not a pattern list (the message names it)
     */
    public static <K, V> EntryStorage<K, V> forNamespace(NamespacedStore namespace,
            CompleteConfiguration<K, V> configuration, ClassLoader classLoader, String allowPatterns) {
        return namespace.objects()
                .<EntryStorage<K, V>>map(objects -> {
                    boolean copyKeys = configuration.isStoreByValue() && !Copier.sharesEvery(configuration.getKeyType());
                    boolean copyValues = configuration.isStoreByValue()
                            && !Copier.sharesEvery(configuration.getValueType());
                    Copier copier = copyKeys || copyValues ? new Copier(classLoader) : null;
                    return new ObjectEntryStorage<>(namespace, objects, copyKeys ? copier : null,
                            copyValues ? copier : null);
                })
                .orElseGet(() -> EncodedEntryStorage.create(namespace, configuration, classLoader, allowPatterns));
    }
}
