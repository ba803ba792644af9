package dev.stowage.redis.near;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.jcache.StowageCachingProvider;
import dev.stowage.jcache.configuration.NearCacheSettings;
import dev.stowage.jcache.configuration.StowageConfiguration;
import dev.stowage.testing.RedisServers;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager URI's {@code nearCache.*} parameters on a real Redis: the default near cache of the
 * manager's caches, next to the store's own parameters, for store URIs and configuration-file URIs,
 * and its precedence (the cache's own setting, the URI, the JCache property).
 */
class NearCacheManagerUriTest {

    @TempDir
    Path directory;

    private final StowageCachingProvider provider = new StowageCachingProvider();
    private final String store = RedisServers.standalone() + "/0/near-uri-" + UUID.randomUUID();

    @AfterEach
    void close() {
        provider.close();
    }

    private static MutableConfiguration<String, String> plain() {
        return new MutableConfiguration<String, String>().setTypes(String.class, String.class);
    }

    private static boolean near(Cache<?, ?> cache) {
        return NearTierProbe.hasNearCache(cache);
    }

    private static long nearHits(Cache<?, ?> cache) {
        return NearTierProbe.count(cache, "NearHits");
    }

    @Test
    void theUriParametersGiveEveryCacheANearCacheAndTheStoreKeepsItsOwnParameters() throws Exception {
        URI given = URI.create(store + "?timeout=3s&nearCache.maximumSize=100&nearCache.timeToLive=1m");
        CacheManager manager = provider.getCacheManager(given, null);
        assertThat(manager.getURI()).isEqualTo(given);
        Cache<String, String> cache = manager.createCache("defaulted", plain());
        assertThat(near(cache)).isTrue();
        cache.put("k", "v");
        long before = nearHits(cache);
        for (int i = 0; i < 50 && nearHits(cache) == before; i++) {
            assertThat(cache.get("k")).isEqualTo("v");
            Thread.sleep(10); // the store reports the own write back a moment later, which drops a copy read meanwhile
        }
        assertThat(nearHits(cache)).as("reads served from the near tier").isGreaterThan(before);
        Cache<String, String> off = manager.createCache("off",
                new StowageConfiguration<String, String>().setNearCache(NearCacheSettings.OFF).setTypes(String.class, String.class));
        assertThat(near(off)).as("the cache's own setting wins over the URI").isFalse();
    }

    @Test
    void theUriWinsOverTheJCacheProperty() {
        Properties on = new Properties();
        on.setProperty(NearCacheSettings.PROPERTY, "maximumSize=100");
        Cache<String, String> offByUri = provider.getCacheManager(URI.create(store + "?nearCache.maximumSize=0"), null, on)
                .createCache("offByUri", plain());
        assertThat(near(offByUri)).isFalse();
        Properties off = new Properties();
        off.setProperty(NearCacheSettings.PROPERTY, "maximumSize=0");
        Cache<String, String> onByUri = provider.getCacheManager(URI.create(store + "?nearCache.maximumSize=10"), null, off)
                .createCache("onByUri", plain());
        assertThat(near(onByUri)).isTrue();
        Cache<String, String> byProperty = provider.getCacheManager(URI.create(store), null, on)
                .createCache("byProperty", plain());
        assertThat(near(byProperty)).as("without URI parameters the property applies").isTrue();
    }

    @Test
    void aConfigurationFileUriGivesTheDefaultToTheFilesCachesThatSetNone() throws IOException {
        Path file = directory.resolve("stowage.yaml");
        Files.writeString(file, "store: " + store + "\ncaches:\n  fromUri: {}\n"
                + "  ownOff:\n    nearCache: { maximumSize: 0 }\n");
        URI given = URI.create(file.toUri() + "?nearCache.maximumSize=100&nearCache.timeToLive=30s");
        CacheManager manager = provider.getCacheManager(given, getClass().getClassLoader());
        assertThat(manager.getURI()).isEqualTo(given);
        Cache<Object, Object> fromUri = manager.getCache("fromUri");
        assertThat(near(fromUri)).isTrue();
        @SuppressWarnings("unchecked")
        StowageConfiguration<Object, Object> configuration = fromUri.getConfiguration(StowageConfiguration.class);
        assertThat(configuration.getNearCache()).as("the cache's configuration holds what it set itself").isNull();
        assertThat(near(manager.getCache("ownOff"))).isFalse();
        Cache<String, String> created = manager.createCache("created", plain());
        assertThat(near(created)).as("caches created in a file's manager take it too").isTrue();
    }
}
