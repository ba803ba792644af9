package dev.stowage.jcache.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.jcache.StowageCachingProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.JCacheMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Micrometer's JCacheMetrics reads a cache's statistics MXBean under the name it derives from
 * {@code cache.getCacheManager().getURI()} (':' replaced by '.') and {@code cache.getName()}.
 */
class JCacheMetricsTest {

    @TempDir
    Path directory;

    private final StowageCachingProvider provider = new StowageCachingProvider();

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void findsTheStatisticsOfAFileDeclaredCacheWithADottedName() throws IOException {
        Path file = directory.resolve("stowage.yaml");
        Files.writeString(file, "caches:\n  com.acme.Book:\n    statisticsEnabled: true\n");
        CacheManager manager = provider.getCacheManager(file.toUri(), null);
        Cache<Object, Object> books = manager.getCache("com.acme.Book");
        MeterRegistry registry = new SimpleMeterRegistry();
        JCacheMetrics.monitor(registry, books, Tags.of("app", "test"));

        books.put(1, "Dune");
        books.get(1);
        books.get(1);
        books.get(2);
        books.remove(1);

        assertThat(registry.get("cache.gets").tag("cache", "com.acme.Book").tag("result", "hit").functionCounter().count())
                .isEqualTo(2.0);
        assertThat(registry.get("cache.gets").tag("result", "miss").functionCounter().count()).isEqualTo(1.0);
        assertThat(registry.get("cache.puts").functionCounter().count()).isEqualTo(1.0);
    }

    @Test
    void findsTheStatisticsOfAStoreUriManager() {
        CacheManager manager = provider.getCacheManager(java.net.URI.create("memory:/metrics"), null);
        Cache<String, String> cache = manager.createCache("plain",
                new StowageConfiguration<String, String>().setTypes(String.class, String.class).setStatisticsEnabled(true));
        MeterRegistry registry = new SimpleMeterRegistry();
        JCacheMetrics.monitor(registry, cache);
        cache.get("absent");
        assertThat(registry.get("cache.gets").tag("result", "miss").functionCounter().count()).isEqualTo(1.0);
    }
}
