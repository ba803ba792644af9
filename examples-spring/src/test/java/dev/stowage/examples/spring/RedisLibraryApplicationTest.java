package dev.stowage.examples.spring;

import dev.stowage.jcache.configuration.StowageConfiguration;
import dev.stowage.testing.RedisProcess;
import dev.stowage.testing.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The same Spring tests with the caches on Redis: hits, evictions, expiry and metrics through Spring,
 * on a Redis server of this test's own (stopped afterwards, so nothing is left behind).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.cache.jcache.config=classpath:stowage-redis-test.yaml",
                // only the memory store bounds a cache's size; Redis refuses a maximumSize
                "library.recent.maximum-size=-1"})
class RedisLibraryApplicationTest extends LibraryApplicationTest {

    private static final RedisProcess SERVER = RedisServers.startPrivate();

    static {
        // read by the ${stowage.test.redis} of stowage-redis-test.yaml when Spring opens the cache manager
        System.setProperty("stowage.test.redis", SERVER.url() + "/0");
    }

    @Override
    long expectedRecentMaximumSize() {
        return StowageConfiguration.UNBOUNDED;
    }

    @AfterAll
    static void stopRedis() {
        System.clearProperty("stowage.test.redis");
        SERVER.close();
    }
}
