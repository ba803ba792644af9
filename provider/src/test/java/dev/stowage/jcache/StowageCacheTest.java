package dev.stowage.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.jcache.configuration.StowageConfiguration;
import dev.stowage.store.NamespacedStore;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.integration.CacheWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StowageCacheTest {

    private final StowageCachingProvider provider = new StowageCachingProvider();
    private final CacheManager memory = provider.getCacheManager(URI.create("memory:/" + getClass().getSimpleName()), null);

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void storeByValueCopiesMutableValuesInAndOut() {
        Cache<String, ArrayList<String>> cache = memory.createCache("by-value", new MutableConfiguration<>());
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        cache.put("k", list);
        list.add("changed after put");
        ArrayList<String> read = cache.get("k");
        assertThat(read).containsExactly("a").isNotSameAs(cache.get("k"));
        read.add("changed after get");
        assertThat(cache.get("k")).containsExactly("a");
    }

    @Test
    void storeByValueCopiesMutableValuesOfAConfiguredFinalType() {
        // StringBuilder is final but mutable: configured types skip the copy only when immutable
        Cache<String, StringBuilder> cache = memory.createCache("by-value-typed",
                new MutableConfiguration<String, StringBuilder>().setTypes(String.class, StringBuilder.class));
        StringBuilder value = new StringBuilder("a");
        cache.put("k", value);
        value.append("changed after put");
        StringBuilder read = cache.get("k");
        assertThat(read).hasToString("a").isNotSameAs(cache.get("k"));
        read.append("changed after get");
        assertThat(cache.get("k")).hasToString("a");
        Cache<String, String> strings = memory.createCache("by-value-strings",
                new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        String kept = new String("v");
        strings.put("k", kept);
        assertThat(strings.get("k")).isSameAs(kept);
    }

    @Test
    void storeByReferenceReturnsTheInstancePut() {
        Cache<String, List<String>> cache = memory.createCache("by-reference",
                new MutableConfiguration<String, List<String>>().setStoreByValue(false));
        List<String> list = new ArrayList<>();
        cache.put("k", list);
        assertThat(cache.get("k")).isSameAs(list);
    }

    @Test
    void perEntryTimeToLiveAndExpiresInThroughUnwrap() {
        Cache<String, String> cache = memory.createCache("ttl", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class));
        @SuppressWarnings("unchecked")
        StowageCache<String, String> stowage = cache.unwrap(StowageCache.class);
        stowage.put("short", "v", Duration.ofMinutes(5));
        cache.put("eternal", "v");
        assertThat(stowage.expiresIn("short")).hasValueSatisfying(left ->
                assertThat(left).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5)));
        assertThat(stowage.expiresIn("eternal")).isEmpty();
        assertThat(stowage.expiresIn("absent")).isEmpty();
        stowage.put("gone", "v", Duration.ZERO);
        assertThat(cache.containsKey("gone")).isFalse();
    }

    @Test
    void eachCacheIsAChildNamespaceOfTheManager() {
        Cache<String, String> cache = memory.createCache("users", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class));
        NamespacedStore namespace = cache.unwrap(NamespacedStore.class);
        assertThat(namespace.namespace()).containsExactly("users");
        cache.put("k", "v");
        assertThat(new String(namespace.get("k"), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("v");
    }

    @Test
    void configuredTypesAreEnforcedWithAMessageNamingTheValue() {
        Cache<Object, Object> raw = castRaw(memory.createCache("typed", new MutableConfiguration<String, Integer>()
                .setTypes(String.class, Integer.class)));
        assertThatThrownBy(() -> raw.put("k", "not a number"))
                .isInstanceOf(ClassCastException.class)
                .hasMessageContaining("not a number")
                .hasMessageContaining("java.lang.Integer");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Cache<Object, Object> castRaw(Cache cache) {
        return cache;
    }

    @Test
    void aStoreByReferenceCacheOfAFileManagerKeepsItsMaximumSize(@TempDir Path directory) {
        CacheManager files = provider.getCacheManager(URI.create("filestore:" + directory), null);
        StowageConfiguration<Integer, Object> configuration = new StowageConfiguration<>();
        configuration.setTypes(Integer.class, Object.class);
        configuration.setStoreByValue(false);
        configuration.setMaximumSize(10);
        Cache<Integer, Object> cache = files.createCache("bounded-by-reference", configuration);
        for (int i = 0; i < 1_000; i++) {
            cache.put(i, new Object());
        }
        int held = 0;
        for (Cache.Entry<Integer, Object> ignored : cache) {
            held++;
        }
        assertThat(held).isBetween(1, 20);
    }

    /** A value class outside the java codec's default allow-list; its readObject must never run. */
    static final class Unlisted implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean deserialized;

        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
            deserialized = true;
            in.defaultReadObject();
        }
    }

    @Test
    void aFileBackedCacheTreatsAClassOutsideTheFilterAsAMissWithAWarningNamingIt(@TempDir Path directory) {
        CacheManager files = provider.getCacheManager(URI.create("filestore:" + directory), null);
        Cache<String, Object> cache = files.createCache("objects", new MutableConfiguration<String, Object>()
                .setTypes(String.class, Object.class));
        cache.put("k", new Unlisted());
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(
                "dev.stowage.jcache.storage.UndecodableEntries");
        List<String> warnings = new CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                warnings.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            // the decision: an entry that cannot be decoded is a miss, reported once and deleted
            assertThat(cache.get("k")).isNull();
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(warnings).singleElement().asString().startsWith("WARNING")
                .contains("'k'", Unlisted.class.getName(), "stowage.codec.java.allow");
        assertThat(Unlisted.deserialized).isFalse();
        assertThat(cache.containsKey("k")).isFalse();
    }

    /** Records updated values in the order they arrive. */
    static final class Recorder implements CacheEntryUpdatedListener<String, Integer>, Serializable {
        private static final long serialVersionUID = 1L;
        static final List<Integer> SEEN = new CopyOnWriteArrayList<>();

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
            events.forEach(event -> SEEN.add(event.getValue()));
        }
    }

    @Test
    void asynchronousListenersHearTheUpdatesOfOneKeyInOrder() {
        Cache<String, Integer> cache = memory.createCache("ordered", new MutableConfiguration<String, Integer>()
                .setTypes(String.class, Integer.class)
                .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
                        FactoryBuilder.factoryOf(new Recorder()), null, false, false)));
        cache.put("k", 0);
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            cache.put("k", i);
            expected.add(i);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Recorder.SEEN.size() < 500 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(Recorder.SEEN).isEqualTo(Collections.unmodifiableList(expected));
    }

    /** Records every event synchronously, as "TYPE key value old". */
    static final class AllEvents implements CacheEntryCreatedListener<String, String>,
            CacheEntryUpdatedListener<String, String>, CacheEntryRemovedListener<String, String>, Serializable {
        private static final long serialVersionUID = 1L;
        static final List<String> SEEN = new CopyOnWriteArrayList<>();

        private void record(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            events.forEach(event -> SEEN.add(event.getEventType() + " " + event.getKey() + " " + event.getValue()
                    + " " + event.getOldValue()));
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
    void aPerEntryTimeToLiveReportsWhatItDidToTheEntry() {
        AllEvents.SEEN.clear();
        Cache<String, String> cache = memory.createCache("ttl-events", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class).setStatisticsEnabled(true)
                .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
                        FactoryBuilder.factoryOf(new AllEvents()), null, true, true)));
        @SuppressWarnings("unchecked")
        StowageCache<String, String> stowage = cache.unwrap(StowageCache.class);
        stowage.put("k", "a", null);
        assertThat(stowage.expiresIn("k")).isEmpty();
        stowage.put("k", "b", Duration.ofMinutes(1));
        stowage.put("k", "c", Duration.ZERO);
        stowage.put("never", "x", Duration.ofSeconds(-1));
        assertThat(cache.containsKey("k")).isFalse();
        assertThat(cache.containsKey("never")).isFalse();
        assertThat(AllEvents.SEEN).containsExactly("CREATED k a null", "UPDATED k b a", "REMOVED k b b");
        assertThat(stowage.statistics().getCachePuts()).isEqualTo(2);
    }

    /** A writer that keeps the last value written per key, and then dawdles to widen any race. */
    static final class LastWrite implements CacheWriter<String, Integer>, Serializable {
        private static final long serialVersionUID = 1L;
        static final Map<String, Integer> WRITTEN = new ConcurrentHashMap<>();

        @Override
        public void write(Cache.Entry<? extends String, ? extends Integer> entry) {
            WRITTEN.put(entry.getKey(), entry.getValue());
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(20_000));
        }

        @Override
        public void writeAll(Collection<Cache.Entry<? extends String, ? extends Integer>> entries) {
            entries.forEach(this::write);
        }

        @Override
        public void delete(Object key) {
            WRITTEN.remove(key);
        }

        @Override
        public void deleteAll(Collection<?> keys) {
            keys.forEach(this::delete);
        }
    }

    @Test
    void writeThroughSeesThePutsOfOneKeyInTheStoresOrder() throws Exception {
        LastWrite.WRITTEN.clear();
        Cache<String, Integer> cache = memory.createCache("write-order", new MutableConfiguration<String, Integer>()
                .setTypes(String.class, Integer.class).setWriteThrough(true)
                .setCacheWriterFactory(FactoryBuilder.factoryOf(new LastWrite())));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 100; round++) {
                String key = "k" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> puts = new ArrayList<>();
                for (int writer = 0; writer < 2; writer++) {
                    int base = writer * 1_000;
                    puts.add(threads.submit(() -> {
                        start.await();
                        for (int i = 0; i < 20; i++) {
                            cache.put(key, base + i);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> put : puts) {
                    put.get(30, TimeUnit.SECONDS);
                }
                assertThat(LastWrite.WRITTEN.get(key)).as(key).isEqualTo(cache.get(key));
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
