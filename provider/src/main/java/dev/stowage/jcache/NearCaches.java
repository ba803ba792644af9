package dev.stowage.jcache;

import dev.stowage.jcache.configuration.NearCacheSettings;
import dev.stowage.jcache.configuration.StowageConfiguration;
import dev.stowage.jcache.storage.EntryStorage;
import dev.stowage.jcache.storage.NearEntryStorage;
import dev.stowage.store.InvalidationSource;
import dev.stowage.store.NamespacedStore;
import java.util.Optional;
import java.util.Properties;
import javax.cache.CacheException;
import javax.cache.configuration.CompleteConfiguration;

/**
 * Decides whether a cache gets a near cache ({@link NearCacheSettings}) and puts it in front of the
 * cache's storage. The cache's own setting ({@link StowageConfiguration#getNearCache()}) wins; else
 * the manager URI's {@code nearCache.*} parameters ({@link dev.stowage.jcache.configuration.ManagerUri}),
 * else the manager's property {@value NearCacheSettings#PROPERTY}, else the system property of that name.
 * A cache's own setting on a store without invalidations fails; the manager's default applies only
 * to the caches whose store reports invalidations and holds encoded entries (not to
 * store-by-reference caches, which live in this JVM). Stateless.
 */
final class NearCaches {

    private NearCaches() {
    }

    /**
     * Returns {@code storage}, or a near cache in front of it.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param cacheName the cache's name, for messages
     * @param configuration the cache's configuration
     * @param namespace the cache's store namespace
     * @param storage the cache's storage
     * @param uriDefault the manager URI's near cache default, or {@code null} if it gives none
     * @param properties the manager's properties
     * @param classLoader the manager's class loader
     * @return the storage to use
     * @throws CacheException if the cache asks for a near cache its store cannot keep coherent, a
     *     default setting is malformed, or subscribing to the invalidations fails; the message names
     *     the cache
     */
    static <K, V> EntryStorage<K, V> wrap(String cacheName, CompleteConfiguration<K, V> configuration,
            NamespacedStore namespace, EntryStorage<K, V> storage, NearCacheSettings uriDefault, Properties properties,
            ClassLoader classLoader) {
        NearCacheSettings own = configuration instanceof StowageConfiguration<K, V> stowage ? stowage.getNearCache() : null;
        NearCacheSettings settings = own == null ? uriDefault : own;
        if (settings == null) {
            String text = properties.getProperty(NearCacheSettings.PROPERTY, System.getProperty(NearCacheSettings.PROPERTY));
            if (text == null || text.isBlank()) {
                return storage;
            }
            try {
                settings = NearCacheSettings.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CacheException("cache '" + cacheName + "': " + e.getMessage(), e);
            }
        }
        if (!settings.enabled()) {
            return storage;
        }
        Optional<InvalidationSource> source = namespace.invalidations();
        if (source.isEmpty() || storage.eventCodec().isEmpty()) {
            if (own == null) {
                return storage;
            }
            throw new CacheException("cache '" + cacheName + "' asks for a near cache, but its store " + namespace
                    + (storage.eventCodec().isEmpty() ? " holds its entries in this JVM"
                            : " reports no invalidations (a near cache needs a store that does: Redis)"));
        }
        try {
            return NearEntryStorage.open(storage, source.get(), settings, namespace.clock(), classLoader);
        } catch (CacheException e) {
            throw new CacheException("cache '" + cacheName + "': " + e.getMessage(), e);
        }
    }
}
