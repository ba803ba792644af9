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
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's scripts through Redisson's script cache, on a server of the test's own (a fresh one, and
 * one whose scripts are flushed): what the first call and later calls send, and that single calls and
 * pipelines both survive a server that lost its scripts (a restart, a failover, {@code SCRIPT FLUSH}).
 */
class RedisScriptsTest {

    private RedisProcess server;
    private StowageCachingProvider provider;
    private SharedRedisClient observer;
    private Cache<String, String> cache;

    @BeforeEach
    void start() {
        server = RedisServers.startPrivate();
        provider = new StowageCachingProvider();
        cache = provider.getCacheManager(URI.create(server.url() + "/0/scripts"), null).createCache("accessed",
                new MutableConfiguration<String, String>().setTypes(String.class, String.class)
                        .setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, 5))));
        observer = RedisTestClients.standalone(server.url());
    }

    @AfterEach
    void stop() {
        try {
            provider.close();
            observer.close();
        } finally {
            server.close();
        }
    }

    private Map<String, Long> commandsOf(Runnable operation) {
        return new CommandStats(observer.client()).of(operation);
    }

    @Test
    void theFirstCallOnAServerLoadsTheScriptThenEveryCallIsOneEvalsha() {
        // EVALSHA answered NOSCRIPT (it counts as a call), SCRIPT LOAD, EVALSHA again; EXISTS and SET run in the script
        assertThat(commandsOf(() -> cache.put("first", "v")))
                .isEqualTo(Map.of("evalsha", 2L, "script|load", 1L, "exists", 1L, "set", 1L));
        assertThat(commandsOf(() -> cache.put("second", "v"))).isEqualTo(Map.of("evalsha", 1L, "exists", 1L, "set", 1L));
        // a pipeline sends SCRIPT LOAD first unless a client of this JVM did so for this server address
        // before (Redisson remembers it JVM-wide), then EVALSHA only
        Map<String, Long> firstPipeline = new TreeMap<>(commandsOf(() -> cache.putAll(Map.of("a", "1", "b", "2"))));
        assertThat(firstPipeline.getOrDefault("script|load", 0L)).isBetween(0L, 1L);
        firstPipeline.remove("script|load");
        assertThat(firstPipeline).isEqualTo(Map.of("evalsha", 2L, "exists", 2L, "set", 2L));
        assertThat(commandsOf(() -> cache.putAll(Map.of("c", "1", "d", "2"))))
                .isEqualTo(Map.of("evalsha", 2L, "exists", 2L, "set", 2L));
    }

    @Test
    void callsAndPipelinesSurviveAServerThatLostItsScripts() {
        cache.put("warm", "v");
        cache.putAll(Map.of("warm1", "1", "warm2", "2"));

        observer.client().getScript().scriptFlush();
        cache.put("single", "v");
        assertThat(cache.get("single")).isEqualTo("v");

        observer.client().getScript().scriptFlush();
        cache.putAll(Map.of("a", "1", "b", "2"));
        assertThat(cache.getAll(Set.of("a", "b"))).isEqualTo(Map.of("a", "1", "b", "2"));
        assertThat(observer.client().getBucket("scripts:{accessed}::a").remainTimeToLive())
                .isBetween(TimeUnit.MINUTES.toMillis(4), TimeUnit.MINUTES.toMillis(5) + 1);
    }
}
