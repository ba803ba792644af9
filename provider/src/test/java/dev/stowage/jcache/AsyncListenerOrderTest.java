package dev.stowage.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.cache.Cache;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryUpdatedListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Asynchronous listeners (JSR-107 section 8.4): the events of one key arrive in the store's order of
 * writes even when threads race on that key, and a slow listener does not hold up another listener.
 */
class AsyncListenerOrderTest extends ClockedCacheTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    /** Records "old>new" per key for created (old "-") and updated events, in arrival order. */
    private static final class Chain implements CacheEntryCreatedListener<String, String>,
            CacheEntryUpdatedListener<String, String> {
        final Map<String, List<String>> byKey = new ConcurrentHashMap<>();
        final CountDownLatch expected;

        Chain(int events) {
            expected = new CountDownLatch(events);
        }

        private void record(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            for (CacheEntryEvent<? extends String, ? extends String> event : events) {
                byKey.computeIfAbsent(event.getKey(), k -> new CopyOnWriteArrayList<>())
                        .add((event.isOldValueAvailable() ? event.getOldValue() : "-") + ">" + event.getValue());
                expected.countDown();
            }
        }

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            record(events);
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            record(events);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void eventsOfOneKeyArriveInTheStoresOrderWhenThreadsRaceOnIt(Backend backend) throws Exception {
        Cache<String, String> cache = manager(backend.open(clock, directory), executor).createCache("race", strings());
        int threads = 4;
        int puts = 150;
        // a synchronous listener that dawdles widens the gap between the store's step and the event's delivery
        CacheEntryUpdatedListener<String, String> dawdling = events ->
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(300_000));
        cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(instance(dawdling), null, false, true));
        Chain chain = new Chain(threads * puts);
        cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(instance(chain), null, true, false));
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.add(new Thread(() -> {
                for (int i = 0; i < puts; i++) {
                    cache.put("k", thread + "-" + i);
                }
            }));
        }
        writers.forEach(Thread::start);
        for (Thread writer : writers) {
            writer.join();
        }
        assertThat(chain.expected.await(30, TimeUnit.SECONDS)).as("every event delivered").isTrue();
        List<String> events = chain.byKey.get("k");
        assertThat(events).hasSize(threads * puts);
        assertThat(events.get(0)).startsWith("->");
        for (int i = 1; i < events.size(); i++) {
            String previousValue = events.get(i - 1).split(">")[1];
            assertThat(events.get(i).split(">")[0]).as("event %d %s follows %s", i, events.get(i), events.get(i - 1))
                    .isEqualTo(previousValue);
        }
        assertThat(events.get(events.size() - 1)).endsWith(">" + cache.get("k"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSlowListenerDoesNotHoldUpAnotherListenersEvents(Backend backend) throws Exception {
        Cache<String, String> cache = manager(backend.open(clock, directory), executor).createCache("slow", strings());
        CountDownLatch release = new CountDownLatch(1);
        List<String> slowHeard = new CopyOnWriteArrayList<>();
        CacheEntryCreatedListener<String, String> slow = events -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.forEach(event -> slowHeard.add(event.getKey()));
        };
        int keys = 64;
        Chain fast = new Chain(keys);
        cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(instance(slow), null, false, false));
        cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(instance(fast), null, false, false));
        for (int k = 0; k < keys; k++) {
            cache.put("key-" + k, "v" + k);
        }
        assertThat(fast.expected.await(10, TimeUnit.SECONDS))
                .as("the fast listener heard every key while the slow one was stuck (heard %s)", fast.byKey.keySet())
                .isTrue();
        assertThat(slowHeard).isEmpty();
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (slowHeard.size() < keys && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(slowHeard).hasSize(keys);
    }
}
