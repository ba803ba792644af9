package dev.stowage.jcache;

import dev.stowage.jcache.event.EventDispatcher;
import dev.stowage.jcache.event.StowageCacheEntryEvent;
import dev.stowage.jcache.expiry.ExpiryCalculator;
import dev.stowage.jcache.integration.LoaderWriter;
import dev.stowage.jcache.management.StowageCacheStatistics;
import dev.stowage.jcache.processor.ProcessorEntry;
import dev.stowage.jcache.processor.ProcessorResult;
import dev.stowage.jcache.storage.EntryStorage;
import dev.stowage.jcache.storage.StoredEntry;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StorageObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.EventType;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * A JCache {@link Cache} on a store namespace (JSR-107 section 4 "Caches"). Every operation that
 * reads and changes an entry is one atomic step of the store ({@link EntryStorage#compute}); the
 * writer of a write-through cache is called inside that step, before the change, so a failing writer
 * leaves the entry as it was. Listeners hear of a change after it is made. Thread-safe.
 *
 * <p>Extensions, reached through {@link #unwrap(Class) unwrap(StowageCache.class)}:
 * {@link #put(Object, Object, Duration)} with a per-entry time to live, {@link #expiresIn(Object)},
 * and {@link #store()}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class StowageCache<K, V> implements Cache<K, V> {

    private final String name;
    private final StowageCacheManager manager;
    private final MutableConfiguration<K, V> configuration;
    private final EntryStorage<K, V> storage;
    private final NamespacedStore store;
    private final ExpiryCalculator expiry;
    private final LoaderWriter<K, V> loaderWriter;
    private final EventDispatcher<K, V> events;
    private final StowageCacheStatistics statistics = new StowageCacheStatistics();
    private final Executor executor;
    private final Clock clock;
    private volatile boolean statisticsEnabled;
    private volatile boolean closed;

    StowageCache(String name, StowageCacheManager manager, MutableConfiguration<K, V> configuration,
            EntryStorage<K, V> storage, NamespacedStore store, Executor executor, Clock clock) {
        this.name = name;
        this.manager = manager;
        this.configuration = configuration;
        this.storage = storage;
        this.store = store;
        this.executor = executor;
        this.clock = clock;
        this.expiry = new ExpiryCalculator(configuration.getExpiryPolicyFactory().create());
        this.loaderWriter = new LoaderWriter<>(
                configuration.getCacheLoaderFactory() == null ? null : configuration.getCacheLoaderFactory().create(),
                configuration.getCacheWriterFactory() == null ? null : configuration.getCacheWriterFactory().create(),
                configuration.isReadThrough(), configuration.isWriteThrough());
        this.events = new EventDispatcher<>(this, executor);
        for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
            events.register(listener);
        }
        this.statisticsEnabled = configuration.isStatisticsEnabled();
    }

    // ---- reads ----------------------------------------------------------------------------------

    @Override
    public V get(K key) {
        requireOpen();
        requireKey(key);
        long start = statisticsEnabled ? System.nanoTime() : 0;
        V value = getValue(key);
        if (statisticsEnabled) {
            statistics.recordGetTime(System.nanoTime() - start);
        }
        return value;
    }

    private V getValue(K key) {
        StoredEntry<V> entry = storage.get(key);
        if (entry != null) {
            V value = entry.value();
            accessed(key);
            if (statisticsEnabled) {
                statistics.recordHits(1);
            }
            return value;
        }
        if (statisticsEnabled) {
            statistics.recordMisses(1);
        }
        return loaderWriter.readThrough() ? loadAndStore(key) : null;
    }

    @Override
    public Map<K, V> getAll(Set<? extends K> keys) {
        requireOpen();
        requireKeys(keys);
        long start = statisticsEnabled ? System.nanoTime() : 0;
        Map<K, V> result = new HashMap<>();
        List<K> missing = new ArrayList<>();
        for (K key : keys) {
            StoredEntry<V> entry = storage.get(key);
            if (entry != null) {
                result.put(key, entry.value());
                accessed(key);
            } else {
                missing.add(key);
            }
        }
        if (statisticsEnabled) {
            statistics.recordHits(result.size());
            statistics.recordMisses(missing.size());
        }
        if (loaderWriter.readThrough() && !missing.isEmpty()) {
            loaderWriter.loadAll(missing).forEach((key, value) -> result.put(key, storeLoaded(key, value, false)));
        }
        if (statisticsEnabled) {
            statistics.recordGetTime(System.nanoTime() - start);
        }
        return result;
    }

    @Override
    public boolean containsKey(K key) {
        requireOpen();
        requireKey(key);
        return storage.get(key) != null;
    }

    /** Applies the expiry policy's access duration to a live entry (JSR-107 section 6). */
    private void accessed(K key) {
        Instant now = clock.instant();
        Instant next = expiry.onAccess(now);
        if (next != ExpiryCalculator.UNCHANGED) {
            storage.compute(key, current -> current == null ? null
                    : ExpiryCalculator.isExpired(next, now) ? null : current.withExpiresAt(next));
        }
    }

    private V loadAndStore(K key) {
        V loaded = loaderWriter.load(key);
        return loaded == null ? null : storeLoaded(key, loaded, false);
    }

    /** Stores a loaded value, as putIfAbsent or put without the writer; returns the value now current. */
    private V storeLoaded(K key, V value, boolean replaceExisting) {
        requireValue(value);
        Instant now = clock.instant();
        Change<V> change = new Change<>();
        storage.compute(key, current -> {
            change.reset(current);
            if (current != null && !replaceExisting) {
                return current;
            }
            return change.write(storage, value, current, expiry, now, events);
        });
        dispatch(key, change);
        return value;
    }

    @Override
    public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener listener) {
        requireOpen();
        requireKeys(keys);
        if (loaderWriter.loader() == null) {
            if (listener != null) {
                listener.onCompletion();
            }
            return;
        }
        List<K> wanted = new ArrayList<>(keys);
        executor.execute(() -> {
            try {
                List<K> toLoad = new ArrayList<>();
                for (K key : wanted) {
                    if (replaceExistingValues || storage.get(key) == null) {
                        toLoad.add(key);
                    }
                }
                if (!toLoad.isEmpty()) {
                    loaderWriter.loadAll(toLoad).forEach((key, value) -> storeLoaded(key, value, replaceExistingValues));
                }
                if (listener != null) {
                    listener.onCompletion();
                }
            } catch (Exception e) {
                if (listener != null) {
                    listener.onException(e);
                }
            }
        });
    }

    // ---- writes ---------------------------------------------------------------------------------

    @Override
    public void put(K key, V value) {
        putAndGet(key, value, false, null);
    }

    @Override
    public V getAndPut(K key, V value) {
        return putAndGet(key, value, true, null);
    }

    /**
     * Puts {@code value} with its own time to live, ignoring the expiry policy's durations: a
     * Stowage extension, after Litestar's {@code set(key, value, expires_in)}. Writes through and
     * notifies listeners like {@link #put(Object, Object)}.
     *
     * @param key the key, not {@code null}
     * @param value the value, not {@code null}
     * @param timeToLive how long the entry lives from now, or {@code null} for ever; zero or negative
     *     removes the entry
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws ClassCastException if they are not of the configured types
     * @throws IllegalStateException if the cache is closed
     * @throws javax.cache.integration.CacheWriterException if the writer fails; the entry is unchanged
     */
    public void put(K key, V value, Duration timeToLive) {
        putAndGet(key, value, false, timeToLive == null ? Duration.ofSeconds(Long.MAX_VALUE) : timeToLive);
    }

    private V putAndGet(K key, V value, boolean returnOld, Duration timeToLive) {
        requireOpen();
        requireKey(key);
        requireValue(value);
        long start = statisticsEnabled ? System.nanoTime() : 0;
        Instant now = clock.instant();
        Change<V> change = new Change<>();
        storage.compute(key, current -> {
            change.reset(current);
            loaderWriter.write(key, value);
            if (returnOld && current != null) {
                change.oldValue = current.value();
            }
            if (timeToLive != null) {
                change.type = current == null ? EventType.CREATED : EventType.UPDATED;
                change.value = value;
                return timeToLive.isNegative() || timeToLive.isZero() ? null
                        : storage.newEntry(value, StorageObject.plus(now, timeToLive));
            }
            return change.write(storage, value, current, expiry, now, events);
        });
        if (statisticsEnabled) {
            if (returnOld) {
                if (change.existed) {
                    statistics.recordHits(1);
                } else {
                    statistics.recordMisses(1);
                }
            }
            if (change.type != null) {
                statistics.recordPuts(1);
            }
            statistics.recordPutTime(System.nanoTime() - start);
        }
        dispatch(key, change);
        return returnOld ? change.oldValue : null;
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> map) {
        requireOpen();
        Objects.requireNonNull(map, "map");
        Map<K, V> entries = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            requireKey(key);
            requireValue(value);
            entries.put(key, value);
        });
        long start = statisticsEnabled ? System.nanoTime() : 0;
        LoaderWriter.WriteAllResult<K> written = loaderWriter.writeAll(entries);
        Instant now = clock.instant();
        int puts = 0;
        List<StowageCacheEntryEvent<K, V>> batch = new ArrayList<>();
        for (Map.Entry<K, V> entry : entries.entrySet()) {
            if (written.failed().contains(entry.getKey())) {
                continue;
            }
            Change<V> change = new Change<>();
            storage.compute(entry.getKey(), current -> {
                change.reset(current);
                return change.write(storage, entry.getValue(), current, expiry, now, events);
            });
            puts += change.type == null ? 0 : 1;
            change.addEvent(entry.getKey(), events, batch);
        }
        if (statisticsEnabled) {
            statistics.recordPuts(puts);
            statistics.recordPutTime(System.nanoTime() - start);
        }
        events.dispatch(batch);
        written.throwIfFailed();
    }

    @Override
    public boolean putIfAbsent(K key, V value) {
        requireOpen();
        requireKey(key);
        requireValue(value);
        long start = statisticsEnabled ? System.nanoTime() : 0;
        Instant now = clock.instant();
        Change<V> change = new Change<>();
        storage.compute(key, current -> {
            change.reset(current);
            if (current != null) {
                return current;
            }
            loaderWriter.write(key, value);
            return change.write(storage, value, null, expiry, now, events);
        });
        if (statisticsEnabled) {
            if (change.existed) {
                statistics.recordHits(1);
            } else {
                statistics.recordMisses(1);
                statistics.recordPuts(change.type == null ? 0 : 1);
                statistics.recordPutTime(System.nanoTime() - start);
            }
        }
        dispatch(key, change);
        return !change.existed;
    }

    @Override
    public boolean remove(K key) {
        requireOpen();
        requireKey(key);
        long start = statisticsEnabled ? System.nanoTime() : 0;
        loaderWriter.delete(key);
        Change<V> change = removeEntry(key);
        if (statisticsEnabled && change.existed) {
            statistics.recordRemovals(1);
            statistics.recordRemoveTime(System.nanoTime() - start);
        }
        dispatch(key, change);
        return change.existed;
    }

    private Change<V> removeEntry(K key) {
        boolean wantOld = events.wants(EventType.REMOVED);
        Change<V> change = new Change<>();
        storage.compute(key, current -> {
            change.reset(current);
            if (current == null) {
                return null;
            }
            change.removed(wantOld ? current.value() : null);
            return null;
        });
        return change;
    }

    @Override
    public boolean remove(K key, V oldValue) {
        requireOpen();
        requireKey(key);
        requireValue(oldValue);
        long start = statisticsEnabled ? System.nanoTime() : 0;
        Instant now = clock.instant();
        Change<V> change = new Change<>();
        storage.compute(key, current -> {
            change.reset(current);
            if (current == null) {
                return null;
            }
            V value = current.value();
            if (!value.equals(oldValue)) {
                return accessedEntry(current, now);
            }
            loaderWriter.delete(key);
            change.removed(value);
            return null;
        });
        if (statisticsEnabled) {
            if (change.existed) {
                statistics.recordHits(1);
            } else {
                statistics.recordMisses(1);
            }
            if (change.type == EventType.REMOVED) {
                statistics.recordRemovals(1);
                statistics.recordRemoveTime(System.nanoTime() - start);
            }
        }
        dispatch(key, change);
        return change.type == EventType.REMOVED;
    }

    private StoredEntry<V> accessedEntry(StoredEntry<V> current, Instant now) {
        Instant next = expiry.onAccess(now);
        if (next == ExpiryCalculator.UNCHANGED) {
            return current;
        }
        return ExpiryCalculator.isExpired(next, now) ? null : current.withExpiresAt(next);
    }

    @Override
    public V getAndRemove(K key) {
        requireOpen();
        requireKey(key);
        long start = statisticsEnabled ? System.nanoTime() : 0;
        loaderWriter.delete(key);
        Change<V> change = new Change<>();
        storage.compute(key, current -> {
            change.reset(current);
            if (current != null) {
                change.removed(current.value());
            }
            return null;
        });
        if (statisticsEnabled) {
            if (change.existed) {
                statistics.recordHits(1);
                statistics.recordRemovals(1);
                statistics.recordRemoveTime(System.nanoTime() - start);
            } else {
                statistics.recordMisses(1);
            }
        }
        dispatch(key, change);
        return change.oldValue;
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        requireOpen();
        requireKey(key);
        requireValue(oldValue);
        return replaceEntry(key, oldValue, newValue).type == EventType.UPDATED;
    }

    @Override
    public boolean replace(K key, V value) {
        return replaceEntry(key, null, value).type == EventType.UPDATED;
    }

    @Override
    public V getAndReplace(K key, V value) {
        return replaceEntry(key, null, value).oldValue;
    }

    private Change<V> replaceEntry(K key, V expected, V value) {
        requireOpen();
        requireKey(key);
        requireValue(value);
        long start = statisticsEnabled ? System.nanoTime() : 0;
        Instant now = clock.instant();
        Change<V> change = new Change<>();
        storage.compute(key, current -> {
            change.reset(current);
            if (current == null) {
                return null;
            }
            if (expected != null && !current.value().equals(expected)) {
                return accessedEntry(current, now);
            }
            loaderWriter.write(key, value);
            change.oldValue = current.value();
            return change.write(storage, value, current, expiry, now, events);
        });
        if (statisticsEnabled) {
            if (change.existed) {
                statistics.recordHits(1);
            } else {
                statistics.recordMisses(1);
            }
            if (change.type == EventType.UPDATED) {
                statistics.recordPuts(1);
                statistics.recordPutTime(System.nanoTime() - start);
            }
        }
        dispatch(key, change);
        return change;
    }

    @Override
    public void removeAll(Set<? extends K> keys) {
        requireOpen();
        requireKeys(keys);
        removeKeys(new LinkedHashSet<>(keys));
    }

    @Override
    public void removeAll() {
        requireOpen();
        Set<K> keys = new LinkedHashSet<>();
        storage.keys().forEachRemaining(keys::add);
        removeKeys(keys);
    }

    private void removeKeys(Set<K> keys) {
        long start = statisticsEnabled ? System.nanoTime() : 0;
        LoaderWriter.WriteAllResult<K> deleted = loaderWriter.deleteAll(keys);
        LoaderWriter.removeFailed(keys, deleted.failed());
        List<StowageCacheEntryEvent<K, V>> batch = new ArrayList<>();
        int removals = 0;
        for (K key : keys) {
            Change<V> change = removeEntry(key);
            removals += change.existed ? 1 : 0;
            change.addEvent(key, events, batch);
        }
        if (statisticsEnabled) {
            statistics.recordRemovals(removals);
            statistics.recordRemoveTime(System.nanoTime() - start);
        }
        events.dispatch(batch);
        deleted.throwIfFailed();
    }

    @Override
    public void clear() {
        requireOpen();
        storage.clear();
    }

    // ---- entry processors -----------------------------------------------------------------------

    @Override
    public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
        requireOpen();
        requireKey(key);
        Objects.requireNonNull(processor, "entryProcessor");
        long start = statisticsEnabled ? System.nanoTime() : 0;
        Instant now = clock.instant();
        Change<V> change = new Change<>();
        List<T> result = new ArrayList<>(1);
        try {
            storage.compute(key, current -> {
                change.reset(current);
                result.clear();
                ProcessorEntry<K, V> entry = new ProcessorEntry<>(key, current == null ? null : current.value(),
                        loaderWriter);
                result.add(processor.process(entry, arguments));
                return apply(entry, current, change, now);
            });
        } catch (EntryProcessorException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EntryProcessorException("entry processor " + processor + " failed on key " + key, e);
        }
        if (statisticsEnabled) {
            if (change.existed) {
                statistics.recordHits(1);
            } else {
                statistics.recordMisses(1);
            }
            if (change.type == EventType.CREATED || change.type == EventType.UPDATED) {
                statistics.recordPuts(1);
                statistics.recordPutTime(System.nanoTime() - start);
            } else if (change.type == EventType.REMOVED) {
                statistics.recordRemovals(1);
                statistics.recordRemoveTime(System.nanoTime() - start);
            }
        }
        dispatch(key, change);
        return result.isEmpty() ? null : result.get(0);
    }

    private StoredEntry<V> apply(ProcessorEntry<K, V> entry, StoredEntry<V> current, Change<V> change, Instant now) {
        K key = entry.getKey();
        switch (entry.operation()) {
            case ACCESS:
                return accessedEntry(current, now);
            case LOAD:
                return change.write(storage, entry.value(), null, expiry, now, events);
            case CREATE:
            case UPDATE:
                loaderWriter.write(key, entry.value());
                change.oldValue = entry.original();
                return change.write(storage, entry.value(), current, expiry, now, events);
            case REMOVE:
                loaderWriter.delete(key);
                if (current != null) {
                    change.removed(entry.original());
                }
                return null;
            default:
                return current;
        }
    }

    @Override
    public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> processor,
            Object... arguments) {
        requireOpen();
        requireKeys(keys);
        Objects.requireNonNull(processor, "entryProcessor");
        Map<K, EntryProcessorResult<T>> results = new HashMap<>();
        for (K key : keys) {
            try {
                T result = invoke(key, processor, arguments);
                if (result != null) {
                    results.put(key, ProcessorResult.of(result));
                }
            } catch (EntryProcessorException e) {
                results.put(key, ProcessorResult.failed(e));
            }
        }
        return results;
    }

    // ---- events ---------------------------------------------------------------------------------

    private void dispatch(K key, Change<V> change) {
        if (change.type != null && events.hasListeners()) {
            List<StowageCacheEntryEvent<K, V>> batch = new ArrayList<>(1);
            change.addEvent(key, events, batch);
            events.dispatch(batch);
        }
    }

    @Override
    public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
        requireOpen();
        Objects.requireNonNull(listenerConfiguration, "cacheEntryListenerConfiguration");
        events.register(listenerConfiguration);
        synchronized (configuration) {
            configuration.addCacheEntryListenerConfiguration(listenerConfiguration);
        }
    }

    @Override
    public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
        requireOpen();
        Objects.requireNonNull(listenerConfiguration, "cacheEntryListenerConfiguration");
        events.deregister(listenerConfiguration);
        synchronized (configuration) {
            configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
        }
    }

    // ---- iteration, identity, life cycle --------------------------------------------------------

    @Override
    public Iterator<Cache.Entry<K, V>> iterator() {
        requireOpen();
        Iterator<K> keys = storage.keys();
        return new Iterator<>() {
            private Cache.Entry<K, V> next;
            private K last;

            @Override
            public boolean hasNext() {
                while (next == null && keys.hasNext()) {
                    K key = keys.next();
                    StoredEntry<V> entry = storage.get(key);
                    if (entry != null) {
                        next = new StowageEntry<>(key, entry.value());
                        accessed(key);
                        if (statisticsEnabled) {
                            statistics.recordHits(1);
                        }
                    }
                }
                return next != null;
            }

            @Override
            public Cache.Entry<K, V> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Cache.Entry<K, V> result = next;
                last = result.getKey();
                next = null;
                return result;
            }

            @Override
            public void remove() {
                if (last == null) {
                    throw new IllegalStateException("next() has not returned an entry to remove");
                }
                StowageCache.this.remove(last);
                last = null;
            }
        };
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public CacheManager getCacheManager() {
        return manager;
    }

    @Override
    public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
        synchronized (configuration) {
            MutableConfiguration<K, V> copy = new MutableConfiguration<>(configuration);
            copy.setStatisticsEnabled(statisticsEnabled);
            if (clazz.isInstance(copy)) {
                return clazz.cast(copy);
            }
        }
        throw new IllegalArgumentException("the configuration of cache '" + name + "' is a "
                + CompleteConfiguration.class.getName() + ", not a " + clazz.getName());
    }

    /**
     * Returns this cache, its store namespace, or anything they are, for {@code clazz}: JSR-107's
     * {@code unwrap}. {@code unwrap(StowageCache.class)} gives the extensions,
     * {@code unwrap(NamespacedStore.class)} the store namespace that holds the entries.
     *
     * @param clazz the type wanted, not {@code null}
     * @return this cache or its store
     * @throws IllegalArgumentException if neither is a {@code clazz}
     */
    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        if (clazz.isInstance(store)) {
            return clazz.cast(store);
        }
        throw new IllegalArgumentException("cache '" + name + "' cannot be unwrapped to " + clazz.getName());
    }

    /**
     * Returns the store namespace that holds this cache's entries (a Stowage extension).
     *
     * @return the namespace, a child of the cache manager's root store
     */
    public NamespacedStore store() {
        return store;
    }

    /**
     * Returns the time {@code key} has left to live (a Stowage extension, after Litestar's
     * {@code expires_in}); does not count as an access.
     *
     * @param key the key, not {@code null}
     * @return the remaining time, or empty when the key is absent or never expires
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalStateException if the cache is closed
     */
    public Optional<Duration> expiresIn(K key) {
        requireOpen();
        requireKey(key);
        StoredEntry<V> entry = storage.get(key);
        if (entry == null || entry.expiresAt() == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return Optional.of(entry.expiresAt().isAfter(now) ? Duration.between(now, entry.expiresAt()) : Duration.ZERO);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            manager.release(this);
        }
    }

    /** Closes this cache's resources; called by the manager. */
    void shutdown() {
        if (closed) {
            return;
        }
        closed = true;
        events.close();
        CacheResources.closeQuietly(loaderWriter.loader());
        CacheResources.closeQuietly(loaderWriter.writer());
        CacheResources.closeQuietly(expiry.policy());
    }

    StowageCacheStatistics statistics() {
        return statistics;
    }

    void setStatisticsEnabled(boolean enabled) {
        synchronized (configuration) {
            configuration.setStatisticsEnabled(enabled);
            statisticsEnabled = enabled;
        }
    }

    void setManagementEnabled(boolean enabled) {
        synchronized (configuration) {
            configuration.setManagementEnabled(enabled);
        }
    }

    EntryStorage<K, V> storage() {
        return storage;
    }

    // ---- argument checks ------------------------------------------------------------------------

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("cache '" + name + "' is closed");
        }
    }

    private void requireKey(Object key) {
        Objects.requireNonNull(key, "key");
        Class<?> type = configuration.getKeyType();
        if (type != Object.class && !type.isInstance(key)) {
            throw new ClassCastException("key " + key + " of cache '" + name + "' is a " + key.getClass().getName()
                    + ", not the configured " + type.getName());
        }
    }

    private void requireValue(Object value) {
        Objects.requireNonNull(value, "value");
        Class<?> type = configuration.getValueType();
        if (type != Object.class && !type.isInstance(value)) {
            throw new ClassCastException("value " + value + " of cache '" + name + "' is a "
                    + value.getClass().getName() + ", not the configured " + type.getName());
        }
    }

    private void requireKeys(Collection<? extends K> keys) {
        Objects.requireNonNull(keys, "keys");
        for (K key : keys) {
            requireKey(key);
        }
    }

    @Override
    public String toString() {
        return "StowageCache[" + name + " on " + store + "]";
    }
}
