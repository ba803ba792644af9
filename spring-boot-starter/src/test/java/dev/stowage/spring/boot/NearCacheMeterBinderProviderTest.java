package dev.stowage.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.jcache.StowageCachingProvider;
import dev.stowage.jcache.configuration.NearCacheSettings;
import dev.stowage.jcache.configuration.StowageConfiguration;
import dev.stowage.testing.RedisServers;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.cache.jcache.JCacheCache;

/**
 * The near cache's figures reach Micrometer through {@link NearCacheMeterBinderProvider}, on a real Redis;
 * a cache without a near cache is left to Spring Boot's own provider.
 */
class NearCacheMeterBinderProviderTest {

    @Test
    void nearHitsAndMissesAreMeters() throws Exception {
        try (StowageCachingProvider provider = new StowageCachingProvider()) {
            URI uri = URI.create(RedisServers.standalone() + "/0/near-meters-" + UUID.randomUUID());
            CacheManager manager = provider.getCacheManager(uri, null);
            StowageConfiguration<Object, Object> configuration = new StowageConfiguration<>();
            configuration.setNearCache(new NearCacheSettings(100, Duration.ofMinutes(1)));
            Cache<Object, Object> near = manager.createCache("near", configuration);
            Cache<Object, Object> plain = manager.createCache("plain", new MutableConfiguration<>());
            NearCacheMeterBinderProvider binders = new NearCacheMeterBinderProvider();
            assertThat(binders.getMeterBinder(new JCacheCache(plain), Tags.empty())).isNull();

            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            binders.getMeterBinder(new JCacheCache(near), Tags.of("cache.manager", "cacheManager")).bindTo(registry);
            near.put("k", "v");
            // Redis reports the own write back a moment later; read once that has happened
            javax.management.ObjectName bean = dev.stowage.jcache.management.ManagementRegistrar.objectName(near,
                    dev.stowage.jcache.management.ManagementRegistrar.Kind.NearCache);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while ((long) java.lang.management.ManagementFactory.getPlatformMBeanServer().getAttribute(bean,
                    "Invalidations") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            for (int i = 0; i < 10; i++) {
                assertThat(near.get("k")).isEqualTo("v");
            }
            assertThat(registry.get("cache.near.hits").tag("cache", "near").functionCounter().count()).isEqualTo(9);
            assertThat(registry.get("cache.near.misses").tag("cache", "near").functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("cache.near.size").tag("cache", "near").gauge().value()).isEqualTo(1);
            assertThat(registry.find("cache.gets").tag("cache", "near").meters()).isNotEmpty();
        }
    }
}
