package dev.stowage.examples.hibernate;

import dev.stowage.testing.RedisProcess;
import dev.stowage.testing.RedisServers;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The second-level cache contract on Redis, on a server of its own (stopped afterwards, so nothing is
 * left behind). Hibernate's classes are admitted to the java codec as for the file store.
 */
class RedisSecondLevelCacheTest extends SecondLevelCacheContract {

    private static RedisProcess server;

    @BeforeAll
    static void startRedisAndAdmitHibernateClasses() {
        server = RedisServers.startPrivate();
        FileStoreSecondLevelCacheTest.admitHibernateClasses();
    }

    @AfterAll
    static void stopRedis() {
        FileStoreSecondLevelCacheTest.forgetHibernateClasses();
        server.close();
    }

    @Override
    protected String storeUri(Path directory) {
        return server.url() + "/0/" + directory.getFileName();
    }
}
