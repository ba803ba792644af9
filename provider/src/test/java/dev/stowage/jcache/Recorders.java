package dev.stowage.jcache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.cache.Cache;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/** A loader, a writer and a listener of {@code String}s that record what they were asked, as text. */
final class Recorders {

    private Recorders() {
    }

    /** Loads {@code "loaded-" + key}, or nothing for keys starting with "none"; fails while {@link #failing}. */
    static final class Loader implements CacheLoader<String, String> {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        @Override
        public String load(String key) {
            calls.add("load " + key);
            if (failing) {
                throw new IllegalStateException("loader down");
            }
            return key.startsWith("none") ? null : "loaded-" + key;
        }

        @Override
        public Map<String, String> loadAll(Iterable<? extends String> keys) {
            TreeSet<String> sorted = new TreeSet<>();
            keys.forEach(sorted::add);
            calls.add("loadAll " + sorted);
            if (failing) {
                throw new IllegalStateException("loader down");
            }
            Map<String, String> loaded = new LinkedHashMap<>();
            sorted.stream().filter(key -> !key.startsWith("none")).forEach(key -> loaded.put(key, "loaded-" + key));
            return loaded;
        }
    }

    /**
     * Records writes and deletes; fails every call while {@link #failing}, and a bulk call when it
     * reaches {@link #failAt}, after writing (and removing from the collection, as JSR-107 asks) the
     * entries before it.
     */
    static final class Writer implements CacheWriter<String, String> {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean failing;
        volatile String failAt;

        @Override
        public void write(Cache.Entry<? extends String, ? extends String> entry) {
            if (failing) {
                throw new IllegalStateException("writer down");
            }
            calls.add("write " + entry.getKey() + "=" + entry.getValue());
        }

        @Override
        public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
            for (Iterator<Cache.Entry<? extends String, ? extends String>> it = entries.iterator(); it.hasNext();) {
                Cache.Entry<? extends String, ? extends String> entry = it.next();
                if (failing || entry.getKey().equals(failAt)) {
                    throw new IllegalStateException("writer failed at " + entry.getKey());
                }
                write(entry);
                it.remove();
            }
        }

        @Override
        public void delete(Object key) {
            if (failing) {
                throw new IllegalStateException("writer down");
            }
            calls.add("delete " + key);
        }

        @Override
        public void deleteAll(Collection<?> keys) {
            for (Iterator<?> it = keys.iterator(); it.hasNext();) {
                Object key = it.next();
                if (failing || key.equals(failAt)) {
                    throw new IllegalStateException("writer failed at " + key);
                }
                delete(key);
                it.remove();
            }
        }
    }

    /** Hears every event type and records each event as "TYPE key value old". */
    static final class Listener implements CacheEntryCreatedListener<String, String>,
            CacheEntryUpdatedListener<String, String>, CacheEntryRemovedListener<String, String>,
            CacheEntryExpiredListener<String, String> {
        final List<String> events = new CopyOnWriteArrayList<>();

        private void record(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            List<String> seen = new ArrayList<>();
            batch.forEach(event -> seen.add(event.getEventType() + " " + event.getKey() + " " + event.getValue()
                    + " " + event.getOldValue()));
            events.addAll(seen);
        }

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            record(batch);
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            record(batch);
        }

        @Override
        public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            record(batch);
        }

        @Override
        public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            record(batch);
        }
    }
}
