package dev.stowage.redis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.jcache.StowageCache;
import dev.stowage.jcache.StowageCachingProvider;
import dev.stowage.jcache.configuration.StowageConfiguration;
import dev.stowage.jcache.management.ManagementRegistrar;
import dev.stowage.redis.SharedRedisClient;
import dev.stowage.testing.RedisBinaries;
import dev.stowage.testing.RedisProcess;
import dev.stowage.testing.RedisServers;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Cluster-wide events on a server of the test's own: two cache managers (two providers, so two
 * change feeds, as two JVMs would have) on one Redis cache. Nobody listening costs no command; a
 * listener elsewhere makes puts publish; a lost subscription is logged and counted in the cache's
 * {@code dev.stowage:type=CacheEvents} MXBean; {@code events: local} keeps events in the JVM.
 */
class ClusterEventsTest {

    private static RedisProcess server;
    private static SharedRedisClient shared;
    private static RedissonClient observer;

    private final StowageCachingProvider here = new StowageCachingProvider();
    private final StowageCachingProvider there = new StowageCachingProvider();

    @BeforeAll
    static void start() {
        server = RedisServers.startPrivate();
        shared = RedisTestClients.standalone(server.url());
        observer = shared.client();
    }

    @AfterAll
    static void stop() {
        shared.close();
        server.close();
    }

    @AfterEach
    void close() {
        here.close();
        there.close();
    }

    private CacheManager manager(StowageCachingProvider provider) {
        return provider.getCacheManager(URI.create(server.url() + "/0/cluster-events"), null);
    }

    private static StowageConfiguration<String, String> strings() {
        StowageConfiguration<String, String> configuration = new StowageConfiguration<>();
        configuration.setTypes(String.class, String.class);
        return configuration;
    }

    private static CacheEntryListenerConfiguration<String, String> listening(List<String> heard) {
        CacheEntryCreatedListener<String, String> listener = new Heard(heard);
        return new MutableCacheEntryListenerConfiguration<>(() -> listener, null, true, false);
    }

    /** Records "key old>new" of created and updated events. */
    private record Heard(List<String> heard) implements CacheEntryCreatedListener<String, String>,
            CacheEntryUpdatedListener<String, String> {
        @Override
        public void onCreated(Iterable<javax.cache.event.CacheEntryEvent<? extends String, ? extends String>> events) {
            events.forEach(event -> heard.add(event.getKey() + " -" + ">" + event.getValue()));
        }

        @Override
        public void onUpdated(Iterable<javax.cache.event.CacheEntryEvent<? extends String, ? extends String>> events) {
            events.forEach(event -> heard.add(event.getKey() + " " + event.getOldValue() + ">" + event.getValue()));
        }
    }

    private static Map<String, Long> commandsOf(Runnable operation) {
        return new CommandStats(observer).of(operation);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void nobodyListeningCostsNoPublishAndAListenerElsewhereMakesPutsPublishUntilItGoes() throws Exception {
        Cache<String, String> cache = manager(here).createCache("quiet", strings());
        Cache<String, String> remote = manager(there).createCache("quiet", strings());
        cache.put("k", "v0");
        assertThat(commandsOf(() -> cache.put("k", "v1"))).isEqualTo(Map.of("set", 1L));

        List<String> heard = new CopyOnWriteArrayList<>();
        CacheEntryListenerConfiguration<String, String> listener = listening(heard);
        remote.registerCacheEntryListener(listener);
        await("a put here to reach the listener there", () -> {
            String value = "v-" + System.nanoTime();
            cache.put("k", value);
            return heard.stream().anyMatch(event -> event.endsWith(">" + value));
        });
        Map<String, Long> listened = commandsOf(() -> cache.put("k", "v3"));
        // two round trips: lock-and-read.lua; write-and-unlock.lua, which numbers the event (INCR), keeps it (XADD)
        // and PUBLISHes it with the write
        assertThat(listened).isEqualTo(Map.of("evalsha", 2L, "set", 2L, "get", 3L, "pexpiretime", 1L, "publish", 1L,
                "del", 1L, "incr", 1L, "pexpire", 2L, "xadd", 1L));
        await("the remote listener to hear v3 with its old value", () -> heard.stream().anyMatch(e -> e.endsWith(">v3")
                && !e.startsWith("k ->")));

        remote.deregisterCacheEntryListener(listener);
        await("the put to be one command again", () -> commandsOf(() -> cache.put("k", "v4")).equals(Map.of("set", 1L)));
    }

    @Test
    void eventsPublishedWhileTheSubscriptionWasLostAreFilledFromTheHistoryInOrder() throws Exception {
        // the listening side first: both caches have the same MXBean name, and the first one keeps it
        Cache<String, String> remote = manager(there).createCache("gap", strings());
        Cache<String, String> cache = manager(here).createCache("gap", strings());
        List<String> heard = new CopyOnWriteArrayList<>();
        remote.registerCacheEntryListener(listening(heard));
        await("the cache to publish", () -> commandsOf(() -> cache.put("k", "before")).containsKey("publish"));
        await("the event before the gap", () -> heard.stream().anyMatch(event -> event.endsWith(">before")));

        ObjectName bean = ManagementRegistrar.objectName(remote, ManagementRegistrar.Kind.CacheEvents);
        redisCli("CLIENT", "KILL", "TYPE", "pubsub");
        // Redisson reconnects after 100 ms: these puts go out while the listener is not subscribed
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            values.add("during-" + i);
            cache.put("k", "during-" + i);
        }
        await("every event published meanwhile", () -> heard.stream().filter(event -> event.contains(">during-")).count() == 20);
        List<String> during = heard.stream().filter(event -> event.contains(">during-"))
                .map(event -> event.substring(event.indexOf('>') + 1)).toList();
        assertThat(during).isEqualTo(values);
        assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(bean, "SubscriptionGaps")).isEqualTo(0L);
    }

    @Test
    void aMessageTheHistoryNoLongerHoldsIsLoggedAndCountedAndEventsFlowOn() throws Exception {
        Cache<String, String> remote = manager(there).createCache("lost", strings());
        Cache<String, String> cache = manager(here).createCache("lost", strings());
        List<String> heard = new CopyOnWriteArrayList<>();
        remote.registerCacheEntryListener(listening(heard));
        await("the cache to publish", () -> commandsOf(() -> cache.put("k", "before")).containsKey("publish"));
        await("the event before the gap", () -> heard.stream().anyMatch(event -> event.endsWith(">before")));
        ObjectName bean = ManagementRegistrar.objectName(remote, ManagementRegistrar.Kind.CacheEvents);
        assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(bean, "SubscriptionGaps")).isEqualTo(0L);

        // a number taken and never published nor kept: a message lost for good
        @SuppressWarnings("unchecked")
        RedisStore store = (RedisStore) cache.unwrap(StowageCache.class).store();
        redisCli("INCR", RedisChangeFeed.sequenceKey(store.layout().toString()));
        cache.put("k", "after");
        await("the event after the gap", () -> heard.stream().anyMatch(event -> event.endsWith(">after")));
        assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(bean, "SubscriptionGaps")).isEqualTo(1L);
    }

    private static void redisCli(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(RedisBinaries.cli().toString(), "-p", Integer.toString(server.port())));
        line.addAll(List.of(command));
        Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
        assertThat(cli.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).isZero();
    }

    @Test
    void localEventsStayInTheJvmAndClusterIsRefusedWhereThereIsNoFeed() throws Exception {
        Cache<String, String> cache = manager(here).createCache("local",
                strings().setEvents(StowageConfiguration.Events.LOCAL));
        Cache<String, String> remote = manager(there).createCache("local",
                strings().setEvents(StowageConfiguration.Events.LOCAL));
        List<String> heard = new CopyOnWriteArrayList<>();
        remote.registerCacheEntryListener(listening(heard));
        assertThat(commandsOf(() -> cache.put("k", "v"))).isEqualTo(Map.of("set", 1L));
        remote.put("mine", "v");
        await("the remote listener to hear its own JVM's put", () -> heard.contains("mine -" + ">v"));
        assertThat(heard).containsExactly("mine -" + ">v");

        CacheManager memory = here.getCacheManager(URI.create("memory:/cluster-refused"), null);
        assertThatThrownBy(() -> memory.createCache("c", strings().setEvents(StowageConfiguration.Events.CLUSTER)))
                .isInstanceOf(CacheException.class)
                .hasMessageContaining("events: cluster");
    }
}
