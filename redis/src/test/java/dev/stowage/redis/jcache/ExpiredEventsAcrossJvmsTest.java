package dev.stowage.redis.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.jcache.StowageCachingProvider;
import dev.stowage.testing.RedisProcess;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryExpiredListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code EXPIRED} events of another JVM's entries: a child JVM ({@link SharedCacheWorker} {@code expiring})
 * puts entries with a short time to live into a cache on a Redis of the test's own, started with keyspace
 * notifications on; a listener in this JVM hears each entry's {@code CREATED} over the change feed and its
 * {@code EXPIRED} from the notification.
 */
class ExpiredEventsAcrossJvmsTest {

    private static final long TIMEOUT_SECONDS = 120;

    private final StowageCachingProvider provider = new StowageCachingProvider();
    private final String namespace = "expired-events-" + UUID.randomUUID();
    private Process child;

    @AfterEach
    void cleanUp() {
        if (child != null) {
            child.destroyForcibly();
        }
        provider.close();
    }

    /**
     * The child JVM puts entries that expire; Redis, started here with keyspace notifications on
     * ({@code --notify-keyspace-events Ex}), expires them with nobody reading them: a listener in this
     * JVM hears each entry's {@code CREATED} from the child (over the change feed, with its value) and
     * its {@code EXPIRED} (from the notification, with its key and no value: Redis deleted it), each once.
     */
    @Test
    void aListenerHearsTheOtherJvmsCreatedEntriesExpire() throws Exception {
        int count = 50;
        try (RedisProcess server = RedisProcess.start(List.of("--notify-keyspace-events", "Ex"))) {
            URI uri = URI.create(server.url() + "/0/" + namespace);
            Cache<String, String> cache = provider.getCacheManager(uri, null).createCache("expiring",
                    SharedCacheWorker.strings());
            List<String> heard = new CopyOnWriteArrayList<>();
            CacheEntryCreatedListener<String, String> created = events -> events.forEach(event ->
                    heard.add("CREATED " + event.getKey() + " " + event.getValue()));
            CacheEntryExpiredListener<String, String> expired = events -> events.forEach(event ->
                    heard.add("EXPIRED " + event.getKey() + " " + event.getValue()));
            cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(() -> created, null, false, false));
            cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(() -> expired, null, false, false));

            child = SharedCacheWorker.start(uri, "expiring", "expiring", "unused.log", count);
            List<String> output = SharedCacheWorker.output(child, TIMEOUT_SECONDS);
            assertThat(output).as("child output").contains("expiring=" + count);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (heard.size() < 2 * count && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(300);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                expected.add("CREATED x" + i + " child-" + i);
                expected.add("EXPIRED x" + i + " null");
            }
            assertThat(heard).containsExactlyInAnyOrderElementsOf(expected);
            provider.close();
        }
    }

}
