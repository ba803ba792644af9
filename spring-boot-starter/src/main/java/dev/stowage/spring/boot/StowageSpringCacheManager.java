package dev.stowage.spring.boot;

import java.util.Collection;
import java.util.function.Consumer;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import org.springframework.cache.Cache;
import org.springframework.cache.jcache.JCacheCache;
import org.springframework.cache.jcache.JCacheCacheManager;

/**
 * Spring's {@link JCacheCacheManager} on a Stowage JCache manager that also creates the caches it is
 * asked for and does not know yet: {@code @Cacheable("books")} works with no cache declared
 * anywhere, with the settings of {@code stowage.caches.books} or the defaults. A cache that exists
 * already in the JCache manager (declared in a configuration file, or created by another
 * application context sharing the manager) is used as it is, never created twice. Each cache
 * created after start-up is handed to a listener (the starter binds its Micrometer metrics there).
 * Thread-safe, as Spring's cache managers are.
 */
public class StowageSpringCacheManager extends JCacheCacheManager {

    private final CacheConfigurations configurations;
    private volatile Consumer<Cache> createdListener = cache -> { };

    /**
     * Creates the manager.
     *
     * @param cacheManager the Stowage JCache manager, not {@code null}
     * @param configurations the per-cache settings, not {@code null}
     */
    StowageSpringCacheManager(CacheManager cacheManager, CacheConfigurations configurations) {
        super(cacheManager);
        this.configurations = configurations;
    }

    /**
     * Creates each named cache that does not exist yet, with its {@code stowage.caches} settings (a
     * start-up step: {@code spring.cache.cache-names} and the keys of {@code stowage.caches}).
     *
     * @param names the cache names, not {@code null}
     */
    void createCaches(Collection<String> names) {
        names.forEach(name -> obtain(getCacheManager(), name, configurations));
    }

    /**
     * Sets what hears of the caches created on first use, after start-up.
     *
     * @param listener the listener, not {@code null}
     */
    void onCacheCreated(Consumer<Cache> listener) {
        this.createdListener = listener;
    }

    @Override
    protected Cache getMissingCache(String name) {
        CacheManager manager = getCacheManager();
        if (manager == null || manager.isClosed()) {
            return null;
        }
        Cache cache = new JCacheCache(obtain(manager, name, configurations), isAllowNullValues());
        createdListener.accept(cache);
        return cache;
    }

    /**
     * Returns the JCache cache {@code name}, creating it when it does not exist: another context or
     * thread may create it at the same time, so an "exists already" refusal is answered by taking
     * that one.
     */
    static javax.cache.Cache<Object, Object> obtain(CacheManager manager, String name, CacheConfigurations configurations) {
        javax.cache.Cache<Object, Object> cache = manager.getCache(name);
        if (cache != null) {
            return cache;
        }
        try {
            return manager.createCache(name, configurations.forCache(name));
        } catch (CacheException e) {
            cache = manager.getCache(name);
            if (cache == null) {
                throw e;
            }
            return cache;
        }
    }
}
