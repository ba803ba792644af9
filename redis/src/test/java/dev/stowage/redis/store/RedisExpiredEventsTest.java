package dev.stowage.redis.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.jcache.StowageCache;
import dev.stowage.jcache.StowageCachingProvider;
import dev.stowage.testing.RedisProcess;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryExpiredListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code EXPIRED} events on Redis, from keyspace notifications, on a server of the test's own started
 * with {@code --notify-keyspace-events Ex}: an entry Redis expires reaches a listener with its key
 * (and no value: Redis has deleted it), with nobody reading it; keys of another cache do not.
 */
class RedisExpiredEventsTest {

    private static RedisProcess server;

    private final StowageCachingProvider provider = new StowageCachingProvider();

    @BeforeAll
    static void start() {
        server = RedisProcess.start(List.of("--notify-keyspace-events", "Ex"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void anEntryRedisExpiresSendsAnExpiredEventWithItsKey() throws InterruptedException {
        var manager = provider.getCacheManager(URI.create(server.url() + "/0/expired-events"), null);
        Cache<String, String> cache = manager.createCache("expiring",
                new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        Cache<String, String> other = manager.createCache("other",
                new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        List<String> heard = new CopyOnWriteArrayList<>();
        CacheEntryExpiredListener<String, String> listener = events -> events.forEach(event ->
                heard.add(event.getKey() + " " + event.getValue() + " " + event.isOldValueAvailable()));
        cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(() -> listener, null, false, true));
        stowage(other).put("elsewhere", "v", Duration.ofMillis(100));
        stowage(cache).put("k", "v", Duration.ofMillis(100));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (heard.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertThat(heard).containsExactly("k null false");
    }

    @SuppressWarnings("unchecked")
    private static StowageCache<String, String> stowage(Cache<String, String> cache) {
        return cache.unwrap(StowageCache.class);
    }
}
