package dev.stowage.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriterException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * JSR-107 section 9 through a cache on both kinds of storage: read-through on {@code get} and
 * {@code getAll} loads only what is missing and stores it without writing it through; write-through
 * passes every change to the writer first, and a writer that fails leaves the cache as it was.
 */
class LoaderWriterPathsTest extends ClockedCacheTest {

    private final Recorders.Loader loader = new Recorders.Loader();
    private final Recorders.Writer writer = new Recorders.Writer();
    private final Recorders.Listener listener = new Recorders.Listener();

    private Cache<String, String> cache(Backend backend) {
        MutableConfiguration<String, String> configuration = strings()
                .setCacheLoaderFactory(instance(loader)).setReadThrough(true)
                .setCacheWriterFactory(instance(writer)).setWriteThrough(true)
                .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(instance(listener),
                        null, true, true));
        return manager(backend).createCache("integrated", configuration);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aMissOnGetLoadsOnceStoresAndDoesNotWriteTheLoadedValue(Backend backend) {
        Cache<String, String> cache = cache(backend);
        assertThat(cache.get("k")).isEqualTo("loaded-k");
        assertThat(cache.get("k")).isEqualTo("loaded-k");
        assertThat(loader.calls).containsExactly("load k");
        assertThat(writer.calls).isEmpty();
        assertThat(listener.events).containsExactly("CREATED k loaded-k null");
        assertThat(cache.get("none")).isNull();
        assertThat(cache.containsKey("none")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void getAllLoadsOnlyTheMissingKeysInOneCall(Backend backend) {
        Cache<String, String> cache = cache(backend);
        cache.put("present", "p");
        Map<String, String> all = cache.getAll(new LinkedHashSet<>(List.of("present", "a", "b", "none")));
        assertThat(all).isEqualTo(Map.of("present", "p", "a", "loaded-a", "b", "loaded-b"));
        assertThat(loader.calls).containsExactly("loadAll [a, b, none]");
        assertThat(cache.getAll(Set.of("a", "b"))).hasSize(2);
        assertThat(loader.calls).hasSize(1);
        assertThat(writer.calls).containsExactly("write present=p");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aFailingLoaderSurfacesAsACacheLoaderExceptionAndStoresNothing(Backend backend) {
        Cache<String, String> cache = cache(backend);
        loader.failing = true;
        assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheLoaderException.class)
                .hasRootCauseMessage("loader down");
        assertThatThrownBy(() -> cache.getAll(Set.of("a"))).isInstanceOf(CacheLoaderException.class);
        loader.failing = false;
        assertThat(cache.containsKey("k")).isFalse();
        assertThat(cache.containsKey("a")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyChangeGoesThroughTheWriterFirst(Backend backend) {
        Cache<String, String> cache = cache(backend);
        cache.put("k", "1");
        assertThat(cache.getAndPut("k", "2")).isEqualTo("1");
        assertThat(cache.replace("k", "3")).isTrue();
        assertThat(cache.replace("absent", "x")).isFalse();
        assertThat(cache.putIfAbsent("k", "ignored")).isFalse();
        assertThat(cache.remove("k", "wrong")).isFalse();
        assertThat(cache.remove("k")).isTrue();
        Map<String, String> many = new LinkedHashMap<>();
        many.put("a", "1");
        many.put("b", "2");
        cache.putAll(many);
        cache.removeAll(new LinkedHashSet<>(List.of("a", "b")));
        assertThat(writer.calls).containsExactly("write k=1", "write k=2", "write k=3", "delete k",
                "write a=1", "write b=2", "delete a", "delete b");
        assertThat(loader.calls).as("writes never load").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aFailingWriterLeavesTheCacheUnchangedAndTellsNoListener(Backend backend) {
        Cache<String, String> cache = cache(backend);
        cache.put("k", "old");
        listener.events.clear();
        writer.failing = true;
        assertThatThrownBy(() -> cache.put("k", "new")).isInstanceOf(CacheWriterException.class)
                .hasRootCauseMessage("writer down");
        assertThatThrownBy(() -> cache.put("fresh", "v")).isInstanceOf(CacheWriterException.class);
        assertThatThrownBy(() -> cache.getAndPut("k", "new")).isInstanceOf(CacheWriterException.class);
        assertThatThrownBy(() -> cache.replace("k", "new")).isInstanceOf(CacheWriterException.class);
        assertThatThrownBy(() -> cache.remove("k")).isInstanceOf(CacheWriterException.class);
        assertThatThrownBy(() -> cache.getAndRemove("k")).isInstanceOf(CacheWriterException.class);
        writer.failing = false;
        assertThat(cache.get("k")).isEqualTo("old");
        assertThat(cache.containsKey("fresh")).isFalse();
        assertThat(listener.events).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBulkWriterFailureAppliesOnlyWhatTheWriterDid(Backend backend) {
        Cache<String, String> cache = cache(backend);
        Map<String, String> many = new LinkedHashMap<>();
        many.put("a", "1");
        many.put("b", "2");
        many.put("c", "3");
        writer.failAt = "b";
        assertThatThrownBy(() -> cache.putAll(many)).isInstanceOf(CacheWriterException.class);
        assertThat(cache.get("a")).isEqualTo("1");
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("c")).isFalse();
        writer.failAt = null;
        cache.putAll(many);
        writer.failAt = "b";
        assertThatThrownBy(() -> cache.removeAll(new LinkedHashSet<>(List.of("a", "b", "c"))))
                .isInstanceOf(CacheWriterException.class);
        assertThat(cache.containsKey("a")).isFalse();
        assertThat(cache.get("b")).isEqualTo("2");
        assertThat(cache.get("c")).isEqualTo("3");
    }
}
