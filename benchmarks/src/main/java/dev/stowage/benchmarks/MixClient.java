package dev.stowage.benchmarks;

import dev.stowage.jcache.configuration.NearCacheSettings;
import dev.stowage.jcache.configuration.StowageConfiguration;
import java.net.URI;
import java.time.Duration;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;
import org.redisson.api.RedissonClient;
import org.redisson.jcache.configuration.RedissonConfiguration;

/**
 * One JVM's client of the cache of {@link RedisNearCacheMixBenchmark}: a caching provider, cache manager
 * and Redis connections of its own, and the cache {@code <String, byte[]>} created in it. Providers:
 * {@code near} (Stowage with a near cache of {@value RedisNearCacheMixBenchmark#NEAR_ENTRIES} entries,
 * time to live 5 minutes), {@code stowage} (without) and {@code redisson} (Redisson's JCache). Not
 * thread-safe to open and close; the cache is.
 */
final class MixClient implements AutoCloseable {

    private final CachingProvider provider;
    private final RedissonClient redisson;
    private final CacheManager manager;
    private final Cache<String, byte[]> cache;

    private MixClient(CachingProvider provider, RedissonClient redisson, CacheManager manager,
            Cache<String, byte[]> cache) {
        this.provider = provider;
        this.redisson = redisson;
        this.manager = manager;
        this.cache = cache;
    }

    /**
     * Opens a client and creates the cache in it (on Redis the same cache as every other client's of
     * that name).
     *
     * @param providerName {@code near}, {@code stowage} or {@code redisson}
     * @param uri Stowage's manager URI (not used by {@code redisson}, which uses {@link Bench#redisson()})
     * @param cacheName the cache's name
     * @return the client
     * @throws IllegalArgumentException if {@code providerName} is none of those
     */
    static MixClient open(String providerName, URI uri, String cacheName) {
        StowageConfiguration<String, byte[]> configuration = new StowageConfiguration<>();
        configuration.setTypes(String.class, byte[].class);
        ClassLoader loader = MixClient.class.getClassLoader();
        switch (providerName) {
            case "near", "stowage" -> {
                if (providerName.equals("near")) {
                    configuration.setNearCache(new NearCacheSettings(RedisNearCacheMixBenchmark.NEAR_ENTRIES,
                            Duration.ofMinutes(5)));
                }
                CachingProvider provider = RedisEventsBenchmark.newProvider(Bench.STOWAGE);
                CacheManager manager = provider.getCacheManager(uri, loader);
                return new MixClient(provider, null, manager, manager.createCache(cacheName, configuration));
            }
            case "redisson" -> {
                RedissonClient redisson = Bench.redisson();
                CachingProvider provider = RedisEventsBenchmark.newProvider(Bench.REDISSON);
                CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), loader);
                return new MixClient(provider, redisson, manager,
                        manager.createCache(cacheName, RedissonConfiguration.fromInstance(redisson, configuration)));
            }
            default -> throw new IllegalArgumentException("unknown provider " + providerName);
        }
    }

    /** The cache. */
    Cache<String, byte[]> cache() {
        return cache;
    }

    /** Removes the cache and its keys from the store (one client does, at the end). */
    void destroyCache() {
        manager.destroyCache(cache.getName());
    }

    /** Closes the provider (and Redisson's client). */
    @Override
    public void close() {
        provider.close();
        if (redisson != null) {
            redisson.shutdown();
        }
    }
}
