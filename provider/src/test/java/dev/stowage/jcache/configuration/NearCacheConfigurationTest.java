package dev.stowage.jcache.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.jcache.StowageCachingProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code nearCache} option as the configuration file, the API and the manager property give it,
 * and its refusal where the store reports no invalidations (the memory store here; the near cache
 * itself is tested on Redis, in the redis module).
 */
class NearCacheConfigurationTest {

    @TempDir
    Path directory;

    private final StowageCachingProvider provider = new StowageCachingProvider();

    @AfterEach
    void close() {
        provider.close();
    }

    private URI file(String yaml) throws IOException {
        Path file = directory.resolve("stowage.yaml");
        Files.writeString(file, yaml);
        return file.toUri();
    }

    @Test
    void theFileGivesTheSettingsAndMaximumSizeZeroTurnsItOff() throws IOException {
        URI uri = file("caches:\n  off:\n    nearCache: { maximumSize: 0, timeToLive: 30s }\n");
        Cache<Object, Object> cache = provider.getCacheManager(uri, getClass().getClassLoader()).getCache("off");
        @SuppressWarnings("unchecked")
        StowageConfiguration<Object, Object> configuration = cache.getConfiguration(StowageConfiguration.class);
        assertThat(configuration.getNearCache()).isEqualTo(new NearCacheSettings(0, Duration.ofSeconds(30)));
        assertThat(configuration.getNearCache().enabled()).isFalse();
    }

    @Test
    void aCachesOwnNearCacheIsRefusedOnAStoreWithoutInvalidations() throws IOException {
        URI uri = file("caches:\n  users:\n    nearCache: { maximumSize: 100 }\n");
        assertThatThrownBy(() -> provider.getCacheManager(uri, getClass().getClassLoader()).getCache("users"))
                .isInstanceOf(CacheException.class)
                .hasMessageContaining("cache 'users' asks for a near cache, but its store")
                .hasMessageContaining("holds its entries in this JVM");
    }

    @Test
    void aNearCacheIsRefusedOnTheFileStoreWhichReportsNoInvalidations() {
        StowageConfiguration<String, String> configuration = new StowageConfiguration<>();
        configuration.setTypes(String.class, String.class);
        configuration.setNearCache(new NearCacheSettings(10, Duration.ofMinutes(1)));
        URI store = URI.create("filestore:" + directory.resolve("files").toUri().getPath());
        assertThatThrownBy(() -> provider.getCacheManager(store, getClass().getClassLoader())
                .createCache("files", configuration))
                .isInstanceOf(CacheException.class)
                .hasMessageContaining("cache 'files' asks for a near cache, but its store")
                .hasMessageContaining("reports no invalidations");
    }

    @Test
    void aManagerDefaultIsLeftOffWhereTheStoreCannotKeepItCoherent() {
        Properties properties = new Properties();
        properties.setProperty(NearCacheSettings.PROPERTY, "maximumSize=100,timeToLive=1m");
        Cache<String, String> cache = provider.getCacheManager(URI.create("memory:/near-default"), null, properties)
                .createCache("plain", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        cache.put("k", "v");
        assertThat(cache.get("k")).isEqualTo("v");
        properties.setProperty(NearCacheSettings.PROPERTY, "size=100");
        assertThatThrownBy(() -> provider.getCacheManager(URI.create("memory:/near-bad-default"), null, properties)
                .createCache("plain", new MutableConfiguration<>()))
                .isInstanceOf(CacheException.class)
                .hasMessageContaining("cache 'plain': stowage.nearCache 'size=100': unknown setting 'size'");
    }

    @Test
    void badSettingsAreNamed() throws IOException {
        for (String[] bad : new String[][] {
            {"nearCache: { maximumSize: 10, ttl: 1m }", "caches.users.nearCache.ttl: unknown key 'ttl'"},
            {"nearCache: { timeToLive: 1m }", "caches.users.nearCache: a near cache needs maximumSize"},
            {"nearCache: { maximumSize: many }", "caches.users.nearCache.maximumSize: 'many' is not a non-negative whole number"},
            {"nearCache: { maximumSize: 10, timeToLive: 10 }", "caches.users.nearCache.timeToLive: '10'"},
            {"nearCache: { maximumSize: 10, timeToLive: 0s }", "is zero; a near cache's timeToLive must be longer than zero"},
        }) {
            URI uri = file("caches:\n  users:\n    " + bad[0] + "\n");
            assertThatThrownBy(() -> provider.getCacheManager(uri, getClass().getClassLoader()))
                    .as(bad[0]).isInstanceOf(ConfigurationException.class).hasMessageContaining(bad[1]);
        }
    }

    @Test
    void thePropertyFormIsReadAndChecked() {
        assertThat(NearCacheSettings.parse("maximumSize=10_000, timeToLive=5m"))
                .isEqualTo(new NearCacheSettings(10_000, Duration.ofMinutes(5)));
        assertThat(NearCacheSettings.parse("maximumSize=7").timeToLive()).isEqualTo(NearCacheSettings.DEFAULT_TIME_TO_LIVE);
        assertThatThrownBy(() -> NearCacheSettings.parse("timeToLive=5m")).hasMessageContaining("needs maximumSize");
        assertThatThrownBy(() -> NearCacheSettings.parse("maximumSize")).hasMessageContaining("is not name=value");
        assertThatThrownBy(() -> NearCacheSettings.parse("maximumSize=x")).hasMessageContaining("'x' is not a whole number");
        assertThatThrownBy(() -> NearCacheSettings.parse("maximumSize=-1")).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> NearCacheSettings.parse("maximumSize=1,timeToLive=soon"))
                .hasMessageContaining("stowage.nearCache 'maximumSize=1,timeToLive=soon'");
    }
}
