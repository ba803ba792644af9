package dev.stowage.redis.near;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.jcache.StowageCachingProvider;
import dev.stowage.jcache.configuration.NearCacheSettings;
import dev.stowage.jcache.configuration.StowageConfiguration;
import dev.stowage.jcache.management.ManagementRegistrar;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.Stores;
import dev.stowage.testing.RedisServers;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The near cache on a real Redis, in one JVM: hits served from the tier (counted by the
 * {@code NearCache} MXBean), a change made by another client of the server (a raw store write, no
 * JCache) dropped, own writes visible at once, store-by-value copies, expiry and access renewal.
 */
class NearCacheTest {

    private final StowageCachingProvider provider = new StowageCachingProvider();
    private final String namespace = "near-" + UUID.randomUUID();
    private final URI uri = URI.create(RedisServers.standalone() + "/0/" + namespace);
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        provider.close();
    }

    private static <K, V> StowageConfiguration<K, V> near(Class<K> keys, Class<V> values) {
        StowageConfiguration<K, V> configuration = new StowageConfiguration<>();
        configuration.setTypes(keys, values);
        configuration.setNearCache(new NearCacheSettings(1000, Duration.ofMinutes(5)));
        return configuration;
    }

    private NamespacedStore raw(String cacheName) {
        NamespacedStore root = Stores.open(uri, NearCacheTest.class.getClassLoader());
        closing.add(root::close);
        return root.withNamespace(cacheName);
    }

    private long attribute(Cache<?, ?> cache, String name) throws Exception {
        ObjectName bean = ManagementRegistrar.objectName(cache, ManagementRegistrar.Kind.NearCache);
        return ((Number) ManagementFactory.getPlatformMBeanServer().getAttribute(bean, name)).longValue();
    }

    /** The invalidations the cache's near tier heard; its own writes' arrive a moment after the write. */
    private long invalidations(Cache<?, ?> cache) {
        try {
            return attribute(cache, "Invalidations");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void eventually(Runnable check) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(5);
            }
        }
    }

    @Test
    void aSecondReadIsANearHitAndAnotherClientsWriteDropsIt() throws Exception {
        Cache<String, String> cache = provider.getCacheManager(uri, null).createCache("c", near(String.class, String.class));
        cache.put("k", "v1");
        eventually(() -> assertThat(invalidations(cache)).isEqualTo(1));
        assertThat(cache.get("k")).isEqualTo("v1");
        assertThat(cache.get("k")).isEqualTo("v1");
        assertThat(attribute(cache, "NearHits")).isEqualTo(1);
        assertThat(attribute(cache, "NearMisses")).isEqualTo(1);

        raw("c").set("k", "v2".getBytes(UTF_8), null);
        eventually(() -> assertThat(cache.get("k")).isEqualTo("v2"));
        raw("c").delete("k");
        eventually(() -> assertThat(cache.get("k")).isNull());
        assertThat(attribute(cache, "Invalidations")).isPositive();
    }

    @Test
    void ownWritesAreVisibleAtOnce() {
        Cache<String, String> cache = provider.getCacheManager(uri, null).createCache("own", near(String.class, String.class));
        for (int i = 0; i < 200; i++) {
            cache.put("k", "v" + i);
            assertThat(cache.get("k")).isEqualTo("v" + i);
            assertThat(cache.get("k")).isEqualTo("v" + i);
        }
        cache.remove("k");
        assertThat(cache.get("k")).isNull();
        cache.putAll(Map.of("a", "1", "b", "2"));
        assertThat(cache.get("a")).isEqualTo("1");
        assertThat(cache.getAll(Set.of("a", "b"))).isEqualTo(Map.of("a", "1", "b", "2"));
        cache.invoke("a", (entry, args) -> {
            entry.setValue("3");
            return null;
        });
        assertThat(cache.get("a")).isEqualTo("3");
        cache.removeAll();
        assertThat(cache.get("a")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAsynchronousApiHitsTheNearTierAndSeesOwnAndOtherWrites() throws Exception {
        Cache<String, String> cache = provider.getCacheManager(uri, null).createCache("async", near(String.class, String.class));
        dev.stowage.jcache.AsyncStowageCache<String, String> async =
                cache.unwrap(dev.stowage.jcache.StowageCache.class).async();
        async.put("k", "v1").toCompletableFuture().get();
        eventually(() -> assertThat(invalidations(cache)).isEqualTo(1));
        assertThat(async.get("k").toCompletableFuture().get()).isEqualTo("v1");
        assertThat(async.get("k").toCompletableFuture().get()).isEqualTo("v1");
        assertThat(attribute(cache, "NearHits")).isEqualTo(1);
        assertThat(async.getAll(Set.of("k", "absent")).toCompletableFuture().get()).isEqualTo(Map.of("k", "v1"));
        assertThat(attribute(cache, "NearHits")).isEqualTo(2);

        async.put("k", "v2").toCompletableFuture().get();
        assertThat(async.get("k").toCompletableFuture().get()).as("own write, at once").isEqualTo("v2");
        async.putAll(Map.of("k", "v3")).toCompletableFuture().get();
        assertThat(cache.get("k")).isEqualTo("v3");
        raw("async").set("k", "v4".getBytes(UTF_8), null);
        eventually(() -> {
            try {
                assertThat(async.get("k").toCompletableFuture().get()).isEqualTo("v4");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        async.removeAll(Set.of("k")).toCompletableFuture().get();
        assertThat(async.get("k").toCompletableFuture().get()).isNull();
    }

    @Test
    void storeByValueHitsReturnCopies() {
        Cache<String, ArrayList<String>> cache = provider.getCacheManager(uri, null).createCache("copies",
                near(String.class, cast(ArrayList.class)));
        cache.put("k", new ArrayList<>(List.of("a")));
        cache.get("k").add("changed by a reader");
        ArrayList<String> hit = cache.get("k");
        assertThat(hit).containsExactly("a");
        hit.add("changed again");
        assertThat(cache.get("k")).containsExactly("a");
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<T> cast(Class<?> type) {
        return (Class<T>) type;
    }

    @Test
    void anExpiredEntryIsNeverServedAndAnAccessRenewsTheStoresExpiry() throws Exception {
        StowageConfiguration<String, String> configuration = near(String.class, String.class);
        configuration.setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(
                new javax.cache.expiry.Duration(java.util.concurrent.TimeUnit.MILLISECONDS, 1500)));
        Cache<String, String> cache = provider.getCacheManager(uri, null).createCache("accessed", configuration);
        cache.put("k", "v");
        for (int i = 0; i < 6; i++) {
            Thread.sleep(500);
            assertThat(cache.get("k")).as("read %d, renewed by the one before", i).isEqualTo("v");
        }
        assertThat(raw("accessed").expiresIn("k")).isPresent();
        Thread.sleep(1700);
        assertThat(cache.get("k")).isNull();
        assertThat(cache.containsKey("k")).isFalse();
    }

    @Test
    void aManagerPropertyGivesEveryCacheANearCacheAndACacheMayTurnItsOff() throws Exception {
        Properties properties = new Properties();
        properties.setProperty(NearCacheSettings.PROPERTY, "maximumSize=100,timeToLive=1m");
        CacheManager manager = provider.getCacheManager(uri, null, properties);
        Cache<String, String> defaulted = manager.createCache("defaulted",
                new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        defaulted.put("k", "v");
        eventually(() -> assertThat(invalidations(defaulted)).isEqualTo(1));
        defaulted.get("k");
        defaulted.get("k");
        assertThat(attribute(defaulted, "NearHits")).isEqualTo(1);
        Cache<String, String> off = manager.createCache("off",
                near(String.class, String.class).setNearCache(NearCacheSettings.OFF));
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(
                ManagementRegistrar.objectName(off, ManagementRegistrar.Kind.NearCache))).isFalse();
        manager.destroyCache("defaulted");
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(
                ManagementRegistrar.objectName(defaulted, ManagementRegistrar.Kind.NearCache))).isFalse();
    }

    @Test
    void aStoreByReferenceCacheCannotHaveANearCache() {
        CacheManager manager = provider.getCacheManager(uri, null);
        StowageConfiguration<String, String> configuration = near(String.class, String.class);
        configuration.setStoreByValue(false);
        assertThatThrownBy(() -> manager.createCache("byReference", configuration))
                .isInstanceOf(CacheException.class).hasMessageContaining("asks for a near cache");
    }

    @Test
    void oneInvalidationMessageOfManyKeysDropsEveryOne() throws Exception {
        Cache<String, String> cache = provider.getCacheManager(uri, null).createCache("many", near(String.class, String.class));
        Map<String, String> before = new java.util.HashMap<>();
        Map<String, String> after = new java.util.HashMap<>();
        for (int i = 0; i < 50; i++) {
            before.put("k" + i, "v1");
            after.put("k" + i, "v2");
        }
        cache.putAll(before);
        eventually(() -> assertThat(invalidations(cache)).isGreaterThanOrEqualTo(50));
        for (String key : before.keySet()) {
            assertThat(cache.get(key)).isEqualTo("v1");
            assertThat(cache.get(key)).isEqualTo("v1");
        }
        assertThat(attribute(cache, "NearHits")).isEqualTo(50);
        StowageCachingProvider other = new StowageCachingProvider();
        closing.add(other::close);
        Cache<String, String> plain = other.getCacheManager(uri, null).createCache("many",
                new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        plain.putAll(after); // one pipelined round trip: Redis reports the keys in few messages of many keys
        for (String key : after.keySet()) {
            eventually(() -> assertThat(cache.get(key)).as(key).isEqualTo("v2"));
        }
    }
}
