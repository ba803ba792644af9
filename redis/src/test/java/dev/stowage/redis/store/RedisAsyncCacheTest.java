package dev.stowage.redis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.jcache.AsyncStowageCache;
import dev.stowage.jcache.StowageCache;
import dev.stowage.jcache.StowageCachingProvider;
import dev.stowage.testing.RedisProcess;
import dev.stowage.testing.RedisServers;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous API on Redis where only Redis can show it: a hung server (suspended with
 * {@code SIGSTOP}, a private one) fails the stages within the URI's {@code timeout} naming the address,
 * calls in flight park no thread, a cancelled stage leaves a working cache, and {@code getOrSet}
 * across two JVMs (two providers: two caches with their own in-flight loads on one Redis namespace)
 * returns the first stored value everywhere.
 */
class RedisAsyncCacheTest {

    private RedisProcess server;
    private final List<StowageCachingProvider> providers = new ArrayList<>();

    @BeforeEach
    void start() {
        server = RedisServers.startPrivate();
    }

    @AfterEach
    void stop() {
        try {
            providers.forEach(StowageCachingProvider::close);
        } finally {
            server.close();
        }
    }

    private StowageCache<String, String> cache(String timeout, String name) {
        StowageCachingProvider provider = new StowageCachingProvider();
        providers.add(provider);
        var manager = provider.getCacheManager(URI.create(server.url() + "/0/async?timeout=" + timeout), null);
        @SuppressWarnings("unchecked")
        StowageCache<String, String> cache = manager.createCache(name,
                new MutableConfiguration<String, String>().setTypes(String.class, String.class)).unwrap(StowageCache.class);
        return cache;
    }

    @Test
    void aHungServerFailsTheStageWithinTheTimeoutNamingTheAddress() throws Exception {
        AsyncStowageCache<String, String> async = cache("500ms", "hung").async();
        async.put("k", "v").toCompletableFuture().get(5, TimeUnit.SECONDS);
        server.suspend();
        try {
            List<CompletableFuture<?>> stages = new ArrayList<>();
            List<Long> failedAfter = new CopyOnWriteArrayList<>();
            long sent = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                stages.addAll(List.of(async.get("k" + i).toCompletableFuture(), async.put("k" + i, "w").toCompletableFuture(),
                        async.getAll(Set.of("k" + i)).toCompletableFuture(),
                        async.touch("k" + i, Duration.ofMinutes(1)).toCompletableFuture(),
                        async.put("k" + i, "w", Duration.ofMinutes(1)).toCompletableFuture()));
            }
            stages.forEach(stage -> stage.whenComplete((value, failure) -> failedAfter.add(System.nanoTime() - sent)));
            for (CompletableFuture<?> stage : stages) {
                assertThatThrownBy(() -> stage.get(5, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).cause()
                        .isInstanceOf(CacheException.class)
                        .hasMessageContaining("the Redis server at 127.0.0.1:" + server.port() + " did not answer within 500ms");
            }
            // every call fails within the timeout of its sending (plus scheduling on a loaded machine)
            assertThat(failedAfter).hasSize(100).allSatisfy(nanos ->
                    assertThat(Duration.ofNanos(nanos)).isLessThan(Duration.ofMillis(1200)));
        } finally {
            server.resume();
        }
        assertThat(awaitValue(async, "k")).isIn("v", "w");
    }

    @Test
    void callsInFlightParkNoThread() throws Exception {
        AsyncStowageCache<String, String> async = cache("10s", "in-flight").async();
        async.put("k", "v").toCompletableFuture().get(5, TimeUnit.SECONDS);
        long before = stowageThreads();
        long othersBefore = threadsOtherThanNetty();
        server.suspend();
        List<CompletableFuture<String>> reads = new ArrayList<>();
        try {
            for (int i = 0; i < 500; i++) {
                reads.add(async.get("k").toCompletableFuture());
            }
            Thread.sleep(300);
            assertThat(reads).noneMatch(CompletableFuture::isDone);
            assertThat(stowageThreads()).isEqualTo(before);
            // the client's Netty event loops grow with its connection pool, not with the calls; nothing else grows
            assertThat(threadsOtherThanNetty()).isLessThanOrEqualTo(othersBefore + 2);
        } finally {
            server.resume();
        }
        for (CompletableFuture<String> read : reads) {
            assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("v");
        }
    }

    @Test
    void thousandsOfCallsInFlightEachGetTheirOwnReply() throws Exception {
        AsyncStowageCache<String, String> async = cache("5s", "pipelined").async();
        List<CompletableFuture<Void>> puts = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            puts.add(async.put("k" + i, "v" + i).toCompletableFuture());
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        List<CompletableFuture<String>> gets = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            gets.add(async.get("k" + i).toCompletableFuture());
        }
        for (int i = 0; i < 5000; i++) {
            assertThat(gets.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("v" + i);
        }
        assertThat(async.touch("k1", Duration.ofMinutes(1)).toCompletableFuture().get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(async.get("absent").toCompletableFuture().get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aCancelledStageReportsCancellationAndTheCacheKeepsWorking() throws Exception {
        AsyncStowageCache<String, String> async = cache("10s", "cancel").async();
        async.put("k", "v").toCompletableFuture().get(5, TimeUnit.SECONDS);
        server.suspend();
        CompletableFuture<Void> put;
        CompletableFuture<Boolean> putIfAbsent;
        try {
            put = async.put("k", "w").toCompletableFuture();
            putIfAbsent = async.putIfAbsent("other", "x").toCompletableFuture();
            assertThat(put.cancel(true)).isTrue();
            assertThat(putIfAbsent.cancel(true)).isTrue();
        } finally {
            server.resume();
        }
        assertThat(put.isCancelled()).isTrue();
        assertThatThrownBy(put::join).isInstanceOf(CancellationException.class);
        assertThatThrownBy(putIfAbsent::join).isInstanceOf(CancellationException.class);
        assertThat(awaitValue(async, "k")).isIn("v", "w");
        async.put("k", "after").toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(async.get("k").toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("after");
    }

    @Test
    void getOrSetAcrossTwoJvmsReturnsTheFirstStoredValueEverywhere() throws Exception {
        String name = "get-or-set-" + UUID.randomUUID();
        StowageCache<String, String> first = cache("5s", name);
        StowageCache<String, String> second = cache("5s", name);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger firstLoads = new AtomicInteger();
        CompletableFuture<String> slow = first.async().getOrSet("k", key -> {
            firstLoads.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "from-first";
        }, Duration.ofMinutes(1)).toCompletableFuture();
        assertThat(second.getOrSet("k", key -> "from-second", Duration.ofMinutes(1))).isEqualTo("from-second");
        release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("from-second");
        assertThat(firstLoads).hasValue(1);
        assertThat(first.get("k")).isEqualTo("from-second");
        assertThat(second.async().getOrSet("k", key -> "again", null).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo("from-second");
    }

    @Test
    void loadersAndWritersRunOnTheProvidersExecutorNeverOnAnIoThread() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        CacheWriter<String, String> writer = new CacheWriter<>() {
            @Override
            public void write(Cache.Entry<? extends String, ? extends String> entry) {
                threads.add("write " + Thread.currentThread().getName());
            }

            @Override
            public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
                entries.clear();
            }

            @Override
            public void delete(Object key) {
                threads.add("delete " + Thread.currentThread().getName());
            }

            @Override
            public void deleteAll(Collection<?> keys) {
                keys.clear();
            }
        };
        CacheLoader<String, String> loader = new CacheLoader<>() {
            @Override
            public String load(String key) {
                threads.add("load " + Thread.currentThread().getName());
                return "loaded";
            }

            @Override
            public Map<String, String> loadAll(Iterable<? extends String> keys) {
                return Map.of();
            }
        };
        StowageCachingProvider provider = new StowageCachingProvider();
        providers.add(provider);
        @SuppressWarnings("unchecked")
        StowageCache<String, String> cache = provider.getCacheManager(URI.create(server.url() + "/0/async"), null)
                .createCache("integrated", new MutableConfiguration<String, String>().setTypes(String.class, String.class)
                        .setCacheWriterFactory(() -> writer).setWriteThrough(true)
                        .setCacheLoaderFactory(() -> loader).setReadThrough(true))
                .unwrap(StowageCache.class);
        AsyncStowageCache<String, String> async = cache.async();
        async.put("k", "v").toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(async.get("miss").toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("loaded");
        assertThat(async.getOrSet("set", key -> {
            threads.add("getOrSet " + Thread.currentThread().getName());
            return "x";
        }, null).toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("x");
        async.remove("k").toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(threads).hasSize(5).allSatisfy(call -> assertThat(call).containsPattern("^\\w+ stowage-jcache-\\d+$"));
    }

    private static long stowageThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("stowage-jcache-")).count();
    }

    private static long threadsOtherThanNetty() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !t.getName().startsWith("redisson-netty")).count();
    }

    private static String awaitValue(AsyncStowageCache<String, String> async, String key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return async.get(key).toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the cache did not answer again", e);
                }
                Thread.sleep(100);
            }
        }
    }
}
