package dev.stowage.examples.spring;

import dev.stowage.testing.RedisProcess;
import dev.stowage.testing.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The example application on Redis, on a server of this test's own (stopped afterwards). */
class RedisLibraryApplicationTest extends LibraryApplicationContract {

    private static final RedisProcess SERVER = RedisServers.startPrivate();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("stowage.uri", () -> SERVER.url() + "/0/library");
    }

    @Override
    String expectedUriPrefix() {
        return SERVER.url();
    }

    @AfterAll
    static void stopRedis() {
        SERVER.close();
    }
}
