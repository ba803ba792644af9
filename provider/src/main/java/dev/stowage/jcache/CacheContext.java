package dev.stowage.jcache;

import dev.stowage.jcache.event.ClusterEvents;
import dev.stowage.jcache.event.EventDispatcher;
import dev.stowage.jcache.event.EventTicket;
import dev.stowage.jcache.expiry.ExpiryCalculator;
import dev.stowage.jcache.integration.LoaderWriter;
import dev.stowage.jcache.management.OperationTimer;
import dev.stowage.jcache.management.StowageCacheStatistics;
import dev.stowage.jcache.storage.EntryStorage;
import dev.stowage.jcache.storage.StoredEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * What the operations of one cache share: its storage, expiry policy, loader and writer, listeners
 * and statistics, with the small steps several operations take (argument checks, access expiry,
 * storing a loaded value, recording statistics). Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class CacheContext<K, V> {

    final String name;
    final Class<?> keyType;
    final Class<?> valueType;
    final EntryStorage<K, V> storage;
    final ExpiryCalculator expiry;
    final LoaderWriter<K, V> loaderWriter;
    final EventDispatcher<K, V> events;
    final StowageCacheStatistics statistics = new StowageCacheStatistics();
    final Clock clock;
    volatile boolean statisticsEnabled;

    CacheContext(String name, Class<?> keyType, Class<?> valueType, EntryStorage<K, V> storage,
            ExpiryCalculator expiry, LoaderWriter<K, V> loaderWriter, EventDispatcher<K, V> events, Clock clock,
            boolean statisticsEnabled) {
        this.name = name;
        this.keyType = keyType;
        this.valueType = valueType;
        this.storage = storage;
        this.expiry = expiry;
        this.loaderWriter = loaderWriter;
        this.events = events;
        this.clock = clock;
        this.statisticsEnabled = statisticsEnabled;
    }

    // ---- argument checks (JSR-107: null is never a key or value; configured types are enforced) --

    void requireKey(Object key) {
        Objects.requireNonNull(key, "key");
        if (keyType != Object.class && !keyType.isInstance(key)) {
            throw new ClassCastException("key " + key + " of cache '" + name + "' is a " + key.getClass().getName()
                    + ", not the configured " + keyType.getName());
        }
    }

    void requireValue(Object value) {
        Objects.requireNonNull(value, "value");
        if (valueType != Object.class && !valueType.isInstance(value)) {
            throw new ClassCastException("value " + value + " of cache '" + name + "' is a "
                    + value.getClass().getName() + ", not the configured " + valueType.getName());
        }
    }

    void requireKeys(Collection<? extends K> keys) {
        Objects.requireNonNull(keys, "keys");
        for (K key : keys) {
            requireKey(key);
        }
    }

    // ---- steps shared by operations -----------------------------------------------------------

    /**
     * Reads the live value of {@code key} as {@code get} does before read-through, uncounted: under a
     * standard policy one {@code getValue}, or one {@code getValueAndExpire} with an access expiry;
     * under an application's policy {@link #readAccessed}.
     *
     * @return the value, or {@code null} on a miss
     */
    V lookup(K key) {
        if (!expiry.pure()) {
            return readAccessed(key, clock.instant());
        }
        javax.cache.expiry.Duration access = expiry.accessDuration();
        if (access == null) {
            return storage.getValue(key);
        }
        Instant now = clock.instant();
        return storage.getValueAndExpire(key, ExpiryCalculator.toInstant(now, access), now);
    }

    /**
     * {@code Cache.get} after its argument checks: {@link #lookup}, then {@link #readThrough} on a miss.
     * With statistics on, the get is counted as it starts (one step of the calling thread's own
     * counter, which also picks the gets that are timed) and its miss, if any, once the store has
     * answered; a get whose read fails counts as a miss.
     *
     * @return the value, or {@code null} when it is neither stored nor loaded
     */
    V get(K key) {
        boolean counting = statisticsEnabled;
        long start = counting ? statistics.startGet() : OperationTimer.UNTIMED;
        V value;
        try {
            value = lookup(key);
        } catch (RuntimeException e) {
            if (counting) {
                statistics.recordGetMiss();
            }
            throw e;
        }
        if (value == null) {
            if (counting) {
                statistics.recordGetMiss();
            }
            value = readThrough(key);
        }
        if (start != OperationTimer.UNTIMED) {
            statistics.recordGetTime(System.nanoTime() - start, 1);
        }
        return value;
    }

    /**
     * Loads a missing {@code key} when the cache reads through, and stores what the loader returned
     * ({@link #storeLoaded}, as {@code putIfAbsent}).
     *
     * @return the loaded value, or {@code null} when the cache does not read through or the loader
     *     had nothing
     */
    V readThrough(K key) {
        if (!loaderWriter.readThrough()) {
            return null;
        }
        V value = loaderWriter.load(key);
        if (value != null) {
            storeLoaded(key, value, false);
        }
        return value;
    }

    /**
     * The asynchronous form of {@link #lookup}: under a standard policy the storage's asynchronous read
     * (on Redis no thread parked), under an application's policy {@link #readAccessed} on
     * {@code executor} (the policy must be asked inside the store's atomic step).
     *
     * @return a stage of the value, or of {@code null} on a miss
     */
    CompletionStage<V> lookupAsync(K key, Executor executor) {
        if (!expiry.pure()) {
            return CompletableFuture.supplyAsync(() -> readAccessed(key, clock.instant()), executor);
        }
        javax.cache.expiry.Duration access = expiry.accessDuration();
        if (access == null) {
            return storage.getValueAsync(key, executor);
        }
        Instant now = clock.instant();
        return storage.getValueAndExpireAsync(key, ExpiryCalculator.toInstant(now, access), now, executor);
    }

    /**
     * Reads the live value of {@code key} and, on a hit only, applies the policy's access expiry to
     * that very entry, in one atomic step (JSR-107 section 6): the read of a cache whose policy is
     * the application's, which must be asked exactly when an entry is accessed.
     *
     * @return the value, or {@code null} on a miss
     */
    V readAccessed(K key, Instant now) {
        List<V> read = new ArrayList<>(1);
        storage.compute(key, current -> {
            read.clear();
            if (current == null) {
                return null;
            }
            read.add(current.value());
            return accessedEntry(current, now);
        });
        return read.isEmpty() ? null : read.get(0);
    }

    /** Returns {@code current} with the access expiry applied, inside an atomic step. */
    StoredEntry<V> accessedEntry(StoredEntry<V> current, Instant now) {
        Instant next = expiry.onAccess(now);
        if (next == ExpiryCalculator.UNCHANGED) {
            return current;
        }
        return ExpiryCalculator.isExpired(next, now) ? null : current.withExpiresAt(next);
    }

    /**
     * Stores a value the loader returned, without the writer: as {@code putIfAbsent}, or as
     * {@code put} when {@code replaceExisting}; listeners hear of it.
     */
    void storeLoaded(K key, V value, boolean replaceExisting) {
        requireValue(value);
        Instant now = clock.instant();
        Change<V> change = new Change<>();
        step(key, change, false, current -> {
            if (current != null && !replaceExisting) {
                return current;
            }
            return change.write(storage, value, current, expiry, now, events);
        });
        dispatch(key, change);
    }

    /**
     * Runs one single-key step of an operation: {@code function} gets the live entry and returns the
     * new one, as for {@link EntryStorage#compute}, after {@code change} was reset and the place of
     * its event reserved in the asynchronous listeners' lanes (inside the store's atomic step, so in
     * the store's order of writes). A step with side effects ({@code sideEffects}: a cache writer, an
     * entry processor), any step while a listener asks for old values, and any step while some JVM
     * listens to the cache's change feed (the step then publishes its event under the key's lock; a
     * store may send it with the write, see {@link dev.stowage.store.ChangeFeed#publish}), runs through
     * {@link EntryStorage#computeExclusive}, so {@code function} runs exactly once; others through
     * {@link EntryStorage#compute}, which may run it again after a lost race. The caller settles the
     * reservation with {@link #dispatch}; when the step throws, it is cancelled here.
     *
     * @return the entry now stored, or {@code null}
     */
    StoredEntry<V> step(K key, Change<V> change, boolean sideEffects, UnaryOperator<StoredEntry<V>> function) {
        ClusterEvents<K, V> cluster = events.cluster();
        boolean publish = cluster != null && cluster.publishing();
        UnaryOperator<StoredEntry<V>> run = current -> {
            events.cancel(ticket(change));
            change.reset(current);
            change.ticket = events.reserve(key);
            StoredEntry<V> result = function.apply(current);
            if (publish && change.type != null) {
                // under the key's lock: the feed carries the events of one key in the store's order
                cluster.publish(change.type, key, change.value, change.oldValue);
            }
            return result;
        };
        try {
            return sideEffects || publish || events.oldValuesRequired() ? storage.computeExclusive(key, run)
                    : storage.compute(key, run);
        } catch (RuntimeException | Error e) {
            events.cancel(ticket(change));
            change.ticket = null;
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private EventTicket<K, V> ticket(Change<V> change) {
        return (EventTicket<K, V>) change.ticket;
    }

    /** Tells listeners of one change made by {@link #step}, if it made an event, and settles its ticket. */
    void dispatch(K key, Change<V> change) {
        EventTicket<K, V> ticket = ticket(change);
        change.ticket = null;
        if (change.type != null && events.hasListeners()) {
            events.dispatch(ticket, events.event(change.type, key, change.value, change.oldValue));
        } else {
            events.cancel(ticket);
        }
    }

    /**
     * Tells whether a write may go straight to the store, outside {@link #step}: no listener needs its
     * event and no writer must see the writes in the store's order.
     *
     * @return {@code true} when nothing but the store takes part in a write
     */
    boolean writesGoStraightToStore() {
        return !events.hasListeners() && !loaderWriter.writeThrough();
    }

    /**
     * Tells whether a {@code put} may be one write of the store: {@link #writesGoStraightToStore()}
     * and a policy under which a put leaves an existing entry's expiry alone
     * ({@link ExpiryCalculator#keepOnUpdate()}), so nothing needs the entry before the write.
     *
     * @return {@code true} when a put is one store write
     */
    boolean putIsOneWrite() {
        return expiry.keepOnUpdate() && writesGoStraightToStore();
    }

    /**
     * The {@code put} / {@code getAndPut} of a cache where {@link #putIsOneWrite()}: one write of the
     * store, which also hands back the value it replaced when {@code returnOld}; counted in the
     * statistics.
     *
     * @param start what {@link #startTimer()} returned
     * @return the value replaced when {@code returnOld}, else {@code null}
     */
    V putInOneWrite(K key, V value, boolean returnOld, long start) {
        Instant expiresAtIfNew = expiry.createdExpiry(clock);
        if (!returnOld) {
            storage.putKeepingExpiry(key, value, expiresAtIfNew);
            recordPuts(1, start);
            return null;
        }
        V old = storage.getAndPutKeepingExpiry(key, value, expiresAtIfNew);
        recordLookup(old != null);
        recordPuts(1, start);
        return old;
    }

    // ---- statistics (JSR-107 section 12.4), recorded only while enabled ------------------------

    /**
     * Starts timing an operation for the statistics' averages.
     *
     * @return the start to pass to a {@code record} method, {@link OperationTimer#UNTIMED} when
     *     statistics are off or the operation is not among those timed
     */
    long startTimer() {
        return statisticsEnabled ? statistics.startTiming() : OperationTimer.UNTIMED;
    }

    void recordLookup(boolean hit) {
        if (statisticsEnabled) {
            if (hit) {
                statistics.recordHits(1);
            } else {
                statistics.recordMisses(1);
            }
        }
    }

    void recordGet(long start) {
        recordGet(start, 1);
    }

    void recordGet(long start, int count) {
        if (start != OperationTimer.UNTIMED && statisticsEnabled && count > 0) {
            statistics.recordGetTime(System.nanoTime() - start, count);
        }
    }

    void recordPuts(long count, long start) {
        if (statisticsEnabled && count > 0) {
            statistics.recordPuts(count);
            if (start != OperationTimer.UNTIMED) {
                statistics.recordPutTime(System.nanoTime() - start, count);
            }
        }
    }

    void recordRemovals(long count, long start) {
        if (statisticsEnabled && count > 0) {
            statistics.recordRemovals(count);
            if (start != OperationTimer.UNTIMED) {
                statistics.recordRemoveTime(System.nanoTime() - start, count);
            }
        }
    }
}
