package dev.stowage.redis.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.jcache.StowageCachingProvider;
import dev.stowage.redis.store.RedisStore;
import dev.stowage.testing.RedisServers;
import dev.stowage.jcache.management.ManagementRegistrar;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cluster-wide entry events on a Redis-backed cache shared by this JVM and a child JVM
 * ({@link SharedCacheWorker} {@code events}): an asynchronous listener here, asking for old values,
 * hears both JVMs' events, none lost or duplicated over 10,000 calls, and each key's events form one
 * chain in the store's order (every update's old value is the value before it, every removal's value
 * the last one).
 *
 * <p>Redis Pub/Sub keeps nothing: when this JVM is starved of CPU its subscription can drop messages
 * (seen with two busy loops beside the test on 2 cores). The change feed numbers its messages and keeps
 * them in a history, so a dropped one is filled from there ({@code FeedSequence}); the test asserts that
 * no gap was left to report ({@code SubscriptionGaps} 0) and that every event arrived.
 */
class ClusterEventsAcrossJvmsTest {

    /** Calls per thread in each JVM: 2 JVMs x 4 threads x 1,250 = 10,000. */
    private static final int CALLS = 1_250;
    private static final long TIMEOUT_SECONDS = 120;

    private final StowageCachingProvider provider = new StowageCachingProvider();
    private final String namespace = "cluster-events-" + UUID.randomUUID();
    private Process child;

    @AfterEach
    void cleanUp() {
        if (child != null) {
            child.destroyForcibly();
        }
        provider.close();
        try (RedisStore store = RedisStore.withClient(RedisServers.standalone() + "/0/" + namespace)) {
            store.deleteAll();
        }
    }

    /** Records every event as "TYPE old>new" per key, in arrival order. */
    private static final class Chains implements CacheEntryCreatedListener<String, String>,
            CacheEntryUpdatedListener<String, String>, CacheEntryRemovedListener<String, String> {
        final Map<String, List<String>> byKey = new ConcurrentHashMap<>();
        final AtomicLong count = new AtomicLong();

        private void record(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            for (CacheEntryEvent<? extends String, ? extends String> event : events) {
                String old = event.isOldValueAvailable() ? event.getOldValue() : "-";
                byKey.computeIfAbsent(event.getKey(), k -> new CopyOnWriteArrayList<>())
                        .add(event.getEventType() + " " + old + ">" + event.getValue());
                count.incrementAndGet();
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

        @Override
        public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            record(events);
        }
    }

    @Test
    void aListenerHearsBothJvmsEventsOnceEachInTheStoresOrderPerKey() throws Exception {
        URI uri = URI.create(RedisServers.standalone() + "/0/" + namespace);
        Cache<String, String> cache = provider.getCacheManager(uri, null).createCache("events", SharedCacheWorker.strings());
        Chains chains = new Chains();
        cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(() -> chains, null, true, false));

        List<String> output = new CopyOnWriteArrayList<>();
        Thread children = new Thread(() -> {
            try {
                output.addAll(runChild(uri, "events", "events", CALLS));
            } catch (Exception | AssertionError e) {
                output.add("failed=" + e);
            }
        });
        children.start();
        long[] here = SharedCacheWorker.events(cache, "parent", CALLS);
        children.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        assertThat(output).as("child output").noneMatch(line -> line.startsWith("failed="));
        assertThat(here[1]).as("errors here").isZero();
        assertThat(value(output, "errors")).as("errors in the child, output %s", output).isZero();
        long expected = here[0] + value(output, "events");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (chains.count.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(500);
        Object gaps = ManagementFactory.getPlatformMBeanServer().getAttribute(
                ManagementRegistrar.objectName(cache, ManagementRegistrar.Kind.CacheEvents), "SubscriptionGaps");
        assertThat(gaps).as("gaps in the change feed (lost messages) reported here").isEqualTo(0L);
        Set<String> values = new HashSet<>();
        for (Map.Entry<String, List<String>> entry : chains.byKey.entrySet()) {
            String current = null;
            for (String event : entry.getValue()) {
                String[] parts = event.split(" ", 2);
                String old = parts[1].substring(0, parts[1].indexOf('>'));
                String value = parts[1].substring(parts[1].indexOf('>') + 1);
                switch (parts[0]) {
                    case "CREATED" -> {
                        assertThat(current).as("%s: %s follows a removal or nothing", entry.getKey(), event).isNull();
                        assertThat(values.add(value)).as("%s heard once", value).isTrue();
                        current = value;
                    }
                    case "UPDATED" -> {
                        assertThat(old).as("%s: %s follows %s", entry.getKey(), event, current).isEqualTo(current);
                        assertThat(values.add(value)).as("%s heard once", value).isTrue();
                        current = value;
                    }
                    default -> {
                        assertThat(value).as("%s: %s removes %s", entry.getKey(), event, current).isEqualTo(current);
                        current = null;
                    }
                }
            }
            assertThat(cache.get(entry.getKey())).as("the last event of %s is the store's state", entry.getKey())
                    .isEqualTo(current);
        }
        assertThat(chains.count.get()).as("events heard, of %d made", expected).isEqualTo(expected);
    }

    /** Runs the child JVM in {@code mode} to its end and returns its output lines. */
    private List<String> runChild(URI uri, String cacheName, String mode, int count) throws Exception {
        child = SharedCacheWorker.start(uri, cacheName, mode, "unused.log", count);
        return SharedCacheWorker.output(child, TIMEOUT_SECONDS);
    }

    private static long value(List<String> lines, String name) {
        return lines.stream().filter(line -> line.startsWith(name + "=")).mapToLong(line ->
                Long.parseLong(line.substring(name.length() + 1))).sum();
    }
}
