package dev.stowage.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.store.memory.MemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code EXPIRED} events (JSR-107 section 8): sent when the store finds an entry expired and removes
 * it: on a read (memory, file), by {@code deleteExpired} (file), and by the memory store's expiry
 * index when the entry's time comes, with nobody reading it.
 */
class ExpiredEventsTest extends ClockedCacheTest {

    private static final javax.cache.expiry.Duration ONE_MINUTE = new javax.cache.expiry.Duration(TimeUnit.MINUTES, 1);

    /** Records "key value old" of every expired event. */
    private static final class Expired implements CacheEntryExpiredListener<String, String> {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onExpired(Iterable<javax.cache.event.CacheEntryEvent<? extends String, ? extends String>> batch) {
            batch.forEach(event -> events.add(event.getKey() + " " + event.getValue() + " " + event.getOldValue()));
        }
    }

    @SuppressWarnings("unchecked")
    private static StowageCache<String, String> stowage(Cache<String, String> cache) {
        return cache.unwrap(StowageCache.class);
    }

    private static Expired listenTo(Cache<String, String> cache) {
        Expired listener = new Expired();
        cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(instance(listener), null, true, true));
        return listener;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aReadThatFindsAnEntryExpiredSendsOneExpiredEventWithItsValue(Backend backend) {
        Cache<String, String> cache = manager(backend).createCache("expired-read",
                strings().setExpiryPolicyFactory(instance(new CreatedExpiryPolicy(ONE_MINUTE))));
        Expired listener = listenTo(cache);
        cache.put("k", "v");
        cache.put("other", "w");
        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.get("k")).isEqualTo("v");
        assertThat(listener.events).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("k")).isNull();
        assertThat(cache.get("k")).isNull();
        assertThat(listener.events).containsExactly("k v v");
        cache.put("other", "new");
        assertThat(listener.events).as("a write over an expired entry reports it too").containsExactly("k v v", "other w w");
    }

    @Test
    void theFileStoresDeleteExpiredSendsExpiredEvents() {
        StowageCacheManager manager = manager(Backend.FILE);
        Cache<String, String> cache = manager.createCache("expired-sweep",
                strings().setExpiryPolicyFactory(instance(new CreatedExpiryPolicy(ONE_MINUTE))));
        Expired listener = listenTo(cache);
        cache.put("a", "1");
        cache.put("b", "2");
        clock.advance(Duration.ofMinutes(2));
        assertThat(stowage(cache).store().deleteExpired()).isEqualTo(2);
        assertThat(listener.events).containsExactlyInAnyOrder("a 1 1", "b 2 2");
    }

    @Test
    void theMemoryStoresExpiryIndexSendsExpiredEventsWithNobodyReading() throws InterruptedException {
        StowageCacheManager manager = manager(new MemoryStore(Clock.systemUTC(), -1), ForkJoinPool.commonPool());
        Cache<String, String> cache = manager.createCache("expired-timer", strings());
        Expired listener = listenTo(cache);
        stowage(cache).put("k", "v", Duration.ofMillis(100));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (listener.events.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(listener.events).containsExactly("k v v");
    }
}
