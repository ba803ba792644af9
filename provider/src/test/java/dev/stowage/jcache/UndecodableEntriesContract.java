package dev.stowage.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.codec.JavaCodec;
import dev.stowage.codec.gadget.Gadget;
import dev.stowage.store.NamespacedStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryRemovedListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Entries a cache cannot decode, planted as raw bytes through the store SPI under the cache's own
 * namespace: a value of a class outside the java codec's allow-list (a gadget whose
 * {@code readObject} must never run), corrupt serialized bytes, and a key of a refused class. They
 * never block {@code clear}, {@code removeAll} (with and without a listener), iteration over the
 * other entries, or a {@code put} over them; every read treats them as a miss and removes them.
 * Runs once per byte-level backend: a subclass gives the manager URI (file in the provider, Redis
 * in {@code stowage-redis}).
 */
public abstract class UndecodableEntriesContract {

    /** Serialized-stream magic and version, then a class descriptor cut short. */
    private static final byte[] CORRUPT = {(byte) 0xAC, (byte) 0xED, 0, 5, 0x73, 0x72, 0, 9, 'n', 'o', 't'};

    private final StowageCachingProvider provider = new StowageCachingProvider();
    private CacheManager manager;
    private Cache<Object, Object> cache;
    private NamespacedStore store;
    private String undecodableKey;

    /**
     * Returns the URI of a fresh cache manager on the backend under test.
     *
     * @return a URI no other test uses
     */
    protected abstract URI managerUri();

    @BeforeEach
    void plant() {
        Gadget.READ_OBJECT_RAN.set(false);
        Gadget.READ_RESOLVE_RAN.set(false);
        manager = provider.getCacheManager(managerUri(), getClass().getClassLoader());
        cache = manager.createCache("poisoned", new MutableConfiguration<>().setStatisticsEnabled(true));
        store = cache.unwrap(NamespacedStore.class);
        cache.put("a", "A");
        cache.put("b", new ArrayList<>(List.of(1, 2)));
        cache.put(7L, "seven");
        JavaCodec anything = JavaCodec.forTypes(getClass().getClassLoader());
        store.set("s:refused", anything.encode(new Gadget("value")), null);
        store.set("s:corrupt", CORRUPT, null);
        undecodableKey = "j:" + Base64.getUrlEncoder().withoutPadding().encodeToString(anything.encode(new Gadget("key")));
        store.set(undecodableKey, anything.encode("value of a refused key"), null);
    }

    @AfterEach
    void close() {
        assertThat(Gadget.READ_OBJECT_RAN).as("the refused class's readObject ran").isFalse();
        assertThat(Gadget.READ_RESOLVE_RAN).as("the refused class's readResolve ran").isFalse();
        manager.destroyCache("poisoned");
        provider.close();
    }

    private List<String> storeKeys() {
        List<String> keys = new ArrayList<>();
        store.keys().forEachRemaining(keys::add);
        return keys;
    }

    private long removals() {
        return cache.unwrap(StowageCache.class).statistics().getCacheRemovals();
    }

    @Test
    void iterationSkipsTheUndecodableEntriesAndSeesTheOthers() {
        Map<Object, Object> seen = new HashMap<>();
        for (Cache.Entry<Object, Object> entry : cache) {
            seen.put(entry.getKey(), entry.getValue());
        }
        assertThat(seen).containsOnly(Map.entry("a", "A"), Map.entry("b", List.of(1, 2)), Map.entry(7L, "seven"));
        // each was reported and dropped on the way
        assertThat(storeKeys()).containsExactlyInAnyOrder("s:a", "s:b", "l:7");
    }

    @Test
    void getIsAMissThatRemovesTheUndecodableEntry() {
        assertThat(cache.get("refused")).isNull();
        assertThat(cache.get("corrupt")).isNull();
        assertThat(store.get("s:refused")).isNull();
        assertThat(store.get("s:corrupt")).isNull();
        assertThat(cache.get("a")).isEqualTo("A");
    }

    @Test
    void getAllReturnsTheDecodableEntriesOnly() {
        assertThat(cache.getAll(Set.of("a", "refused", "corrupt", 7L)))
                .containsOnly(Map.entry("a", "A"), Map.entry(7L, "seven"));
        assertThat(store.get("s:refused")).isNull();
    }

    @Test
    void putOverAnUndecodableEntryReplacesIt() {
        cache.put("refused", "fixed");
        assertThat(cache.getAndPut("corrupt", "mended")).isNull();
        assertThat(cache.get("refused")).isEqualTo("fixed");
        assertThat(cache.get("corrupt")).isEqualTo("mended");
    }

    @Test
    void anEntryProcessorSeesAnUndecodableEntryAsAbsent() {
        assertThat(cache.<Boolean>invoke("refused", (entry, arguments) -> entry.exists())).isFalse();
        assertThat(store.get("s:refused")).isNull();
        assertThat(cache.<Object>invoke("corrupt", (entry, arguments) -> {
            entry.setValue("set by a processor");
            return entry.getValue();
        })).isEqualTo("set by a processor");
        assertThat(cache.get("corrupt")).isEqualTo("set by a processor");
    }

    @Test
    void removeAllWithoutListenerOrWriterRemovesEverythingUndecoded() {
        cache.removeAll();
        assertThat(storeKeys()).isEmpty();
        assertThat(removals()).isEqualTo(6);
        assertThat(cache.iterator().hasNext()).isFalse();
    }

    @Test
    void removeAllWithAListenerRemovesEverythingAndReportsTheDecodableOnes() {
        List<Object> removed = new CopyOnWriteArrayList<>();
        cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(new RemovedKeys(removed)), null, true, true));
        cache.removeAll();
        assertThat(removed).containsExactlyInAnyOrder("a", "b", 7L);
        assertThat(storeKeys()).isEmpty();
    }

    @Test
    void clearAndDestroyCacheRemoveEverything() {
        cache.clear();
        assertThat(storeKeys()).isEmpty();
        store.set("s:refused", JavaCodec.forTypes(getClass().getClassLoader()).encode(new Gadget("again")), null);
        manager.destroyCache("poisoned");
        assertThat(storeKeys()).isEmpty();
        cache = manager.createCache("poisoned", new MutableConfiguration<>());
        store = cache.unwrap(NamespacedStore.class);
    }

    /** A synchronous listener that records the keys of REMOVED events. */
    static final class RemovedKeys implements CacheEntryRemovedListener<Object, Object>, java.io.Serializable {

        private static final long serialVersionUID = 1L;
        private final transient List<Object> keys;

        RemovedKeys(List<Object> keys) {
            this.keys = keys;
        }

        @Override
        public void onRemoved(Iterable<CacheEntryEvent<? extends Object, ? extends Object>> events) {
            events.forEach(event -> keys.add(event.getKey()));
        }
    }
}
