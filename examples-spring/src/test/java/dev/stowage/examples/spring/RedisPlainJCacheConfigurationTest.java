package dev.stowage.examples.spring;

import dev.stowage.testing.RedisProcess;
import dev.stowage.testing.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Spring Boot's own JCache configuration with the caches on Redis, on a server of this test's own. */
class RedisPlainJCacheConfigurationTest extends PlainJCacheConfigurationContract {

    private static final RedisProcess SERVER = RedisServers.startPrivate();

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry registry) {
        registry.add("spring.cache.jcache.config", () -> configuration(SERVER.url() + "/0/plain"));
    }

    @AfterAll
    static void stopRedis() {
        SERVER.close();
    }
}
