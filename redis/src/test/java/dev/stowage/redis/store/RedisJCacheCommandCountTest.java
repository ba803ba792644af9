package dev.stowage.redis.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.jcache.StowageCachingProvider;
import dev.stowage.redis.SharedRedisClient;
import dev.stowage.testing.RedisProcess;
import dev.stowage.testing.RedisServers;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Counts the Redis commands a JCache operation costs, from {@code INFO commandstats} before and after,
 * on a server of its own so that nothing else adds to the counts: a {@code get} hit, a {@code put},
 * and a {@code get} under an access expiry policy each cost one command.
 */
class RedisJCacheCommandCountTest {

    /**
     * The longest time to live a 5-minute expiry may show: the store writes {@code PXAT} rounded up to
     * the next millisecond, so a {@code PTTL} read in the same millisecond is 300,001.
     */
    private static final long FIVE_MINUTES_ROUNDED_UP = TimeUnit.MINUTES.toMillis(5) + 1;

    private static RedisProcess server;
    private static StowageCachingProvider provider;
    private static CacheManager manager;
    private static SharedRedisClient shared;
    private static RedissonClient observer;

    @BeforeAll
    static void start() {
        server = RedisServers.startPrivate();
        provider = new StowageCachingProvider();
        manager = provider.getCacheManager(URI.create(server.url() + "/0/commands"), null);
        shared = RedisTestClients.standalone(server.url());
        observer = shared.client();
    }

    @AfterAll
    static void stop() {
        provider.close();
        shared.close();
        server.close();
    }

    private static Map<String, Long> commandsOf(Runnable operation) {
        return new CommandStats(observer).of(operation);
    }

    @Test
    void aGetHitAPutAndAGetWithAccessExpiryCostOneCommandEach() {
        Cache<String, String> eternal = manager.createCache("eternal", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class));
        Cache<String, String> accessed = manager.createCache("accessed", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, 5))));
        accessed.put("k", "v");

        assertThat(commandsOf(() -> eternal.put("k", "v"))).isEqualTo(Map.of("set", 1L));
        assertThat(commandsOf(() -> assertThat(eternal.get("k")).isEqualTo("v"))).isEqualTo(Map.of("get", 1L));
        assertThat(commandsOf(() -> assertThat(accessed.get("k")).isEqualTo("v"))).isEqualTo(Map.of("getex", 1L));
        assertThat(observer.getBucket("commands:{accessed}::k").remainTimeToLive())
                .isBetween(TimeUnit.MINUTES.toMillis(4), FIVE_MINUTES_ROUNDED_UP);
    }

    @Test
    void bulkOperationsReadNothingFirstAndGetAllIsOneMget() {
        Cache<String, String> cache = manager.createCache("bulk", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class));
        Map<String, String> entries = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            entries.put("k" + i, "v" + i);
        }
        assertThat(commandsOf(() -> cache.putAll(entries))).isEqualTo(Map.of("set", 100L));
        assertThat(commandsOf(() -> assertThat(cache.getAll(entries.keySet())).isEqualTo(entries)))
                .isEqualTo(Map.of("mget", 1L));
        assertThat(commandsOf(() -> cache.removeAll(entries.keySet())))
                .isEqualTo(Map.of("multi", 1L, "get", 100L, "unlink", 100L, "exec", 1L));
        assertThat(cache.iterator().hasNext()).isFalse();
    }

    @Test
    void underAnAccessExpiryAPutIsOneScriptAndGetAllRenewsEveryKeyItFinds() {
        Cache<String, String> cache = manager.createCache("accessed-puts", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, 5))));
        // the first single call and the first pipeline on a server may load the script (RedisScriptsTest)
        cache.put("warm-up", "v");
        cache.putAll(Map.of("warm-up-1", "v", "warm-up-2", "v"));
        assertThat(commandsOf(() -> cache.put("new", "v")))
                .isEqualTo(Map.of("evalsha", 1L, "exists", 1L, "set", 1L));
        assertThat(observer.getBucket("commands:{accessed-puts}::new").remainTimeToLive())
                .isBetween(TimeUnit.MINUTES.toMillis(4), FIVE_MINUTES_ROUNDED_UP);
        observer.getBucket("commands:{accessed-puts}::new").expire(java.time.Duration.ofMinutes(1));
        cache.put("new", "updated");
        assertThat(observer.getBucket("commands:{accessed-puts}::new").remainTimeToLive())
                .isBetween(TimeUnit.SECONDS.toMillis(50), TimeUnit.MINUTES.toMillis(1));

        Map<String, String> entries = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            entries.put("k" + i, "v" + i);
        }
        assertThat(commandsOf(() -> cache.putAll(entries))).isEqualTo(Map.of("evalsha", 100L, "exists", 100L, "set", 100L));
        observer.getBucket("commands:{accessed-puts}::k0").expire(java.time.Duration.ofMinutes(1));
        Set<String> wanted = new TreeSet<>(entries.keySet());
        wanted.add("absent");
        assertThat(commandsOf(() -> assertThat(cache.getAll(wanted)).isEqualTo(entries)))
                .isEqualTo(Map.of("getex", 101L));
        assertThat(observer.getBucket("commands:{accessed-puts}::k0").remainTimeToLive())
                .isBetween(TimeUnit.MINUTES.toMillis(4), FIVE_MINUTES_ROUNDED_UP);
        assertThat(observer.getBucket("commands:{accessed-puts}::absent").isExists()).isFalse();
    }
}
