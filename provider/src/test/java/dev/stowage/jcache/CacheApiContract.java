package dev.stowage.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriterException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One contract for the blocking {@link StowageCache} and its {@link AsyncStowageCache}: every test
 * runs once per {@link Api} on the backend a subclass gives (memory, file, Redis), and expects the
 * same behaviour from both: values, bulk and conditional operations, per-entry times to live,
 * {@code touch}, {@code getOrSet} (one load per key per JVM, a failing loader fails every waiting
 * caller and stores nothing), statistics, listeners, write-through and read-through.
 */
public abstract class CacheApiContract {

    /** Which API a test drives. */
    public enum Api { BLOCKING, ASYNC }

    private CacheManager manager;

    /**
     * Opens the cache manager of the backend under test, on data no other test uses.
     *
     * @return a manager the contract closes
     */
    protected abstract CacheManager openManager();

    @BeforeEach
    void open() {
        manager = openManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private StowageCache<String, String> cache(MutableConfiguration<String, String> configuration) {
        @SuppressWarnings("unchecked")
        StowageCache<String, String> cache = manager.createCache("api-" + UUID.randomUUID(),
                configuration.setTypes(String.class, String.class)).unwrap(StowageCache.class);
        return cache;
    }

    private Ops ops(Api api, MutableConfiguration<String, String> configuration) {
        StowageCache<String, String> cache = cache(configuration);
        return api == Api.BLOCKING ? new Blocking(cache) : new Async(cache);
    }

    private static <T> Factory<T> instance(T object) {
        return () -> object;
    }

    // ---- the tests ------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Api.class)
    void putGetContainsAndRemove(Api api) {
        Ops cache = ops(api, new MutableConfiguration<>());
        assertThat(cache.get("k")).isNull();
        assertThat(cache.containsKey("k")).isFalse();
        cache.put("k", "v");
        assertThat(cache.get("k")).isEqualTo("v");
        assertThat(cache.containsKey("k")).isTrue();
        assertThat(cache.expiresIn("k")).isEmpty();
        assertThat(cache.remove("k")).isTrue();
        assertThat(cache.remove("k")).isFalse();
        assertThat(cache.get("k")).isNull();
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void bulkOperations(Api api) {
        Ops cache = ops(api, new MutableConfiguration<>());
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            entries.put("k" + i, "v" + i);
        }
        cache.putAll(entries);
        assertThat(cache.getAll(new LinkedHashSet<>(List.of("k1", "k2", "absent")))).isEqualTo(Map.of("k1", "v1", "k2", "v2"));
        cache.removeAll(Set.of("k1", "k3", "absent"));
        assertThat(cache.getAll(entries.keySet())).hasSize(18).doesNotContainKeys("k1", "k3");
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void conditionalOperations(Api api) {
        Ops cache = ops(api, new MutableConfiguration<>());
        assertThat(cache.putIfAbsent("k", "a")).isTrue();
        assertThat(cache.putIfAbsent("k", "b")).isFalse();
        assertThat(cache.getAndPut("k", "c")).isEqualTo("a");
        assertThat(cache.replace("k", "wrong", "d")).isFalse();
        assertThat(cache.replace("k", "c", "d")).isTrue();
        assertThat(cache.replace("k", "e")).isTrue();
        assertThat(cache.replace("absent", "e")).isFalse();
        assertThat(cache.remove("k", "wrong")).isFalse();
        assertThat(cache.getAndRemove("k")).isEqualTo("e");
        assertThat(cache.getAndRemove("k")).isNull();
        cache.put("k", "f");
        assertThat(cache.remove("k", "f")).isTrue();
        assertThat(cache.containsKey("k")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void perEntryTimeToLiveExpiresInAndTouch(Api api) throws InterruptedException {
        Ops cache = ops(api, new MutableConfiguration<>());
        cache.put("k", "v", Duration.ofMinutes(1));
        assertThat(cache.expiresIn("k")).hasValueSatisfying(left ->
                assertThat(left).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61)));
        assertThat(cache.touch("k", Duration.ofHours(1))).isTrue();
        assertThat(cache.expiresIn("k")).hasValueSatisfying(left ->
                // Redis rounds an expiry up to the millisecond
                assertThat(left).isBetween(Duration.ofMinutes(59), Duration.ofSeconds(3601)));
        assertThat(cache.touch("k", null)).isTrue();
        assertThat(cache.expiresIn("k")).isEmpty();
        assertThat(cache.get("k")).isEqualTo("v");
        assertThat(cache.touch("absent", Duration.ofHours(1))).isFalse();
        assertThat(cache.containsKey("absent")).isFalse();
        assertThatThrownBy(() -> cache.touch("k", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        cache.put("gone", "v", Duration.ZERO);
        assertThat(cache.containsKey("gone")).isFalse();
        cache.put("short", "v", Duration.ofMillis(300));
        assertThat(cache.touch("short", Duration.ofMillis(300))).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (cache.get("short") != null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(cache.get("short")).isNull();
        assertThat(cache.touch("short", Duration.ofHours(1))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void accessExpiryPolicyRenewsOnRead(Api api) {
        Ops cache = ops(api, new MutableConfiguration<String, String>()
                .setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.HOURS, 1))));
        cache.put("k", "v");
        assertThat(cache.expiresIn("k")).hasValueSatisfying(left -> assertThat(left).isGreaterThan(Duration.ofMinutes(59)));
        cache.put("k", "v", Duration.ofMinutes(1));
        assertThat(cache.get("k")).isEqualTo("v");
        assertThat(cache.expiresIn("k")).hasValueSatisfying(left -> assertThat(left).isGreaterThan(Duration.ofMinutes(59)));
        assertThat(cache.getAll(Set.of("k"))).containsEntry("k", "v");
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void statisticsCountAsTheBlockingCallsDo(Api api) {
        MutableConfiguration<String, String> configuration = new MutableConfiguration<String, String>().setStatisticsEnabled(true);
        Ops cache = ops(api, configuration);
        cache.put("a", "1");
        cache.putAll(Map.of("b", "2", "c", "3"));
        cache.get("a");
        cache.get("absent");
        cache.getAll(Set.of("b", "absent2"));
        cache.remove("a");
        cache.removeAll(Set.of("b"));
        var statistics = cache.blocking().statistics();
        assertThat(statistics.getCachePuts()).isEqualTo(3);
        assertThat(statistics.getCacheHits()).isEqualTo(2);
        assertThat(statistics.getCacheMisses()).isEqualTo(2);
        assertThat(statistics.getCacheRemovals()).isEqualTo(2);
        // each thread's first operations are all timed (OperationTimer.FIRST_TIMED)
        assertThat(statistics.getAverageGetTime()).isPositive();
        assertThat(statistics.getAveragePutTime()).isPositive();
        assertThat(statistics.getAverageRemoveTime()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void listenersHearEveryChangeInOrder(Api api) {
        Recorders.Listener listener = new Recorders.Listener();
        Ops cache = ops(api, new MutableConfiguration<String, String>().addCacheEntryListenerConfiguration(
                new MutableCacheEntryListenerConfiguration<>(instance(listener), null, true, true)));
        cache.put("k", "a");
        cache.put("k", "b");
        cache.put("k", "c", Duration.ofMinutes(1));
        assertThat(cache.getOrSet("other", key -> "loaded", null)).isEqualTo("loaded");
        cache.remove("k");
        cache.putAll(Map.of("m", "1"));
        cache.removeAll(Set.of("m"));
        assertThat(listener.events).containsExactly("CREATED k a null", "UPDATED k b a", "UPDATED k c b",
                "CREATED other loaded null", "REMOVED k c c", "CREATED m 1 null", "REMOVED m 1 1");
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void writeThroughAndReadThrough(Api api) {
        Recorders.Writer writer = new Recorders.Writer();
        Recorders.Loader loader = new Recorders.Loader();
        Ops cache = ops(api, new MutableConfiguration<String, String>()
                .setCacheWriterFactory(instance(writer)).setWriteThrough(true)
                .setCacheLoaderFactory(instance(loader)).setReadThrough(true));
        cache.put("k", "v");
        cache.remove("k");
        assertThat(writer.calls).containsExactly("write k=v", "delete k");
        assertThat(cache.get("r")).isEqualTo("loaded-r");
        assertThat(loader.calls).containsExactly("load r");
        writer.failing = true;
        assertThatThrownBy(() -> cache.put("r", "x")).isInstanceOf(CacheWriterException.class);
        assertThat(cache.get("r")).isEqualTo("loaded-r");
        assertThatThrownBy(() -> cache.getOrSet("g", key -> "x", null)).isInstanceOf(CacheWriterException.class);
        assertThat(cache.containsKey("g")).isFalse();
        writer.failing = false;
        assertThat(cache.getOrSet("g", key -> "x", null)).isEqualTo("x");
        assertThat(writer.calls).containsExactly("write k=v", "delete k", "write g=x");
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void storeByValueKeepsWhatWasPut(Api api) {
        @SuppressWarnings("unchecked")
        StowageCache<String, ArrayList<String>> stowage = manager.createCache("by-value-" + UUID.randomUUID(),
                new MutableConfiguration<String, ArrayList<String>>()).unwrap(StowageCache.class);
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        if (api == Api.BLOCKING) {
            stowage.put("k", list);
        } else {
            join(stowage.async().put("k", list));
        }
        list.add("changed after put");
        ArrayList<String> read = api == Api.BLOCKING ? stowage.get("k") : join(stowage.async().get("k"));
        assertThat(read).containsExactly("a");
        read.add("changed after get");
        assertThat(stowage.get("k")).containsExactly("a");
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void getOrSetLoadsOnMissStoresWithTheTimeToLiveAndReturnsAHitAsIs(Api api) {
        Ops cache = ops(api, new MutableConfiguration<>());
        AtomicInteger loads = new AtomicInteger();
        Function<String, String> loader = key -> "loaded-" + key + "-" + loads.incrementAndGet();
        assertThat(cache.getOrSet("k", loader, Duration.ofMinutes(1))).isEqualTo("loaded-k-1");
        assertThat(cache.getOrSet("k", loader, Duration.ofMinutes(1))).isEqualTo("loaded-k-1");
        assertThat(loads).hasValue(1);
        assertThat(cache.expiresIn("k")).hasValueSatisfying(left -> assertThat(left).isGreaterThan(Duration.ofSeconds(50)));
        cache.put("present", "p");
        assertThat(cache.getOrSet("present", loader, null)).isEqualTo("p");
        assertThat(cache.getOrSet("nothing", key -> null, null)).isNull();
        assertThat(cache.containsKey("nothing")).isFalse();
        assertThat(loads).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void getOrSetFromOneHundredConcurrentCallersLoadsOnce(Api api) throws Exception {
        Ops cache = ops(api, new MutableConfiguration<>());
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Function<String, String> loader = key -> {
            loads.incrementAndGet();
            await(release);
            return "value";
        };
        List<Future<String>> results = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(100);
        try {
            CountDownLatch started = new CountDownLatch(100);
            for (int i = 0; i < 100; i++) {
                results.add(callers.submit(() -> {
                    started.countDown();
                    return cache.getOrSet("hot", loader, Duration.ofMinutes(1));
                }));
            }
            started.await(10, TimeUnit.SECONDS);
            Thread.sleep(300);
            release.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo("value");
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(loads).hasValue(1);
        assertThat(cache.get("hot")).isEqualTo("value");
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void aLoaderThatThrowsFailsEveryWaitingCallerAndCachesNothing(Api api) throws Exception {
        Ops cache = ops(api, new MutableConfiguration<>());
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Function<String, String> loader = key -> {
            loads.incrementAndGet();
            await(release);
            throw new IllegalStateException("backend down");
        };
        List<Future<String>> results = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(20);
        try {
            for (int i = 0; i < 20; i++) {
                results.add(callers.submit(() -> cache.getOrSet("k", loader, null)));
            }
            Thread.sleep(300);
            release.countDown();
            for (Future<String> result : results) {
                assertThatThrownBy(() -> result.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(CacheLoaderException.class).hasMessageContaining("backend down");
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(loads).hasValue(1);
        assertThat(cache.containsKey("k")).isFalse();
        assertThat(cache.getOrSet("k", key -> "recovered", null)).isEqualTo("recovered");
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void nullArgumentsThrowFromTheCallNamingTheArgument(Api api) {
        StowageCache<String, String> stowage = cache(new MutableConfiguration<>());
        if (api == Api.BLOCKING) {
            assertThatThrownBy(() -> stowage.get(null)).isInstanceOf(NullPointerException.class).hasMessage("key");
            assertThatThrownBy(() -> stowage.getOrSet("k", null, null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("loader");
            return;
        }
        AsyncStowageCache<String, String> async = stowage.async();
        assertThatThrownBy(() -> async.get(null)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> async.put("k", null)).isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> async.replace("k", null, "v")).isInstanceOf(NullPointerException.class)
                .hasMessage("oldValue");
        assertThatThrownBy(() -> async.getAll(null)).isInstanceOf(NullPointerException.class).hasMessage("keys");
        assertThatThrownBy(() -> async.getOrSet("k", (Function<String, String>) null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("loader");
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void aClosedCacheFailsWithIllegalStateException(Api api) {
        Ops cache = ops(api, new MutableConfiguration<>());
        cache.blocking().close();
        assertThatThrownBy(() -> cache.get("k")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> cache.put("k", "v")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cache.putIfAbsent("k", "v")).isInstanceOf(IllegalStateException.class);
    }

    // ---- the two APIs behind one interface ------------------------------------------------------

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for a stage and throws its failure as the blocking call would, unwrapped. */
    static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** The operations under test, for {@code String}s. */
    interface Ops {
        StowageCache<String, String> blocking();
        String get(String key);
        Map<String, String> getAll(Set<String> keys);
        boolean containsKey(String key);
        void put(String key, String value);
        void put(String key, String value, Duration timeToLive);
        void putAll(Map<String, String> entries);
        boolean putIfAbsent(String key, String value);
        String getAndPut(String key, String value);
        boolean remove(String key);
        boolean remove(String key, String oldValue);
        void removeAll(Set<String> keys);
        boolean replace(String key, String value);
        boolean replace(String key, String oldValue, String newValue);
        String getAndRemove(String key);
        Optional<Duration> expiresIn(String key);
        boolean touch(String key, Duration timeToLive);
        String getOrSet(String key, Function<String, String> loader, Duration timeToLive);
    }

    private record Blocking(StowageCache<String, String> blocking) implements Ops {
        public String get(String key) { return blocking.get(key); }
        public Map<String, String> getAll(Set<String> keys) { return blocking.getAll(keys); }
        public boolean containsKey(String key) { return blocking.containsKey(key); }
        public void put(String key, String value) { blocking.put(key, value); }
        public void put(String key, String value, Duration ttl) { blocking.put(key, value, ttl); }
        public void putAll(Map<String, String> entries) { blocking.putAll(entries); }
        public boolean putIfAbsent(String key, String value) { return blocking.putIfAbsent(key, value); }
        public String getAndPut(String key, String value) { return blocking.getAndPut(key, value); }
        public boolean remove(String key) { return blocking.remove(key); }
        public boolean remove(String key, String oldValue) { return blocking.remove(key, oldValue); }
        public void removeAll(Set<String> keys) { blocking.removeAll(keys); }
        public boolean replace(String key, String value) { return blocking.replace(key, value); }
        public boolean replace(String key, String o, String n) { return blocking.replace(key, o, n); }
        public String getAndRemove(String key) { return blocking.getAndRemove(key); }
        public Optional<Duration> expiresIn(String key) { return blocking.expiresIn(key); }
        public boolean touch(String key, Duration ttl) { return blocking.touch(key, ttl); }
        public String getOrSet(String key, Function<String, String> loader, Duration ttl) {
            return blocking.getOrSet(key, loader, ttl);
        }
    }

    private record Async(StowageCache<String, String> blocking) implements Ops {
        private AsyncStowageCache<String, String> async() { return blocking.async(); }
        public String get(String key) { return join(async().get(key)); }
        public Map<String, String> getAll(Set<String> keys) { return join(async().getAll(keys)); }
        public boolean containsKey(String key) { return join(async().containsKey(key)); }
        public void put(String key, String value) { join(async().put(key, value)); }
        public void put(String key, String value, Duration ttl) { join(async().put(key, value, ttl)); }
        public void putAll(Map<String, String> entries) { join(async().putAll(entries)); }
        public boolean putIfAbsent(String key, String value) { return join(async().putIfAbsent(key, value)); }
        public String getAndPut(String key, String value) { return join(async().getAndPut(key, value)); }
        public boolean remove(String key) { return join(async().remove(key)); }
        public boolean remove(String key, String oldValue) { return join(async().remove(key, oldValue)); }
        public void removeAll(Set<String> keys) { join(async().removeAll(keys)); }
        public boolean replace(String key, String value) { return join(async().replace(key, value)); }
        public boolean replace(String key, String o, String n) { return join(async().replace(key, o, n)); }
        public String getAndRemove(String key) { return join(async().getAndRemove(key)); }
        public Optional<Duration> expiresIn(String key) { return join(async().expiresIn(key)); }
        public boolean touch(String key, Duration ttl) { return join(async().touch(key, ttl)); }
        public String getOrSet(String key, Function<String, String> loader, Duration ttl) {
            return join(async().getOrSet(key, loader, ttl));
        }
    }
}
