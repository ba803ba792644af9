package dev.stowage.redis.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.jcache.StowageCachingProvider;
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
import org.redisson.api.redisnode.RedisNodes;

/**
 * Counts the Redis commands a JCache operation costs, from {@code INFO commandstats} before and after,
 * on a server of its own so that nothing else adds to the counts: a {@code get} hit, a {@code put},
 * and a {@code get} under an access expiry policy each cost one command.
 */
class RedisJCacheCommandCountTest {

    private static RedisProcess server;
    private static StowageCachingProvider provider;
    private static CacheManager manager;
    private static RedissonClient observer;

    @BeforeAll
    static void start() {
        server = RedisServers.startPrivate();
        provider = new StowageCachingProvider();
        manager = provider.getCacheManager(URI.create(server.url() + "/0/commands"), null);
        observer = RedisTestClients.standalone(server.url());
    }

    @AfterAll
    static void stop() {
        provider.close();
        observer.shutdown();
        server.close();
    }

    /** Calls per command name, without the INFO and PING that observing and keep-alives cost. */
    private static Map<String, Long> commandCalls() {
        Map<String, String> stats = observer.getRedisNodes(RedisNodes.SINGLE).getInstance()
                .info(org.redisson.api.redisnode.RedisNode.InfoSection.COMMANDSTATS);
        Map<String, Long> calls = new TreeMap<>();
        stats.forEach((name, value) -> {
            String command = name.replace("cmdstat_", "");
            if (!command.equals("info") && !command.equals("ping")) {
                String count = value.substring("calls=".length(), value.indexOf(','));
                calls.put(command, Long.parseLong(count));
            }
        });
        return calls;
    }

    private static Map<String, Long> commandsOf(Runnable operation) {
        Map<String, Long> before = commandCalls();
        operation.run();
        Map<String, Long> after = commandCalls();
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((command, calls) -> {
            long added = calls - before.getOrDefault(command, 0L);
            if (added > 0) {
                delta.put(command, added);
            }
        });
        return delta;
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
                .isBetween(TimeUnit.MINUTES.toMillis(4), TimeUnit.MINUTES.toMillis(5));
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
        cache.put("warm-up", "v");
        assertThat(commandsOf(() -> cache.put("new", "v")))
                .isEqualTo(Map.of("evalsha", 1L, "exists", 1L, "set", 1L));
        assertThat(observer.getBucket("commands:{accessed-puts}::new").remainTimeToLive())
                .isBetween(TimeUnit.MINUTES.toMillis(4), TimeUnit.MINUTES.toMillis(5));
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
                .isBetween(TimeUnit.MINUTES.toMillis(4), TimeUnit.MINUTES.toMillis(5));
        assertThat(observer.getBucket("commands:{accessed-puts}::absent").isExists()).isFalse();
    }
}
