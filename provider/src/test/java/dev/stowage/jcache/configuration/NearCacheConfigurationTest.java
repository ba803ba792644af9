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
 * The {@code nearCache} option as the configuration file, the API, the manager URI and the manager property give it,
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

    @Test
    void theManagerUriSplitsItsNearCacheParametersFromTheStoresOwn() {
        ManagerUri parts = ManagerUri.of(URI.create(
                "redis://app:secret@h:6379/0/app?timeout=3s&nearCache.maximumSize=10_000&cluster=false&nearCache.timeToLive=30s#x"));
        assertThat(parts.target()).isEqualTo(URI.create("redis://app:secret@h:6379/0/app?timeout=3s&cluster=false#x"));
        assertThat(parts.nearCache()).isEqualTo(new NearCacheSettings(10_000, Duration.ofSeconds(30)));
        assertThat(ManagerUri.of(URI.create("classpath:stowage.yaml?nearCache.maximumSize=7")))
                .isEqualTo(new ManagerUri(URI.create("classpath:stowage.yaml"),
                        new NearCacheSettings(7, NearCacheSettings.DEFAULT_TIME_TO_LIVE)));
        assertThat(ManagerUri.of(URI.create("memory:?nearCache.maximumSize=0")).target()).isEqualTo(URI.create("memory:/"));
        URI plain = URI.create("filestore:/tmp/x?sync=true#nearCache.maximumSize=1");
        assertThat(ManagerUri.of(plain)).isEqualTo(new ManagerUri(plain, null));
    }

    @Test
    void theStoreNeverSeesTheNearCacheParametersAndTheManagerKeepsItsUriAsGiven() {
        URI given = URI.create("memory:?maximumSize=5&nearCache.maximumSize=100&nearCache.timeToLive=1m");
        javax.cache.CacheManager manager = provider.getCacheManager(given, null);
        assertThat(manager.getURI()).isEqualTo(given);
        assertThat(provider.getCacheManager(given, null)).isSameAs(manager);
        Cache<String, String> cache = manager.createCache("plain",
                new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        cache.put("k", "v");
        assertThat(cache.get("k")).as("a URI default on a store without invalidations is left off").isEqualTo("v");
        assertThat(provider.getCacheManager(URI.create("memory:?nearCache.maximumSize=100"), null).getURI())
                .isEqualTo(URI.create("memory:?nearCache.maximumSize=100"));
        assertThatThrownBy(() -> provider.getCacheManager(URI.create("memory:?size=5&nearCache.maximumSize=100"), null))
                .as("the store's own parameters still reach its parser")
                .isInstanceOf(CacheException.class)
                .hasMessageContaining("Memory store URI 'memory:?size=5' is invalid: unknown parameter 'size'; known are"
                        + " maximumSize");
    }

    @Test
    void badNearCacheParametersAreNamedWithTheUriPasswordMasked() {
        for (String[] bad : new String[][] {
            {"nearCache.maximumSize=many", "nearCache.maximumSize 'many' is not a whole number"},
            {"nearCache.maximumSize=-3", "nearCache.maximumSize '-3' must not be negative"},
            {"nearCache.maximumSize=1&nearCache.timeToLive=soon", "nearCache.timeToLive 'soon' is not a duration"},
            {"nearCache.maximumSize=1&nearCache.timeToLive=0s", "nearCache.timeToLive '0s' is zero"},
            {"nearCache.timeToLive=1m", "a near cache needs nearCache.maximumSize"},
            {"nearCache.size=1", "unknown setting 'nearCache.size'; known: nearCache.maximumSize, nearCache.timeToLive"},
            {"nearCache.maximumSize", "parameter 'nearCache.maximumSize' has no value"},
            {"nearCache.maximumSize=1&nearCache.maximumSize=2", "parameter 'nearCache.maximumSize' is given twice"},
        }) {
            URI uri = URI.create("redis://:secret@127.0.0.1:1/0/app?timeout=1s&" + bad[0]);
            assertThatThrownBy(() -> provider.getCacheManager(uri, null))
                    .as(bad[0]).isInstanceOf(CacheException.class)
                    .hasMessageStartingWith("Cache manager URI 'redis://:****@127.0.0.1:1/0/app?timeout=1s&")
                    .hasMessageContaining(bad[1])
                    .hasMessageNotContaining("secret");
        }
    }

    @Test
    void aConfigurationFileUriTakesTheParametersAsTheDefaultOfItsCaches() throws IOException {
        URI file = file("store: \"filestore:" + directory.resolve("files").toUri().getPath() + "\"\n"
                + "caches:\n  users: {}\n");
        URI given = URI.create(file + "?nearCache.maximumSize=100");
        javax.cache.CacheManager manager = provider.getCacheManager(given, getClass().getClassLoader());
        assertThat(manager.getURI()).isEqualTo(given);
        Cache<Object, Object> users = manager.getCache("users");
        users.put("k", "v");
        assertThat(users.get("k")).as("the file store reports no invalidations: the default is left off").isEqualTo("v");
        assertThatThrownBy(() -> provider.getCacheManager(URI.create(file + "?nearCache.maximumSize=x"),
                getClass().getClassLoader()))
                .isInstanceOf(CacheException.class)
                .hasMessageContaining("nearCache.maximumSize 'x' is not a whole number");
        assertThatThrownBy(() -> provider.getCacheManager(URI.create(file + "?other=1"), getClass().getClassLoader()))
                .as("a configuration file URI has no parameters of its own")
                .isInstanceOf(CacheException.class);
    }
}
