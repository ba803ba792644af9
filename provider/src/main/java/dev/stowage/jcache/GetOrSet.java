package dev.stowage.jcache;

import dev.stowage.jcache.storage.Stages;
import dev.stowage.store.StorageObject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.cache.CacheException;
import javax.cache.event.EventType;
import javax.cache.integration.CacheLoaderException;

/**
 * {@code getOrSet} of one cache, blocking and asynchronous (privex {@code get_or_set}): the value of a
 * key, or else the value a loader gives, stored with its own time to live.
 *
 * <p>One load per key per JVM while it is in flight: the first caller that misses registers the load
 * here, callers that miss while it runs wait for it and share its outcome (the same value instance, or
 * the same failure); a key is read once more after the load is registered, so a caller that missed
 * just before another's load finished takes the stored value instead of loading again. The value is
 * stored in one atomic step of the store as by {@code putIfAbsent}: if the key holds a value by then
 * (stored by another JVM, or by a {@code put}), that value wins, is returned to every waiting caller,
 * and the loaded one is dropped. So across JVMs it is "the first stored value wins": each JVM may load
 * once, every JVM returns the one value the store kept. A loader that throws (or whose stage fails)
 * fails every waiting caller with a {@link CacheLoaderException} (a {@link CacheException} thrown by the
 * loader as it is) and stores nothing; the next call loads again. A loader that returns {@code null}
 * stores nothing and gives {@code null}.
 *
 * <p>Statistics: the first read counts one hit or miss and the time of a get; a stored value one put.
 * The store step calls the cache's writer (write-through) and makes a {@code CREATED} event like
 * {@code putIfAbsent}; the cache's own loader (read-through) is never asked. Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class GetOrSet<K, V> {

    private final CacheContext<K, V> context;
    private final Executor executor;
    private final ConcurrentMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

    GetOrSet(CacheContext<K, V> context, Executor executor) {
        this.context = context;
        this.executor = executor;
    }

    /** The blocking form: the caller's thread reads, runs the loader and stores. */
    V getOrSet(K key, Function<? super K, ? extends V> loader, Duration timeToLive) {
        long start = context.startTimer();
        V value = context.lookup(key);
        context.recordLookup(value != null);
        context.recordGet(start);
        if (value != null) {
            return value;
        }
        CompletableFuture<V> load = new CompletableFuture<>();
        CompletableFuture<V> running = inFlight.putIfAbsent(key, load);
        if (running != null) {
            return await(running);
        }
        try {
            V stored = context.storage.getValue(key);
            load.complete(stored != null ? stored : store(key, load(key, loader), timeToLive));
        } catch (RuntimeException | Error e) {
            load.completeExceptionally(e);
        } finally {
            inFlight.remove(key, load);
        }
        return await(load);
    }

    /**
     * The asynchronous form: the read through the storage's asynchronous path, the loader called on
     * the executor, the store step on the executor (it may take a key's lock).
     */
    CompletionStage<V> getOrSetAsync(K key, BiFunction<? super K, ? super Executor, ? extends CompletionStage<? extends V>> loader,
            Duration timeToLive) {
        long start = context.startTimer();
        return context.lookupAsync(key, executor).thenCompose(value -> {
            context.recordLookup(value != null);
            context.recordGet(start);
            if (value != null) {
                return CompletableFuture.completedFuture(value);
            }
            CompletableFuture<V> load = new CompletableFuture<>();
            CompletableFuture<V> running = inFlight.putIfAbsent(key, load);
            if (running != null) {
                return running.copy();
            }
            context.storage.getValueAsync(key, executor)
                    .thenComposeAsync(stored -> stored != null ? CompletableFuture.completedFuture(stored)
                            : loadAsync(key, loader).thenApplyAsync(loaded -> store(key, loaded, timeToLive), executor),
                            executor)
                    .whenComplete((stored, failure) -> {
                        inFlight.remove(key, load);
                        if (failure == null) {
                            load.complete(stored);
                        } else {
                            load.completeExceptionally(Stages.translate(failure));
                        }
                    });
            return load.copy();
        });
    }

    private CompletionStage<V> loadAsync(K key,
            BiFunction<? super K, ? super Executor, ? extends CompletionStage<? extends V>> loader) {
        CompletionStage<? extends V> stage;
        try {
            stage = loader.apply(key, executor);
            if (stage == null) {
                throw new NullPointerException("the loader returned no CompletionStage");
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(loadFailure(key, e));
        }
        return stage.handle((value, failure) -> {
            if (failure != null) {
                Throwable cause = Stages.unwrap(failure);
                if (cause instanceof Error error) {
                    throw error;
                }
                throw loadFailure(key, cause);
            }
            return value;
        });
    }

    private V load(K key, Function<? super K, ? extends V> loader) {
        try {
            return loader.apply(key);
        } catch (RuntimeException e) {
            throw loadFailure(key, e);
        }
    }

    private CacheException loadFailure(K key, Throwable failure) {
        return failure instanceof CacheException cache ? cache : new CacheLoaderException("the getOrSet loader of key "
                + key + " of cache '" + context.name + "' failed: " + failure, failure);
    }

    /**
     * Stores {@code value} unless the key holds a value by now, in one step of the store (writer
     * called, {@code CREATED} event); returns the value the key holds afterwards.
     */
    private V store(K key, V value, Duration timeToLive) {
        if (value == null) {
            return null;
        }
        context.requireValue(value);
        if (timeToLive != null && (timeToLive.isNegative() || timeToLive.isZero())) {
            return value;
        }
        long start = context.startTimer();
        Instant now = context.clock.instant();
        Change<V> change = new Change<>();
        Object[] kept = new Object[1];
        context.step(key, change, context.loaderWriter.writeThrough(), current -> {
            if (current != null) {
                kept[0] = current.value();
                return current;
            }
            kept[0] = value;
            context.loaderWriter.write(key, value);
            change.type = EventType.CREATED;
            change.value = value;
            return context.storage.newEntry(value, timeToLive == null ? null : StorageObject.plus(now, timeToLive));
        });
        context.recordPuts(change.type == null ? 0 : 1, start);
        context.dispatch(key, change);
        @SuppressWarnings("unchecked")
        V result = (V) kept[0];
        return result;
    }

    /** Waits for a load and rethrows its failure as it was. */
    private static <V> V await(CompletableFuture<V> load) {
        try {
            return load.join();
        } catch (RuntimeException e) {
            Throwable cause = Stages.unwrap(e);
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
