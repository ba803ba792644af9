package dev.stowage.jcache;

import dev.stowage.jcache.configuration.StowageConfiguration;
import dev.stowage.jcache.event.ClusterEvents;
import dev.stowage.jcache.event.EventDispatcher;
import dev.stowage.jcache.expiry.ExpiryCalculator;
import dev.stowage.jcache.integration.LoaderWriter;
import dev.stowage.jcache.management.StowageCacheStatistics;
import dev.stowage.jcache.storage.EntryStorage;
import dev.stowage.jcache.storage.StoredEntry;
import dev.stowage.store.NamespacedStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.EventType;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;

/**
 * A JCache {@link Cache} on a store namespace (JSR-107 section 4 "Caches"). Every operation that
 * reads and changes an entry is one atomic step of the store ({@link CacheContext#step}); the
 * writer of a write-through cache is called inside that step, before the change, so a failing writer
 * leaves the entry as it was, and the step then runs through the store's exclusive compute
 * ({@link EntryStorage#computeExclusive}), so the writer runs exactly once per operation on every
 * backend. Listeners hear of a change after it is made, asynchronous ones in the store's order per key. Statistics count as
 * JSR-107 section 12.4 and the TCK say. Thread-safe.
 *
 * <p>Extensions, reached through {@link #unwrap(Class) unwrap(StowageCache.class)}:
 * {@link #put(Object, Object, Duration)} with a per-entry time to live, {@link #expiresIn(Object)},
 * {@link #touch(Object, Duration)}, {@link #getOrSet(Object, Function, Duration)}, {@link #async()}
 * (the asynchronous API) and {@link #store()}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class StowageCache<K, V> implements Cache<K, V> {

    private final StowageCacheManager manager;
    private final MutableConfiguration<K, V> configuration;
    private final NamespacedStore store;
    private final CacheContext<K, V> context;
    private final BulkOperations<K, V> bulk;
    private final EntryProcessing<K, V> processing;
    /** The store's reports of expired entries, heard while a listener here wants EXPIRED events. */
    private final ExpiryReports<K, V> expiryReports;
    private final GetOrSet<K, V> getOrSet;
    private final AsyncStowageCache<K, V> async;
    private volatile boolean closed;

    StowageCache(String name, StowageCacheManager manager, MutableConfiguration<K, V> configuration,
            EntryStorage<K, V> storage, NamespacedStore store, Executor executor, Clock clock,
            ClusterEvents<K, V> cluster) {
        this.manager = manager;
        this.configuration = configuration;
        this.store = store;
        LoaderWriter<K, V> loaderWriter = new LoaderWriter<>(
                configuration.getCacheLoaderFactory() == null ? null : configuration.getCacheLoaderFactory().create(),
                configuration.getCacheWriterFactory() == null ? null : configuration.getCacheWriterFactory().create(),
                configuration.isReadThrough(), configuration.isWriteThrough());
        EventDispatcher<K, V> events = new EventDispatcher<>(this, executor);
        if (cluster != null) {
            events.attach(cluster);
        }
        for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
            events.register(listener);
        }
        this.context = new CacheContext<>(name, configuration.getKeyType(), configuration.getValueType(), storage,
                new ExpiryCalculator(configuration.getExpiryPolicyFactory().create()), loaderWriter, events, clock,
                configuration.isStatisticsEnabled());
        this.bulk = new BulkOperations<>(context, executor);
        this.processing = new EntryProcessing<>(context);
        this.expiryReports = new ExpiryReports<>(context, this::isClosed);
        expiryReports.update(events.wantsHere(EventType.EXPIRED));
        this.getOrSet = new GetOrSet<>(context, executor);
        this.async = new AsyncStowageCache<>(this, context, getOrSet, executor);
    }

    // ---- reads ----------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>Counted as {@link CacheContext#get} says: with statistics on, as it starts, and its miss once
     * the store has answered.
     */
    @Override
    public V get(K key) {
        requireOpen();
        context.requireKey(key);
        return context.get(key);
    }

    @Override
    public Map<K, V> getAll(Set<? extends K> keys) {
        requireOpen();
        return bulk.getAll(keys);
    }

    @Override
    public boolean containsKey(K key) {
        requireOpen();
        context.requireKey(key);
        return context.storage.contains(key);
    }

    @Override
    public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener listener) {
        requireOpen();
        bulk.loadAll(keys, replaceExistingValues, listener);
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
        putAndGet(key, value, false, timeToLive == null ? TimeToLive.FOREVER : timeToLive);
    }

    private V putAndGet(K key, V value, boolean returnOld, Duration timeToLive) {
        requireOpen();
        context.requireKey(key);
        context.requireValue(value);
        long start = context.startTimer();
        if (timeToLive == null && context.putIsOneWrite()) {
            return context.putInOneWrite(key, value, returnOld, start);
        }
        Instant now = context.clock.instant();
        Change<V> change = new Change<>();
        context.step(key, change, context.loaderWriter.writeThrough(), current -> {
            context.loaderWriter.write(key, value);
            if (returnOld && current != null) {
                change.oldValue = current.value();
            }
            if (timeToLive == null) {
                return change.write(context.storage, value, current, context.expiry, now, context.events);
            }
            return TimeToLive.write(context, change, value, current, timeToLive, now);
        });
        if (returnOld) {
            context.recordLookup(change.existed);
        }
        context.recordPuts(change.type == null || change.type == EventType.REMOVED ? 0 : 1, start);
        context.dispatch(key, change);
        return returnOld ? change.oldValue : null;
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> map) {
        requireOpen();
        bulk.putAll(map);
    }

    @Override
    public boolean putIfAbsent(K key, V value) {
        requireOpen();
        context.requireKey(key);
        context.requireValue(value);
        long start = context.startTimer();
        Instant now = context.clock.instant();
        Change<V> change = new Change<>();
        context.step(key, change, context.loaderWriter.writeThrough(), current -> {
            if (current != null) {
                return current;
            }
            context.loaderWriter.write(key, value);
            return change.write(context.storage, value, null, context.expiry, now, context.events);
        });
        context.recordLookup(change.existed);
        context.recordPuts(change.type == null ? 0 : 1, start);
        context.dispatch(key, change);
        return !change.existed;
    }

    @Override
    public boolean remove(K key) {
        requireOpen();
        context.requireKey(key);
        long start = context.startTimer();
        Change<V> change = bulk.removeEntry(key);
        context.recordRemovals(change.existed ? 1 : 0, start);
        context.dispatch(key, change);
        return change.existed;
    }

    @Override
    public boolean remove(K key, V oldValue) {
        requireOpen();
        context.requireKey(key);
        context.requireValue(oldValue);
        long start = context.startTimer();
        Instant now = context.clock.instant();
        Change<V> change = new Change<>();
        context.step(key, change, context.loaderWriter.writeThrough(), current -> {
            if (current == null) {
                return null;
            }
            V value = current.value();
            if (!value.equals(oldValue)) {
                return context.accessedEntry(current, now);
            }
            context.loaderWriter.delete(key);
            change.removed(value);
            return null;
        });
        context.recordLookup(change.existed);
        context.recordRemovals(change.type == EventType.REMOVED ? 1 : 0, start);
        context.dispatch(key, change);
        return change.type == EventType.REMOVED;
    }

    @Override
    public V getAndRemove(K key) {
        requireOpen();
        context.requireKey(key);
        long start = context.startTimer();
        Change<V> change = new Change<>();
        context.step(key, change, context.loaderWriter.writeThrough(), current -> {
            context.loaderWriter.delete(key);
            if (current != null) {
                change.removed(current.value());
            }
            return null;
        });
        context.recordLookup(change.existed);
        context.recordRemovals(change.existed ? 1 : 0, start);
        context.dispatch(key, change);
        return change.oldValue;
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        requireOpen();
        context.requireKey(key);
        context.requireValue(oldValue);
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

    /** Replaces the value of a present entry, when {@code expected} is null or equals it. */
    private Change<V> replaceEntry(K key, V expected, V value) {
        requireOpen();
        context.requireKey(key);
        context.requireValue(value);
        long start = context.startTimer();
        Instant now = context.clock.instant();
        Change<V> change = new Change<>();
        context.step(key, change, context.loaderWriter.writeThrough(), current -> {
            if (current == null) {
                return null;
            }
            if (expected != null && !current.value().equals(expected)) {
                return context.accessedEntry(current, now);
            }
            context.loaderWriter.write(key, value);
            change.oldValue = current.value();
            return change.write(context.storage, value, current, context.expiry, now, context.events);
        });
        context.recordLookup(change.existed);
        context.recordPuts(change.type == EventType.UPDATED ? 1 : 0, start);
        context.dispatch(key, change);
        return change;
    }

    @Override
    public void removeAll(Set<? extends K> keys) {
        requireOpen();
        context.requireKeys(keys);
        bulk.removeAll(new LinkedHashSet<>(keys));
    }

    /**
     * Removes every entry (JSR-107 {@code removeAll()}), through the writer's {@code deleteAll} and
     * with {@code REMOVED} events when the cache has a writer or such listeners. Without them it
     * neither decodes a key nor reads a value: one removal of the namespace (counted one by one
     * only while statistics are on), so an entry that cannot be decoded never blocks it.
     */
    @Override
    public void removeAll() {
        requireOpen();
        if (!context.loaderWriter.writeThrough() && !context.events.wants(EventType.REMOVED)) {
            long start = context.startTimer();
            if (context.statisticsEnabled) {
                context.recordRemovals(context.storage.removeAllCounting(), start);
            } else {
                context.storage.clear();
            }
            return;
        }
        Set<K> keys = new LinkedHashSet<>();
        context.storage.keys().forEachRemaining(keys::add);
        bulk.removeAll(keys);
    }

    @Override
    public void clear() {
        requireOpen();
        context.storage.clear();
    }

    // ---- entry processors -----------------------------------------------------------------------

    @Override
    public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
        requireOpen();
        return processing.invoke(key, processor, arguments);
    }

    @Override
    public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> processor,
            Object... arguments) {
        requireOpen();
        return processing.invokeAll(keys, processor, arguments);
    }

    // ---- listeners ------------------------------------------------------------------------------

    @Override
    public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
        requireOpen();
        Objects.requireNonNull(listenerConfiguration, "cacheEntryListenerConfiguration");
        context.events.register(listenerConfiguration);
        expiryReports.update(context.events.wantsHere(EventType.EXPIRED));
        synchronized (configuration) {
            configuration.addCacheEntryListenerConfiguration(listenerConfiguration);
        }
    }

    @Override
    public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
        requireOpen();
        Objects.requireNonNull(listenerConfiguration, "cacheEntryListenerConfiguration");
        context.events.deregister(listenerConfiguration);
        expiryReports.update(context.events.wantsHere(EventType.EXPIRED));
        synchronized (configuration) {
            configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
        }
    }

    // ---- iteration, identity, life cycle --------------------------------------------------------

    @Override
    public Iterator<Cache.Entry<K, V>> iterator() {
        requireOpen();
        return new CacheIterator<>(context, this::remove);
    }

    @Override
    public String getName() {
        return context.name;
    }

    @Override
    public CacheManager getCacheManager() {
        return manager;
    }

    /**
     * Returns a copy of this cache's configuration, with the listeners registered so far.
     *
     * @throws IllegalArgumentException if {@code clazz} is not a type of {@link MutableConfiguration}, or of
     *     {@link StowageConfiguration} for a cache created with one
     */
    @Override
    public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
        synchronized (configuration) {
            MutableConfiguration<K, V> copy = configuration instanceof StowageConfiguration<K, V> stowage
                    ? new StowageConfiguration<>(stowage) : new MutableConfiguration<>(configuration);
            if (clazz.isInstance(copy)) {
                return clazz.cast(copy);
            }
        }
        throw new IllegalArgumentException("the configuration of cache '" + context.name + "' is a "
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
        throw new IllegalArgumentException("cache '" + context.name + "' cannot be unwrapped to " + clazz.getName());
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
        context.requireKey(key);
        return TimeToLive.remaining(context.storage.get(key), context.clock.instant());
    }

    /**
     * Resets the time to live of a live entry to {@code timeToLive} from now, keeping its value (a
     * Stowage extension, after privex {@code update_timeout}; Redis one {@code GETEX PXAT}). Not an
     * access or an update for JSR-107: no statistics, no event, no writer, the expiry policy not asked.
     *
     * @param key the key, not {@code null}
     * @param timeToLive the new time to live from now, positive, or {@code null} for none
     * @return {@code true} when the entry was live and got the new expiry, {@code false} when absent
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalArgumentException if {@code timeToLive} is zero or negative
     * @throws IllegalStateException if the cache is closed
     * @throws javax.cache.CacheException if the store fails
     */
    public boolean touch(K key, Duration timeToLive) {
        requireOpen();
        context.requireKey(key);
        Instant now = context.clock.instant();
        return context.storage.getValueAndExpire(key, TimeToLive.touchedExpiry(now, timeToLive), now) != null;
    }

    /**
     * Returns the value of {@code key}, or else the value {@code loader} gives, stored for
     * {@code timeToLive} (a Stowage extension, after privex {@code get_or_set}). One load per key per
     * JVM while it is in flight: concurrent callers that miss wait for the first one's load and share its
     * value or failure. Across JVMs the first stored value wins: the loaded value is stored as by
     * {@code putIfAbsent} (writer called, {@code CREATED} event), and a value stored meanwhile by
     * another JVM is returned instead. The read counts one hit or miss; the cache's own loader is not
     * asked. The caller's thread runs {@code loader}.
     *
     * @param key the key, not {@code null}
     * @param loader makes the value of a missing key (returning {@code null} stores nothing), not {@code null}
     * @param timeToLive how long a loaded value lives, or {@code null} for ever; zero or negative stores nothing
     * @return the value the cache holds, or the loaded one when it was not stored
     * @throws NullPointerException if {@code key} or {@code loader} is {@code null}
     * @throws javax.cache.integration.CacheLoaderException if the loader throws (every caller waiting
     *     on that load gets it; nothing is stored)
     * @throws IllegalStateException if the cache is closed
     */
    public V getOrSet(K key, Function<? super K, ? extends V> loader, Duration timeToLive) {
        requireOpen();
        context.requireKey(key);
        Objects.requireNonNull(loader, "loader");
        return getOrSet.getOrSet(key, loader, timeToLive);
    }

    /**
     * Returns the asynchronous API of this cache: the same operations returning
     * {@link java.util.concurrent.CompletionStage}s, non-blocking on Redis (see {@link AsyncStowageCache}).
     *
     * @return the one asynchronous view of this cache
     */
    public AsyncStowageCache<K, V> async() {
        return async;
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

    /**
     * Closes this cache's listeners, loader, writer and expiry policy, after waiting for the {@code loadAll}
     * calls already running (one not yet started reports a {@link javax.cache.CacheException} to its listener
     * instead); called by the manager.
     */
    void shutdown() {
        if (closed) {
            return;
        }
        closed = true;
        expiryReports.update(false);
        context.events.close();
        if (context.events.cluster() != null) {
            context.events.cluster().close();
        }
        bulk.closeLoads();
        CacheResources.closeQuietly(context.loaderWriter.loader());
        CacheResources.closeQuietly(context.loaderWriter.writer());
        CacheResources.closeQuietly(context.expiry.policy());
    }

    StowageCacheStatistics statistics() {
        return context.statistics;
    }

    void setStatisticsEnabled(boolean enabled) {
        synchronized (configuration) {
            configuration.setStatisticsEnabled(enabled);
            context.statisticsEnabled = enabled;
        }
    }

    void setManagementEnabled(boolean enabled) {
        synchronized (configuration) {
            configuration.setManagementEnabled(enabled);
        }
    }

    EntryStorage<K, V> storage() {
        return context.storage;
    }

    /** Returns the cache's events across JVMs, or {@code null} when its events are local. */
    ClusterEvents<K, V> cluster() {
        return context.events.cluster();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("cache '" + context.name + "' is closed");
        }
    }

    @Override
    public String toString() {
        return "StowageCache[" + context.name + " on " + store + "]";
    }
}
