package dev.stowage.jcache;

import java.net.URI;
import java.util.UUID;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterEach;

/** The blocking and asynchronous cache API contract on the memory store (stages completed on the provider's executor). */
class MemoryCacheApiTest extends CacheApiContract {

    private final StowageCachingProvider provider = new StowageCachingProvider();

    @AfterEach
    void closeProvider() {
        provider.close();
    }

    @Override
    protected CacheManager openManager() {
        return provider.getCacheManager(URI.create("memory:/api-" + UUID.randomUUID()), null);
    }
}
