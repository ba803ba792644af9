package dev.stowage.jcache;

import dev.stowage.jcache.storage.Stages;
import dev.stowage.store.StorageObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The asynchronous API of a {@link StowageCache}, after the privex {@code AsyncRedisCache}: the same
 * operations with the same semantics (JSR-107 expiry policies, statistics, listeners, read-through
 * and write-through, store-by-value), each returning a {@link CompletionStage} instead of waiting.
 * Obtained with {@link StowageCache#async()}; one per cache.
 *
 * <p><b>Where the work happens.</b> An operation takes its <em>direct path</em> when nothing needs the
 * previous entry or the order of writes: a {@code get}, {@code getAll}, {@code containsKey},
 * {@code expiresIn} or {@code touch} under a standard expiry policy (eternal, created, accessed,
 * modified, touched) and, for a miss, no read-through; a {@code put}, {@code putAll}, {@code remove}
 * or {@code removeAll(keys)} without listeners (in any JVM) and without a writer, {@code put}s also
 * under a policy whose update leaves the expiry alone (eternal, created, accessed;
 * {@code put(key, value, timeToLive)} under any).
 * A direct path is one asynchronous call of the store ({@link dev.stowage.store.AsyncStore}): on Redis
 * one command (or one pipeline) through Redisson's asynchronous API, no thread parked, concurrent
 * single-key calls sent together in pipelined batches; on memory, file and third-party stores the
 * blocking call, run on the provider's executor. Every other operation ({@code putIfAbsent}, {@code getAndPut}, {@code replace},
 * {@code remove(key, oldValue)}, {@code getAndRemove}, and the above when a writer, loader, listener
 * or an application's expiry policy is involved) runs the blocking operation of the
 * {@link StowageCache} on that executor: it parks one of its threads for the operation's round trips.
 * The provider's executor is a cached pool of daemon threads named {@code stowage-jcache-N}, the one
 * that runs asynchronous listeners and {@code loadAll}; loaders, writers, synchronous listeners and
 * entry decoding of the fallbacks run there, never on a Redis client's I/O thread.
 *
 * <p><b>Completion.</b> A stage of a direct path on Redis completes on the Redis client's I/O thread:
 * a dependent action that blocks (or calls the blocking cache) must be added with an executor
 * ({@code thenApplyAsync(f, executor)}). Calls in flight together are not ordered with respect to each
 * other (Redisson sends them over several connections): chain on a stage to order two calls of one key.
 * A value is copied or encoded (store-by-value) when its operation runs: on a direct path to a
 * byte-level store at the call, on a fallback when the executor runs it; do not change a value object
 * until its stage completes.
 *
 * <p><b>Failures.</b> Only a {@code null} argument throws from the call itself
 * ({@link NullPointerException} naming it). Everything else fails the stage, with what the blocking
 * call would throw: a {@link javax.cache.CacheException} subclass for a store failure (a Redis server
 * that does not answer within the URI's {@code timeout}, named by address), a loader's
 * ({@link javax.cache.integration.CacheLoaderException}) or a writer's
 * ({@link javax.cache.integration.CacheWriterException}); {@link IllegalStateException} for a closed
 * cache, {@link ClassCastException} for a key or value not of the configured types, as JSR-107 says.
 *
 * <p><b>Cancellation.</b> Cancelling a stage of a fallback before the executor starts it means the
 * operation never runs; once started, or on a direct path once its command is handed to the client,
 * the operation completes in the store and only the stage reports the cancellation.
 *
 * <p>Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class AsyncStowageCache<K, V> {

    private final StowageCache<K, V> cache;
    private final CacheContext<K, V> context;
    private final GetOrSet<K, V> getOrSet;
    private final Executor executor;

    AsyncStowageCache(StowageCache<K, V> cache, CacheContext<K, V> context, GetOrSet<K, V> getOrSet,
            Executor executor) {
        this.cache = cache;
        this.context = context;
        this.getOrSet = getOrSet;
        this.executor = executor;
    }

    /**
     * Returns the blocking cache this is the asynchronous API of.
     *
     * @return the cache
     */
    public StowageCache<K, V> blocking() {
        return cache;
    }

    // ---- reads ----------------------------------------------------------------------------------

    /**
     * {@link javax.cache.Cache#get(Object)}, asynchronously: the live value, or on a miss the
     * read-through loader's (run on the executor).
     *
     * @param key the key, not {@code null}
     * @return a stage of the value, or of {@code null} on a miss
     * @throws NullPointerException if {@code key} is {@code null}
     */
    public CompletionStage<V> get(K key) {
        Objects.requireNonNull(key, "key");
        return start(() -> {
            context.requireKey(key);
            long started = context.startTimer();
            return context.lookupAsync(key, executor).thenCompose(value -> {
                context.recordLookup(value != null);
                if (value != null || !context.loaderWriter.readThrough()) {
                    context.recordGet(started);
                    return CompletableFuture.completedFuture(value);
                }
                return CompletableFuture.supplyAsync(() -> {
                    V loaded = context.readThrough(key);
                    context.recordGet(started);
                    return loaded;
                }, executor);
            });
        });
    }

    /**
     * {@link javax.cache.Cache#getAll(Set)}, asynchronously; one bulk read on a direct path (Redis:
     * one {@code MGET}, or {@code GETEX}s pipelined under an access expiry).
     *
     * @param keys the keys, not {@code null}, none {@code null}; copied at the call
     * @return a stage of the values found, by key
     * @throws NullPointerException if {@code keys} or one of them is {@code null}
     */
    public CompletionStage<Map<K, V>> getAll(Set<? extends K> keys) {
        Set<K> wanted = copyKeys(keys);
        return start(() -> {
            context.requireKeys(wanted);
            if (!context.expiry.pure() || context.loaderWriter.readThrough()) {
                return fallback(() -> cache.getAll(wanted));
            }
            long started = context.startTimer();
            javax.cache.expiry.Duration access = context.expiry.accessDuration();
            Instant now = context.clock.instant();
            CompletionStage<Map<K, V>> read = access == null
                    ? context.storage.getValuesAsync(new ArrayList<>(wanted), executor)
                    : context.storage.getValuesAndExpireAsync(new ArrayList<>(wanted),
                            dev.stowage.jcache.expiry.ExpiryCalculator.toInstant(now, access), now, executor);
            return read.thenApply(found -> {
                for (K key : wanted) {
                    context.recordLookup(found.containsKey(key));
                }
                context.recordGet(started, wanted.size());
                return found;
            });
        });
    }

    /**
     * {@link javax.cache.Cache#containsKey(Object)}, asynchronously: no access, no statistics.
     *
     * @param key the key, not {@code null}
     * @return a stage of whether the key holds a live entry
     * @throws NullPointerException if {@code key} is {@code null}
     */
    public CompletionStage<Boolean> containsKey(K key) {
        Objects.requireNonNull(key, "key");
        return start(() -> {
            context.requireKey(key);
            return context.storage.getAsync(key, executor).thenApply(Objects::nonNull);
        });
    }

    /**
     * {@link StowageCache#expiresIn(Object)}, asynchronously.
     *
     * @param key the key, not {@code null}
     * @return a stage of the remaining time, or of empty when absent or never expiring
     * @throws NullPointerException if {@code key} is {@code null}
     */
    public CompletionStage<Optional<Duration>> expiresIn(K key) {
        Objects.requireNonNull(key, "key");
        return start(() -> {
            context.requireKey(key);
            return context.storage.getAsync(key, executor)
                    .thenApply(entry -> TimeToLive.remaining(entry, context.clock.instant()));
        });
    }

    /**
     * {@link StowageCache#touch(Object, Duration)}, asynchronously (privex {@code update_timeout}); on
     * Redis one {@code GETEX}.
     *
     * @param key the key, not {@code null}
     * @param timeToLive the new time to live from now, positive, or {@code null} for none
     * @return a stage of {@code true} when the entry was live and got the new expiry, {@code false}
     *     when absent; it fails with {@link IllegalArgumentException} for a zero or negative time to live
     * @throws NullPointerException if {@code key} is {@code null}
     */
    public CompletionStage<Boolean> touch(K key, Duration timeToLive) {
        Objects.requireNonNull(key, "key");
        return start(() -> {
            context.requireKey(key);
            Instant now = context.clock.instant();
            return context.storage.getValueAndExpireAsync(key, TimeToLive.touchedExpiry(now, timeToLive), now,
                    executor).thenApply(Objects::nonNull);
        });
    }

    /**
     * {@link StowageCache#getOrSet(Object, Function, Duration)}, asynchronously (privex
     * {@code get_or_set}): the value of {@code key}, or else {@code loader}'s, stored for
     * {@code timeToLive}; one load per key per JVM while in flight, "first stored value wins" across
     * JVMs (see {@link StowageCache#getOrSet}). {@code loader} runs on the provider's executor.
     *
     * @param key the key, not {@code null}
     * @param loader makes the value of a missing key (returning {@code null} stores nothing), not {@code null}
     * @param timeToLive how long a loaded value lives, or {@code null} for ever; zero or negative stores nothing
     * @return a stage of the value the cache holds (or the loaded one when not stored); it fails with
     *     {@link javax.cache.integration.CacheLoaderException} when the loader throws, for every caller
     *     waiting on that load, and nothing is stored
     * @throws NullPointerException if {@code key} or {@code loader} is {@code null}
     */
    public CompletionStage<V> getOrSet(K key, Function<? super K, ? extends V> loader, Duration timeToLive) {
        Objects.requireNonNull(loader, "loader");
        return getOrSet(key, (k, on) -> CompletableFuture.supplyAsync(() -> loader.apply(k), on), timeToLive);
    }

    /**
     * {@link #getOrSet(Object, Function, Duration)} with an asynchronous loader, after Caffeine's
     * {@code AsyncCache.get(key, BiFunction)}: {@code loader} gets the key and the provider's executor,
     * is called on that executor, and returns a stage of the value; its stage failing fails every
     * waiting caller with a {@link javax.cache.integration.CacheLoaderException} and stores nothing.
     *
     * @param key the key, not {@code null}
     * @param loader starts the load of a missing key, not {@code null}; must not return {@code null}
     * @param timeToLive how long a loaded value lives, or {@code null} for ever; zero or negative stores nothing
     * @return a stage of the value the cache holds (or the loaded one when not stored)
     * @throws NullPointerException if {@code key} or {@code loader} is {@code null}
     */
    public CompletionStage<V> getOrSet(K key,
            BiFunction<? super K, ? super Executor, ? extends CompletionStage<? extends V>> loader, Duration timeToLive) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(loader, "loader");
        return start(() -> {
            context.requireKey(key);
            return getOrSet.getOrSetAsync(key, loader, timeToLive);
        });
    }

    // ---- writes ---------------------------------------------------------------------------------

    /**
     * {@link javax.cache.Cache#put(Object, Object)}, asynchronously; on a direct path one write
     * (Redis: {@code SET KEEPTTL}, or one script when the policy gives new entries an expiry).
     *
     * @param key the key, not {@code null}
     * @param value the value, not {@code null}
     * @return a stage that completes when the value is stored
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     */
    public CompletionStage<Void> put(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return start(() -> {
            checkEntry(key, value);
            if (!context.putIsOneWrite()) {
                return fallback(() -> {
                    cache.put(key, value);
                    return null;
                });
            }
            long started = context.startTimer();
            return context.storage.putKeepingExpiryAsync(key, value, context.expiry.createdExpiry(context.clock), executor)
                    .thenRun(() -> context.recordPuts(1, started));
        });
    }

    /**
     * {@link StowageCache#put(Object, Object, Duration)}, asynchronously (privex {@code set(key, value,
     * timeout)}); on a direct path one write (Redis: {@code SET}, or {@code SET PXAT} in a script).
     *
     * @param key the key, not {@code null}
     * @param value the value, not {@code null}
     * @param timeToLive how long the entry lives from now, or {@code null} for ever; zero or negative
     *     removes the entry
     * @return a stage that completes when the value is stored
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     */
    public CompletionStage<Void> put(K key, V value, Duration timeToLive) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return start(() -> {
            checkEntry(key, value);
            if (!context.writesGoStraightToStore() || (timeToLive != null && (timeToLive.isNegative() || timeToLive.isZero()))) {
                return fallback(() -> {
                    cache.put(key, value, timeToLive);
                    return null;
                });
            }
            long started = context.startTimer();
            Instant expiresAt = timeToLive == null ? null : StorageObject.plus(context.clock.instant(), timeToLive);
            return context.storage.putAsync(key, value, expiresAt, executor).thenRun(() -> context.recordPuts(1, started));
        });
    }

    /**
     * {@link javax.cache.Cache#putAll(Map)}, asynchronously; on a direct path one bulk write (Redis:
     * pipelined).
     *
     * @param entries the entries, not {@code null}, no key or value {@code null}; copied at the call
     * @return a stage that completes when every entry is stored
     * @throws NullPointerException if {@code entries} or a key or value in it is {@code null}
     */
    public CompletionStage<Void> putAll(Map<? extends K, ? extends V> entries) {
        Objects.requireNonNull(entries, "entries");
        Map<K, V> copy = new LinkedHashMap<>();
        entries.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value")));
        return start(() -> {
            copy.forEach(this::checkEntry);
            if (!context.putIsOneWrite()) {
                return fallback(() -> {
                    cache.putAll(copy);
                    return null;
                });
            }
            long started = context.startTimer();
            return context.storage.putAllKeepingExpiryAsync(copy, context.expiry.createdExpiry(context.clock), executor)
                    .thenRun(() -> context.recordPuts(copy.size(), started));
        });
    }

    /**
     * {@link javax.cache.Cache#putIfAbsent(Object, Object)}, asynchronously (on the executor).
     *
     * @param key the key, not {@code null}
     * @param value the value, not {@code null}
     * @return a stage of {@code true} when the value was stored
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     */
    public CompletionStage<Boolean> putIfAbsent(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return fallback(() -> cache.putIfAbsent(key, value));
    }

    /**
     * {@link javax.cache.Cache#getAndPut(Object, Object)}, asynchronously (on the executor).
     *
     * @param key the key, not {@code null}
     * @param value the value, not {@code null}
     * @return a stage of the previous value, or of {@code null}
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     */
    public CompletionStage<V> getAndPut(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return fallback(() -> cache.getAndPut(key, value));
    }

    /**
     * {@link javax.cache.Cache#remove(Object)}, asynchronously; on a direct path one delete that reads
     * what it deletes (Redis: {@code MULTI GET UNLINK EXEC}).
     *
     * @param key the key, not {@code null}
     * @return a stage of {@code true} when a live entry was removed
     * @throws NullPointerException if {@code key} is {@code null}
     */
    public CompletionStage<Boolean> remove(K key) {
        Objects.requireNonNull(key, "key");
        return start(() -> {
            context.requireKey(key);
            if (!context.writesGoStraightToStore()) {
                return fallback(() -> cache.remove(key));
            }
            long started = context.startTimer();
            return context.storage.removeAllAsync(List.of(key), executor).thenApply(removed -> {
                context.recordRemovals(removed.size(), started);
                return !removed.isEmpty();
            });
        });
    }

    /**
     * {@link javax.cache.Cache#remove(Object, Object)}, asynchronously (on the executor).
     *
     * @param key the key, not {@code null}
     * @param oldValue the value the entry must hold, not {@code null}
     * @return a stage of {@code true} when the entry held it and was removed
     * @throws NullPointerException if {@code key} or {@code oldValue} is {@code null}
     */
    public CompletionStage<Boolean> remove(K key, V oldValue) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(oldValue, "oldValue");
        return fallback(() -> cache.remove(key, oldValue));
    }

    /**
     * {@link javax.cache.Cache#removeAll(Set)}, asynchronously; on a direct path one bulk delete
     * (Redis: one {@code MULTI}/{@code EXEC}).
     *
     * @param keys the keys, not {@code null}, none {@code null}; copied at the call
     * @return a stage that completes when the entries are removed
     * @throws NullPointerException if {@code keys} or one of them is {@code null}
     */
    public CompletionStage<Void> removeAll(Set<? extends K> keys) {
        Set<K> wanted = copyKeys(keys);
        return start(() -> {
            context.requireKeys(wanted);
            if (!context.writesGoStraightToStore()) {
                return fallback(() -> {
                    cache.removeAll(wanted);
                    return null;
                });
            }
            long started = context.startTimer();
            return context.storage.removeAllAsync(new ArrayList<>(wanted), executor)
                    .thenAccept(removed -> context.recordRemovals(removed.size(), started));
        });
    }

    /**
     * {@link javax.cache.Cache#replace(Object, Object)}, asynchronously (on the executor).
     *
     * @param key the key, not {@code null}
     * @param value the new value, not {@code null}
     * @return a stage of {@code true} when a live entry was replaced
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     */
    public CompletionStage<Boolean> replace(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return fallback(() -> cache.replace(key, value));
    }

    /**
     * {@link javax.cache.Cache#replace(Object, Object, Object)}, asynchronously (on the executor).
     *
     * @param key the key, not {@code null}
     * @param oldValue the value the entry must hold, not {@code null}
     * @param newValue the new value, not {@code null}
     * @return a stage of {@code true} when the entry held {@code oldValue} and was replaced
     * @throws NullPointerException if an argument is {@code null}
     */
    public CompletionStage<Boolean> replace(K key, V oldValue, V newValue) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(oldValue, "oldValue");
        Objects.requireNonNull(newValue, "newValue");
        return fallback(() -> cache.replace(key, oldValue, newValue));
    }

    /**
     * {@link javax.cache.Cache#getAndReplace(Object, Object)}, asynchronously (on the executor).
     *
     * @param key the key, not {@code null}
     * @param value the new value, not {@code null}
     * @return a stage of the replaced value, or of {@code null} when absent (nothing stored)
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     */
    public CompletionStage<V> getAndReplace(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return fallback(() -> cache.getAndReplace(key, value));
    }

    /**
     * {@link javax.cache.Cache#getAndRemove(Object)}, asynchronously (on the executor).
     *
     * @param key the key, not {@code null}
     * @return a stage of the removed value, or of {@code null} when absent
     * @throws NullPointerException if {@code key} is {@code null}
     */
    public CompletionStage<V> getAndRemove(K key) {
        Objects.requireNonNull(key, "key");
        return fallback(() -> cache.getAndRemove(key));
    }

    // ---- internals -----------------------------------------------------------------------------

    private void checkEntry(K key, V value) {
        context.requireKey(key);
        context.requireValue(value);
    }

    private static <K> Set<K> copyKeys(Set<? extends K> keys) {
        Objects.requireNonNull(keys, "keys");
        Set<K> copy = new LinkedHashSet<>();
        for (K key : keys) {
            copy.add(Objects.requireNonNull(key, "key"));
        }
        return copy;
    }

    /** Starts an operation on an open cache, delivering every failure, even a synchronous one, through the stage. */
    private <T> CompletionStage<T> start(Supplier<? extends CompletionStage<T>> operation) {
        return Stages.translated(() -> {
            if (cache.isClosed()) {
                throw new IllegalStateException("cache '" + context.name + "' is closed");
            }
            return operation.get();
        });
    }

    /** Runs the blocking operation on the provider's executor. */
    private <T> CompletionStage<T> fallback(Supplier<T> operation) {
        return Stages.translated(() -> CompletableFuture.supplyAsync(operation, executor));
    }

    @Override
    public String toString() {
        return "AsyncStowageCache[" + context.name + "]";
    }
}
