package dev.stowage.jcache.configuration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.cache.Cache;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/** Classes that test configuration files name: a loader, a writer, a listener, a filter, a factory. */
public final class ConfigurationFixtures {

    /** What {@link RecordingWriter} and {@link RecordingListener} saw, across instances. */
    static final List<String> RECORDED = new CopyOnWriteArrayList<>();

    private ConfigurationFixtures() {
    }

    /** Loads "loaded:" + key. */
    public static final class PrefixLoader implements CacheLoader<Object, Object> {
        @Override
        public Object load(Object key) {
            return "loaded:" + key;
        }

        @Override
        public Map<Object, Object> loadAll(Iterable<?> keys) {
            Map<Object, Object> all = new HashMap<>();
            keys.forEach(key -> all.put(key, load(key)));
            return all;
        }
    }

    /** A factory of {@link PrefixLoader}s. */
    public static final class PrefixLoaderFactory implements Factory<CacheLoader<Object, Object>> {
        @Override
        public CacheLoader<Object, Object> create() {
            return new PrefixLoader();
        }
    }

    /** Records "write:" + key. */
    public static final class RecordingWriter implements CacheWriter<Object, Object> {
        @Override
        public void write(Cache.Entry<?, ?> entry) {
            RECORDED.add("write:" + entry.getKey());
        }

        @Override
        public void writeAll(java.util.Collection<Cache.Entry<?, ?>> entries) {
            entries.forEach(this::write);
            entries.clear();
        }

        @Override
        public void delete(Object key) {
            RECORDED.add("delete:" + key);
        }

        @Override
        public void deleteAll(java.util.Collection<?> keys) {
            keys.forEach(this::delete);
            keys.clear();
        }
    }

    /** Records "created:" + key. */
    public static final class RecordingListener implements CacheEntryCreatedListener<Object, Object> {
        @Override
        public void onCreated(Iterable<CacheEntryEvent<?, ?>> events) {
            events.forEach(event -> RECORDED.add("created:" + event.getKey()));
        }
    }

    /** Passes events of keys that start with "a". */
    public static final class StartsWithA implements CacheEntryEventFilter<Object, Object> {
        @Override
        public boolean evaluate(CacheEntryEvent<?, ?> event) {
            return String.valueOf(event.getKey()).startsWith("a");
        }
    }

    /** Has no public no-argument constructor. */
    public static final class NoDefaultConstructor implements CacheLoader<Object, Object> {
        public NoDefaultConstructor(String ignored) {
        }

        @Override
        public Object load(Object key) {
            return null;
        }

        @Override
        public Map<Object, Object> loadAll(Iterable<?> keys) {
            return Map.of();
        }
    }
}
