package dev.stowage.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.jcache.configuration.StowageConfiguration;
import dev.stowage.store.NamespacedStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A store backend that is none of the built-in classes gets the JCache layer's fast paths through
 * the store SPI alone: under a standard policy with no listener and no writer, each hot operation is
 * one call of a {@link NamespacedStore} optional operation, never a {@code compute}; what the store
 * says it can do (object view, bounded namespaces, clock) decides the rest.
 */
class ThirdPartyStoreTest extends ClockedCacheTest {

    private static final javax.cache.expiry.Duration ONE_MINUTE = new javax.cache.expiry.Duration(TimeUnit.MINUTES, 1);

    private CountingStore store;

    private Cache<String, String> cache(Backend backend, StowageConfiguration<String, String> configuration,
            boolean bounds) {
        store = CountingStore.over(backend.open(clock, directory), bounds);
        Cache<String, String> cache = manager(store, ForkJoinPool.commonPool()).createCache("third-party", configuration);
        store.reset();
        return cache;
    }

    private static StowageConfiguration<String, String> configuration() {
        StowageConfiguration<String, String> configuration = new StowageConfiguration<>();
        configuration.setTypes(String.class, String.class);
        return configuration;
    }

    private Map<String, Integer> callsOf(Runnable operation) {
        store.reset();
        operation.run();
        return store.calls();
    }

    private static Map<String, String> entries(String... keysAndValues) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return entries;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEternalCachesHotPathsAreOneOptionalOperationEach(Backend backend) {
        Cache<String, String> cache = cache(backend, configuration(), false);
        assertThat(callsOf(() -> cache.put("a", "1"))).isEqualTo(Map.of("setKeepingExpiry", 1));
        assertThat(callsOf(() -> assertThat(cache.get("a")).isEqualTo("1"))).isEqualTo(Map.of("get", 1));
        assertThat(callsOf(() -> cache.putAll(entries("b", "2", "c", "3")))).isEqualTo(Map.of("setAllKeepingExpiry", 1));
        assertThat(callsOf(() -> assertThat(cache.getAll(new LinkedHashSet<>(List.of("a", "b", "missing"))))
                .isEqualTo(entries("a", "1", "b", "2")))).isEqualTo(Map.of("getAll", 1));
        assertThat(callsOf(() -> cache.removeAll(new LinkedHashSet<>(List.of("a", "b", "missing")))))
                .isEqualTo(Map.of("getAndDeleteAll", 1));
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("c")).isEqualTo("3");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theAsynchronousApiRunsTheSameOneOptionalOperationThroughTheDefaultAsyncStore(Backend backend) {
        Cache<String, String> cache = cache(backend, configuration(), false);
        @SuppressWarnings("unchecked")
        AsyncStowageCache<String, String> async = cache.unwrap(StowageCache.class).async();
        assertThat(callsOf(() -> async.put("a", "1").toCompletableFuture().join())).isEqualTo(Map.of("setKeepingExpiry", 1));
        assertThat(callsOf(() -> assertThat(async.get("a").toCompletableFuture().join()).isEqualTo("1")))
                .isEqualTo(Map.of("get", 1));
        assertThat(callsOf(() -> async.putAll(entries("b", "2", "c", "3")).toCompletableFuture().join()))
                .isEqualTo(Map.of("setAllKeepingExpiry", 1));
        assertThat(callsOf(() -> assertThat(async.getAll(new LinkedHashSet<>(List.of("a", "b", "missing")))
                .toCompletableFuture().join()).isEqualTo(entries("a", "1", "b", "2")))).isEqualTo(Map.of("getAll", 1));
        assertThat(callsOf(() -> async.removeAll(new LinkedHashSet<>(List.of("a", "b", "missing"))).toCompletableFuture()
                .join())).isEqualTo(Map.of("getAndDeleteAll", 1));
        assertThat(callsOf(() -> assertThat(async.touch("c", Duration.ofMinutes(5)).toCompletableFuture().join()).isTrue()))
                .isEqualTo(Map.of("getAndExpireAt", 1));
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("c")).isEqualTo("3");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anAccessedCacheReadsAndRenewsInOneOperation(Backend backend) {
        StowageConfiguration<String, String> configuration = configuration();
        configuration.setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(ONE_MINUTE));
        Cache<String, String> cache = cache(backend, configuration, false);
        assertThat(callsOf(() -> cache.putAll(entries("a", "1", "b", "2")))).isEqualTo(Map.of("setAllKeepingExpiry", 1));
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(50));
            assertThat(callsOf(() -> assertThat(cache.get("a")).isEqualTo("1"))).isEqualTo(Map.of("getAndExpireAt", 1));
            assertThat(callsOf(() -> assertThat(cache.getAll(new LinkedHashSet<>(List.of("b", "missing"))))
                    .isEqualTo(entries("b", "2")))).isEqualTo(Map.of("getAllAndExpireAt", 1));
        }
        assertThat(callsOf(() -> cache.put("a", "updated"))).isEqualTo(Map.of("setKeepingExpiry", 1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(cache.get("a")).as("the put kept the expiry the last access gave").isNull();
        assertThat(cache.get("missing")).isNull();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCreatedCachesPutGivesANewEntryItsExpiryAndKeepsAnExistingOnes(Backend backend) {
        StowageConfiguration<String, String> configuration = configuration();
        configuration.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(ONE_MINUTE));
        Cache<String, String> cache = cache(backend, configuration, false);
        cache.put("k", "1");
        clock.advance(Duration.ofSeconds(30));
        assertThat(callsOf(() -> cache.put("k", "2"))).isEqualTo(Map.of("setKeepingExpiry", 1));
        clock.advance(Duration.ofSeconds(29));
        assertThat(cache.get("k")).isEqualTo("2");
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("k")).isNull();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPutThatMustReadFirstIsOneCompute(Backend backend) {
        StowageConfiguration<String, String> configuration = configuration();
        configuration.setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(ONE_MINUTE));
        Cache<String, String> cache = cache(backend, configuration, false);
        assertThat(callsOf(() -> cache.put("k", "1"))).isEqualTo(Map.of("compute", 1));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStoreByReferenceCacheOfAStoreWithoutAnObjectViewKeepsItsEntriesInThisJvm(Backend backend) {
        StowageConfiguration<String, Object> configuration = new StowageConfiguration<>();
        configuration.setTypes(String.class, Object.class);
        configuration.setStoreByValue(false);
        store = CountingStore.over(backend.open(clock, directory), false);
        Cache<String, Object> cache = manager(store, ForkJoinPool.commonPool()).createCache("references", configuration);
        store.reset();
        List<String> value = new ArrayList<>();
        cache.put("k", value);
        assertThat(cache.get("k")).isSameAs(value);
        assertThat(store.calls()).isEmpty();
        assertThat(cache.unwrap(NamespacedStore.class)).isNotInstanceOf(CountingStore.class);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aMaximumSizeNeedsAStoreThatSaysItBoundsNamespaces(Backend backend) {
        StowageConfiguration<String, String> bounded = configuration();
        bounded.setMaximumSize(10);
        store = CountingStore.over(backend.open(clock, directory), false);
        StowageCacheManager unbounding = manager(store, ForkJoinPool.commonPool());
        assertThatThrownBy(() -> unbounding.createCache("bounded", bounded)).isInstanceOf(CacheException.class)
                .hasMessageContaining("cache 'bounded' has maximumSize 10, which this manager's store CountingStore[")
                .hasMessageContaining("cannot honour: it does not bound namespaces");
    }

    @Test
    void aMaximumSizeBoundsTheNamespaceOfAStoreThatSaysItCan() {
        StowageConfiguration<String, String> bounded = configuration();
        bounded.setMaximumSize(10);
        store = CountingStore.over(Backend.MEMORY.open(clock, directory), true);
        Cache<String, String> cache = manager(store, ForkJoinPool.commonPool()).createCache("bounded", bounded);
        assertThat(store.calls()).containsEntry("withNamespace(maximumSize)", 1);
        for (int i = 0; i < 1_000; i++) {
            cache.put("k" + i, "v");
        }
        int held = 0;
        for (Cache.Entry<String, String> ignored : cache) {
            held++;
        }
        assertThat(held).isBetween(1, 20);
    }
}
