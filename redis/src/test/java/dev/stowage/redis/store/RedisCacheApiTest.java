package dev.stowage.redis.store;

import dev.stowage.jcache.CacheApiContract;
import dev.stowage.jcache.StowageCachingProvider;
import dev.stowage.testing.RedisServers;
import java.net.URI;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * The blocking and asynchronous cache API contract on Redis (the direct paths through Redisson's
 * asynchronous API), in a root namespace of its own, removed afterwards.
 */
class RedisCacheApiTest extends CacheApiContract {

    private static final String ROOT = RedisTestClients.uniqueNamespace("cache-api");

    private final StowageCachingProvider provider = new StowageCachingProvider();

    @AfterEach
    void closeProvider() {
        provider.close();
    }

    @AfterAll
    static void removeNamespace() {
        try (RedisStore root = RedisStore.withClient(RedisServers.standalone() + "/0/" + ROOT)) {
            root.deleteAll();
        }
    }

    @Override
    protected CacheManager openManager() {
        return provider.getCacheManager(URI.create(RedisServers.standalone() + "/0/" + ROOT), null);
    }
}
