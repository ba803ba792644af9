package dev.stowage.jcache;

import java.net.URI;
import java.nio.file.Path;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The blocking and asynchronous cache API contract on the file store (stages completed on the provider's executor). */
class FileCacheApiTest extends CacheApiContract {

    private final StowageCachingProvider provider = new StowageCachingProvider();

    @TempDir
    Path directory;

    @AfterEach
    void closeProvider() {
        provider.close();
    }

    @Override
    protected CacheManager openManager() {
        return provider.getCacheManager(URI.create("filestore:" + directory), null);
    }
}
