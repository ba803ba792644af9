package dev.stowage.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.jcache.StowageCachingProvider;
import dev.stowage.jcache.configuration.StowageConfiguration;
import dev.stowage.spring.boot.fixtures.Shelf;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import javax.cache.Caching;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.SimpleKey;

/** The starter's auto-configuration in application contexts of its own, without a web server. */
class StowageAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StowageAutoConfiguration.class, CacheAutoConfiguration.class));

    @TempDir
    Path directory;

    private static String memoryUri() {
        return "stowage.uri=memory:/starter-" + UUID.randomUUID();
    }

    @Test
    void stowageIsTheCacheManagerEvenWithRedissonsProviderOnTheClassPath() {
        // stowage-redis brings Redisson, whose jar registers a JCache provider of its own
        assertThat(StreamSupport.stream(Caching.getCachingProviders().spliterator(), false)
                .map(CachingProvider::getClass).map(Class::getName)).anyMatch(name -> name.startsWith("org.redisson."));
        runner.withPropertyValues(memoryUri()).run(context -> {
            assertThat(context).hasSingleBean(StowageSpringCacheManager.class);
            javax.cache.CacheManager jcache = context.getBean(javax.cache.CacheManager.class);
            assertThat(jcache.getCachingProvider()).isInstanceOf(StowageCachingProvider.class);
            assertThat(jcache.getURI().toString()).startsWith("memory:/starter-");
        });
    }

    @Test
    @SuppressWarnings("unchecked") // getConfiguration(StowageConfiguration.class): the class literal is raw
    void configuredCachesExistAtStartAndOthersAreCreatedOnFirstUse() {
        runner.withPropertyValues(memoryUri(), "stowage.caches.short.time-to-live=1h",
                "stowage.caches.short.maximum-size=10", "stowage.caches.short.statistics=false",
                "spring.cache.cache-names=named").run(context -> {
                    javax.cache.CacheManager jcache = context.getBean(javax.cache.CacheManager.class);
                    assertThat(jcache.getCacheNames()).contains("short", "named");
                    @SuppressWarnings("unchecked")
                    StowageConfiguration<Object, Object> shortOne =
                            jcache.getCache("short").getConfiguration(StowageConfiguration.class);
                    assertThat(shortOne.getMaximumSize()).isEqualTo(10);
                    assertThat(shortOne.isStatisticsEnabled()).isFalse();
                    assertThat(shortOne.getExpiryPolicyFactory().create().getExpiryForCreation())
                            .isEqualTo(new Duration(TimeUnit.MILLISECONDS, TimeUnit.HOURS.toMillis(1)));
                    assertThat(shortOne.getExpiryPolicyFactory().create()).isInstanceOf(CreatedExpiryPolicy.class);

                    assertThat(context.getBean(CacheManager.class).getCache("adhoc")).isNotNull();
                    assertThat(jcache.getCache("adhoc").getConfiguration(StowageConfiguration.class)
                            .isStatisticsEnabled()).isTrue();
                });
    }

    @Test
    void springsNullValueAndSimpleKeyRoundTripOnTheFileStoreWithoutConfiguration() {
        runner.withPropertyValues("stowage.uri=filestore:" + directory.toAbsolutePath()).run(context -> {
            Cache cache = context.getBean(CacheManager.class).getCache("framework");
            SimpleKey key = new SimpleKey("isbn", 2);
            cache.put(key, null);
            assertThat(cache.get(key)).isNotNull();
            assertThat(cache.get(key).get()).isNull();
            cache.put(SimpleKey.EMPTY, "no parameters");
            assertThat(cache.get(SimpleKey.EMPTY, String.class)).isEqualTo("no parameters");
            cache.clear();
            assertThat(cache.get(key)).isNull();
        });
    }

    @Test
    void theCodecAllowPropertyAdmitsApplicationClassesForThisManagerOnly() {
        String uri = "stowage.uri=filestore:" + directory.toAbsolutePath();
        runner.withPropertyValues(uri, "stowage.codec.allow=dev.stowage.spring.boot.fixtures.*").run(context -> {
            Cache cache = context.getBean(CacheManager.class).getCache("shelves");
            cache.put("sf", new Shelf("science fiction", 12));
            assertThat(cache.get("sf", Shelf.class)).isEqualTo(new Shelf("science fiction", 12));
        });
        runner.withPropertyValues(uri).run(context -> {
            // the entry is on disk, but this manager does not admit the class: a miss, never an instance
            Cache cache = context.getBean(CacheManager.class).getCache("shelves");
            assertThat(cache.get("sf")).isNull();
        });
    }

    @Test
    void twoContextsWithTheSameConfigurationShareOneManager() {
        ApplicationContextRunner same = runner.withPropertyValues(memoryUri(), "spring.cache.cache-names=recent");
        same.run(first -> {
            javax.cache.CacheManager jcache = first.getBean(javax.cache.CacheManager.class);
            same.run(second -> {
                assertThat(second).hasNotFailed();
                assertThat(second.getBean(javax.cache.CacheManager.class)).isSameAs(jcache);
                second.getBean(CacheManager.class).getCache("recent").put("k", "v");
            });
            // the second context closed; the first one's manager and caches are still open
            assertThat(jcache.isClosed()).isFalse();
            assertThat(first.getBean(CacheManager.class).getCache("recent").get("k", String.class)).isEqualTo("v");
            assertThat(SharedCacheManagers.holders(jcache)).isEqualTo(1);
        });
    }

    @Test
    void theHealthIndicatorProbesTheStore() throws IOException {
        runner.withPropertyValues(memoryUri()).run(context -> {
            var health = context.getBean(StowageHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsKey("uri");
        });
        Path store = directory.resolve("store");
        runner.withPropertyValues("stowage.uri=filestore:" + store).run(context -> {
            assertThat(context.getBean(StowageHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
            // the directory goes away and a plain file takes its place: nothing can be written there
            org.springframework.util.FileSystemUtils.deleteRecursively(store);
            java.nio.file.Files.writeString(store, "not a directory");
            var health = context.getBean(StowageHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void theConfigurationMetadataIsGenerated() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            String metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(metadata).contains("\"stowage.uri\"", "\"stowage.codec.allow\"", "\"stowage.caches\"",
                    "\"stowage.statistics\"", "The cache manager URI");
        }
    }
}
