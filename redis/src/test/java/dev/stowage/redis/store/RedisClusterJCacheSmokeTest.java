package dev.stowage.redis.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.jcache.AsyncStowageCache;
import dev.stowage.jcache.StowageCache;
import dev.stowage.testing.RedisCluster;
import dev.stowage.testing.RedisServers;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RKeys;
import org.redisson.client.codec.StringCodec;

/**
 * JCache on a 3-master Redis Cluster: a cache's keys share one hash slot, so its per-key scripts run
 * there, while the caches of one manager spread over the masters.
 */
class RedisClusterJCacheSmokeTest {

    private static RedisCluster cluster;
    private static CacheManager manager;

    @BeforeAll
    static void start() {
        cluster = RedisServers.startCluster();
        // Redisson's jar registers a CachingProvider of its own: ask for ours by name.
        manager = provider().getCacheManager(URI.create(clusterUri("smoke-" + UUID.randomUUID())),
                RedisClusterJCacheSmokeTest.class.getClassLoader());
    }

    /** One seed node and the /cluster path: the manager URI holds no '?', '*' or ',' (it names MBeans). */
    private static String clusterUri(String root) {
        return cluster.nodeUrls().get(0) + "/cluster/" + root;
    }

    @AfterAll
    static void stop() {
        try {
            manager.close();
        } finally {
            cluster.close();
        }
    }

    @Test
    void theAsynchronousApiWorksOnAClusterWithCallsOfSeveralCachesInFlight() {
        List<AsyncStowageCache<String, String>> caches = new ArrayList<>();
        for (String name : new String[] {"async-a", "async-b", "async-c"}) {
            @SuppressWarnings("unchecked")
            StowageCache<String, String> cache = manager.createCache(name, new MutableConfiguration<String, String>()
                    .setTypes(String.class, String.class)).unwrap(StowageCache.class);
            caches.add(cache.async());
        }
        List<CompletableFuture<?>> puts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            puts.add(caches.get(i % 3).put("k" + i, "v" + i).toCompletableFuture());
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();
        List<CompletableFuture<String>> gets = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            gets.add(caches.get(i % 3).get("k" + i).toCompletableFuture());
        }
        for (int i = 0; i < 300; i++) {
            assertThat(gets.get(i).join()).isEqualTo("v" + i);
        }
        assertThat(caches.get(0).getAll(Set.of("k0", "k3", "k1")).toCompletableFuture().join())
                .containsOnly(Map.entry("k0", "v0"), Map.entry("k3", "v3"));
        assertThat(caches.get(1).getOrSet("new", key -> "loaded", null).toCompletableFuture().join()).isEqualTo("loaded");
    }

    @Test
    void cachesWorkOnACluster() {
        Map<String, Cache<String, String>> caches = new HashMap<>();
        for (String name : new String[] {"users", "orders", "a:b{c}*"}) {
            caches.put(name, manager.createCache(name, new MutableConfiguration<String, String>()
                    .setTypes(String.class, String.class).setStatisticsEnabled(true)));
        }
        Cache<String, String> users = caches.get("users");
        Map<String, String> entries = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            entries.put("k" + i, "v" + i);
        }
        users.putAll(entries);
        caches.get("orders").put("k1", "order");
        caches.get("a:b{c}*").put("k1", "odd name");
        assertThat(users.get("k1")).isEqualTo("v1");
        assertThat(users.getAll(Set.of("k1", "k2", "nope"))).containsOnly(Map.entry("k1", "v1"), Map.entry("k2", "v2"));
        assertThat(users.putIfAbsent("k1", "x")).isFalse();
        assertThat(users.replace("k1", "v1", "w1")).isTrue();
        assertThat(users.<Integer>invoke("k3", (entry, args) -> {
            entry.setValue(entry.getValue() + "!");
            return entry.getValue().length();
        })).isEqualTo(3);
        Set<String> keys = new HashSet<>();
        users.forEach(entry -> keys.add(entry.getKey()));
        assertThat(keys).hasSize(50);
        users.removeAll(Set.of("k4", "k5"));
        assertThat(users.containsKey("k4")).isFalse();
        users.clear();
        assertThat(users.iterator().hasNext()).isFalse();
        assertThat(caches.get("orders").get("k1")).isEqualTo("order");
        assertThat(caches.get("a:b{c}*").get("k1")).isEqualTo("odd name");
        RedisStore store = users.unwrap(StowageCache.class).store().withNamespace("probe") instanceof RedisStore redis
                ? redis : null;
        assertThat(store).isNotNull();
        assertThat(store.redisKey("x")).endsWith(":{users:probe}::x");
        manager.destroyCache("orders");
        manager.destroyCache("a:b{c}*");
    }

    @Test
    void theCachesOfAManagerWithANamespaceHaveHashTagsAndSlotsOfTheirOwn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("stowage.yaml");
        Files.writeString(file, "store: \"" + clusterUri("tagged-" + UUID.randomUUID()) + "\"\n"
                + "namespace: app\n"
                + "caches:\n"
                + "  users: {keyType: String, valueType: String}\n"
                + "  orders: {keyType: String, valueType: String}\n");
        try (CacheManager configured = provider().getCacheManager(file.toUri(), getClass().getClassLoader())) {
            Cache<String, String> users = configured.getCache("users", String.class, String.class);
            Cache<String, String> orders = configured.getCache("orders", String.class, String.class);
            users.put("k", "user");
            orders.put("k", "order");
            String userKey = redisKeyOf(users, "k");
            String orderKey = redisKeyOf(orders, "k");
            RedisStore store = (RedisStore) users.unwrap(StowageCache.class).store();

            assertThat(hashTag(userKey)).isEqualTo("app:users");
            assertThat(hashTag(orderKey)).isEqualTo("app:orders");
            RKeys keys = store.client().getKeys();
            assertThat(keys.getSlot(userKey)).isNotEqualTo(keys.getSlot(orderKey));
            assertThat(store.client().getBucket(userKey, StringCodec.INSTANCE).get()).isEqualTo("user");
            assertThat(users.get("k")).isEqualTo("user");
            assertThat(orders.get("k")).isEqualTo("order");
            configured.destroyCache("users");
            configured.destroyCache("orders");
        }
    }

    private static String redisKeyOf(Cache<String, String> cache, String key) {
        return ((RedisStore) cache.unwrap(StowageCache.class).store()).redisKey(key);
    }

    /** The part of a key Redis Cluster hashes: between the first '{' and the first '}' after it. */
    private static String hashTag(String redisKey) {
        int open = redisKey.indexOf('{');
        int close = redisKey.indexOf('}', open + 1);
        assertThat(open).as("a hash tag in " + redisKey).isNotNegative();
        assertThat(close).as("a hash tag in " + redisKey).isGreaterThan(open + 1);
        return redisKey.substring(open + 1, close);
    }

    private static CachingProvider provider() {
        return Caching.getCachingProvider("dev.stowage.jcache.StowageCachingProvider");
    }
}
