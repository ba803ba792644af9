package dev.stowage.jcache;

import dev.stowage.jcache.configuration.CacheManagerSetup;
import dev.stowage.store.MutableClock;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.file.FileStore;
import dev.stowage.store.file.FileStoreOptions;
import dev.stowage.store.memory.MemoryStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of the JCache layer's own tests: cache managers over stores the test opens, all on one
 * {@link MutableClock} the test moves (a cache reads the time from its store's clock), so that no
 * expiry test sleeps. Managers are closed after each test.
 */
abstract class ClockedCacheTest {

    /** Where every test's clock starts. */
    static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    /** The backends a cache is tested on: one that holds Java objects, one that holds encoded bytes. */
    enum Backend {
        /** The memory store: the object-level view. */
        MEMORY {
            @Override
            NamespacedStore open(Clock clock, Path directory) {
                return new MemoryStore(clock, -1);
            }
        },
        /** The file store: keys and values encoded. */
        FILE {
            @Override
            NamespacedStore open(Clock clock, Path directory) {
                return FileStore.open(directory, FileStoreOptions.defaults().withClock(clock));
            }
        };

        abstract NamespacedStore open(Clock clock, Path directory);
    }

    @TempDir
    Path directory;

    final MutableClock clock = new MutableClock(START);

    private final StowageCachingProvider provider = new StowageCachingProvider();
    private final List<StowageCacheManager> managers = new ArrayList<>();

    @AfterEach
    void closeManagers() {
        managers.forEach(StowageCacheManager::close);
        provider.close();
    }

    /** A manager over a new root store of {@code backend}, on {@link #clock}. */
    StowageCacheManager manager(Backend backend) {
        return manager(backend.open(clock, directory), ForkJoinPool.commonPool());
    }

    /** A manager over {@code root}, whose asynchronous work runs on {@code executor}. */
    StowageCacheManager manager(NamespacedStore root, Executor executor) {
        StowageCacheManager manager = new StowageCacheManager(provider, URI.create("test:/" + UUID.randomUUID()),
                getClass().getClassLoader(), new Properties(), CacheManagerSetup.forStore(root), null, executor);
        managers.add(manager);
        return manager;
    }

    /** A configuration of {@code String} keys and values. */
    static MutableConfiguration<String, String> strings() {
        return new MutableConfiguration<String, String>().setTypes(String.class, String.class);
    }

    /** A factory that hands out {@code instance} itself, so the test can watch it. */
    static <T> Factory<T> instance(T instance) {
        return () -> instance;
    }
}
