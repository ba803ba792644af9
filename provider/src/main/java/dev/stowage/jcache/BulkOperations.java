package dev.stowage.jcache;

import dev.stowage.jcache.event.ClusterEvents;
import dev.stowage.jcache.event.StowageCacheEntryEvent;
import dev.stowage.jcache.expiry.ExpiryCalculator;
import dev.stowage.jcache.integration.LoaderWriter;
import dev.stowage.jcache.storage.StoredEntry;
import dev.stowage.jcache.storage.UndecodableEntryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.cache.CacheException;
import javax.cache.event.EventType;
import javax.cache.integration.CompletionListener;

/**
 * The operations of a cache on many keys (JSR-107 {@code getAll}, {@code putAll},
 * {@code removeAll}, {@code loadAll}): one atomic step per key, one call of the writer's or
 * loader's bulk method for all of them, and one delivery of the events. Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class BulkOperations<K, V> {

    private static final System.Logger LOG = System.getLogger(BulkOperations.class.getName());

    private final CacheContext<K, V> context;
    private final Executor executor;
    private final BackgroundLoads loads = new BackgroundLoads();

    BulkOperations(CacheContext<K, V> context, Executor executor) {
        this.context = context;
        this.executor = executor;
    }

    Map<K, V> getAll(Set<? extends K> keys) {
        context.requireKeys(keys);
        long start = context.startTimer();
        Map<K, V> result = new HashMap<>();
        List<K> missing = new ArrayList<>();
        if (context.expiry.pure()) {
            // one bulk read of the store, which also renews the entries under an access expiry
            javax.cache.expiry.Duration access = context.expiry.accessDuration();
            if (access == null) {
                result.putAll(context.storage.getValues(new ArrayList<>(keys)));
            } else {
                Instant now = context.clock.instant();
                result.putAll(context.storage.getValuesAndExpire(new ArrayList<>(keys),
                        ExpiryCalculator.toInstant(now, access), now));
            }
            for (K key : keys) {
                if (!result.containsKey(key)) {
                    missing.add(key);
                }
                context.recordLookup(result.containsKey(key));
            }
            loadMissing(missing, result);
            context.recordGet(start, keys.size());
            return result;
        }
        Instant now = context.clock.instant();
        for (K key : keys) {
            V value = context.readAccessed(key, now);
            if (value != null) {
                result.put(key, value);
            } else {
                missing.add(key);
            }
            context.recordLookup(value != null);
        }
        loadMissing(missing, result);
        context.recordGet(start, keys.size());
        return result;
    }

    private void loadMissing(List<K> missing, Map<K, V> result) {
        if (context.loaderWriter.readThrough() && !missing.isEmpty()) {
            context.loaderWriter.loadAll(missing).forEach((key, value) -> {
                context.storeLoaded(key, value, false);
                result.put(key, value);
            });
        }
    }

    void putAll(Map<? extends K, ? extends V> map) {
        Objects.requireNonNull(map, "map");
        Map<K, V> entries = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            context.requireKey(key);
            context.requireValue(value);
            entries.put(key, value);
        });
        long start = context.startTimer();
        LoaderWriter.WriteAllResult<K> written = context.loaderWriter.writeAll(entries);
        if (context.expiry.keepOnUpdate() && !context.events.hasListeners()) {
            // nothing needs the previous entries: one bulk write of the store
            entries.keySet().removeAll(written.failed());
            context.storage.putAllKeepingExpiry(entries, context.expiry.createdExpiry(context.clock));
            context.recordPuts(entries.size(), start);
            written.throwIfFailed();
            return;
        }
        Instant now = context.clock.instant();
        int puts = 0;
        Map<K, Change<V>> changes = new LinkedHashMap<>();
        try {
            for (Map.Entry<K, V> entry : entries.entrySet()) {
                if (written.failed().contains(entry.getKey())) {
                    continue;
                }
                Change<V> change = new Change<>();
                context.step(entry.getKey(), change, false, current ->
                        change.write(context.storage, entry.getValue(), current, context.expiry, now, context.events));
                changes.put(entry.getKey(), change);
                puts += change.type == null ? 0 : 1;
            }
        } finally {
            context.recordPuts(puts, start);
            dispatchAll(changes);
        }
        written.throwIfFailed();
    }

    /** Removes {@code keys} through the writer's {@code deleteAll}, then from the store. */
    void removeAll(Set<K> keys) {
        long start = context.startTimer();
        LoaderWriter.WriteAllResult<K> deleted = context.loaderWriter.deleteAll(keys);
        LoaderWriter.removeFailed(keys, deleted.failed());
        ClusterEvents<K, V> cluster = context.events.cluster();
        if (cluster != null && cluster.publishing()) {
            // one step per key, each publishing its event under the key's lock
            Map<K, Change<V>> changes = new LinkedHashMap<>();
            try {
                for (K key : keys) {
                    Change<V> change = new Change<>();
                    context.step(key, change, false, current -> {
                        if (current != null) {
                            change.removed(current.value());
                        }
                        return null;
                    });
                    changes.put(key, change);
                }
            } finally {
                context.recordRemovals(changes.values().stream().filter(change -> change.existed).count(), start);
                dispatchAll(changes);
            }
            deleted.throwIfFailed();
            return;
        }
        Map<K, StoredEntry<V>> removed = context.storage.removeAll(keys);
        List<StowageCacheEntryEvent<K, V>> batch = new ArrayList<>();
        if (context.events.wants(EventType.REMOVED)) {
            removed.forEach((key, entry) -> {
                try {
                    batch.add(context.events.event(EventType.REMOVED, key, entry.value(), entry.value()));
                } catch (UndecodableEntryException e) {
                    // removed all the same; a listener cannot be given a value nobody can decode
                    LOG.log(System.Logger.Level.WARNING, "no REMOVED event for key " + key + " of cache '"
                            + context.name + "': " + e.getMessage());
                }
            });
        }
        context.recordRemovals(removed.size(), start);
        context.events.dispatch(batch);
        deleted.throwIfFailed();
    }

    /** Tells listeners of the changes of several steps, in order, settling every ticket even when one fails. */
    private void dispatchAll(Map<K, Change<V>> changes) {
        RuntimeException failure = null;
        for (Map.Entry<K, Change<V>> entry : changes.entrySet()) {
            try {
                context.dispatch(entry.getKey(), entry.getValue());
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Removes one entry: deletes it through the writer and from the store in one atomic step, so
     * that the writer sees the writes of one key in the store's order; the change says what was there.
     */
    Change<V> removeEntry(K key) {
        boolean wantOld = context.events.wants(EventType.REMOVED);
        Change<V> change = new Change<>();
        context.step(key, change, context.loaderWriter.writeThrough(), current -> {
            context.loaderWriter.delete(key);
            if (current != null) {
                change.removed(wantOld ? current.value() : null);
            }
            return null;
        });
        return change;
    }

    void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener listener) {
        context.requireKeys(keys);
        if (context.loaderWriter.loader() == null) {
            if (listener != null) {
                listener.onCompletion();
            }
            return;
        }
        List<K> wanted = new ArrayList<>(keys);
        executor.execute(() -> {
            if (!loads.enter()) {
                if (listener != null) {
                    listener.onException(new CacheException(
                            "cache '" + context.name + "' closed before its loadAll ran"));
                }
                return;
            }
            Exception failure = null;
            try {
                List<K> toLoad = new ArrayList<>();
                for (K key : wanted) {
                    if (replaceExistingValues || context.storage.get(key) == null) {
                        toLoad.add(key);
                    }
                }
                if (!toLoad.isEmpty()) {
                    context.loaderWriter.loadAll(toLoad)
                            .forEach((key, value) -> context.storeLoaded(key, value, replaceExistingValues));
                }
            } catch (Exception e) {
                failure = e;
            } finally {
                loads.exit();
            }
            // the listener is told after the call counted out: it may close the cache
            if (listener != null) {
                if (failure == null) {
                    listener.onCompletion();
                } else {
                    listener.onException(failure);
                }
            }
        });
    }

    /**
     * Waits for the {@code loadAll} calls already running and keeps later ones from starting; called
     * when the cache closes, before its loader is closed.
     */
    void closeLoads() {
        loads.closeAndAwait();
    }
}
