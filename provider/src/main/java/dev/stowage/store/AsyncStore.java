package dev.stowage.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The asynchronous form of the operations a JCache cache calls on its hot paths: a view of one
 * {@link NamespacedStore} namespace, obtained with {@link NamespacedStore#async(java.util.concurrent.Executor)}.
 * Each method means exactly what the blocking operation of the same name means (same atomicity, same
 * expiry rules, same {@code null}s) and returns a stage of its result instead of waiting for it.
 *
 * <p>Where a stage completes: the default ({@link #onExecutor}) runs the blocking call on the executor
 * given to {@link NamespacedStore#async(java.util.concurrent.Executor) async}, so a third party's
 * store, memory and file work unchanged and never do their work on the caller's thread; Redis sends the
 * command through Redisson's asynchronous API and completes the stage on the client's I/O thread, with
 * no thread parked while the command is in flight. Dependent actions that block must therefore be added
 * with an executor ({@code thenApplyAsync(f, executor)}).
 *
 * <p>Failures: the stage fails with {@link StoreException} (naming the address or path) when the
 * backend fails, {@link IllegalStateException} when the store is closed; {@link NullPointerException}
 * for a {@code null} key or value is thrown by the call itself. Calls in flight together are not
 * ordered with respect to each other: chain on a stage to order two calls. Thread-safe.
 */
public interface AsyncStore {

    /**
     * The asynchronous form of {@link Store#get(String, java.time.Duration) get(key, null)} (Redis {@code GET}).
     *
     * @param key the key, not {@code null}
     * @return a stage of a copy of the value, or of {@code null} when absent or expired
     * @throws NullPointerException if {@code key} is {@code null}
     */
    CompletionStage<byte[]> get(String key);

    /**
     * The asynchronous form of {@link NamespacedStore#read(String)} (Redis {@code MULTI GET PEXPIRETIME EXEC}).
     *
     * @param key the key, not {@code null}
     * @return a stage of the live entry with its expiry, or of {@code null} when absent or expired
     * @throws NullPointerException if {@code key} is {@code null}
     */
    CompletionStage<StorageObject> read(String key);

    /**
     * Writes {@code value} with an absolute expiry in one atomic step, replacing what the key held: the
     * asynchronous form of a {@link NamespacedStore#compute} that returns
     * {@code StorageObject.of(value, expiresAt)} (Redis {@code SET}, or {@code set-expiring-at.lua}
     * with an expiry: {@code SET PXAT}). An expiry not after now deletes the key.
     *
     * @param key the key, not {@code null}
     * @param value the bytes, not {@code null}; the store keeps its own copy
     * @param expiresAt the absolute expiry, or {@code null} for none
     * @return a stage that completes when the value is written
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     */
    CompletionStage<Void> setExpiringAt(String key, byte[] value, Instant expiresAt);

    /**
     * The asynchronous form of {@link NamespacedStore#getAndExpireAt(String, Instant)} (Redis {@code GETEX}).
     *
     * @param key the key, not {@code null}
     * @param expiresAt the new absolute expiry, or {@code null} for none
     * @return a stage of a copy of the value, or of {@code null} when absent (then nothing changes)
     * @throws NullPointerException if {@code key} is {@code null}
     */
    CompletionStage<byte[]> getAndExpireAt(String key, Instant expiresAt);

    /**
     * The asynchronous form of {@link NamespacedStore#setKeepingExpiry(String, byte[], Instant)}
     * (Redis {@code SET KEEPTTL}, or one script with an expiry for a new key).
     *
     * @param key the key, not {@code null}
     * @param value the bytes, not {@code null}
     * @param expiresAtIfNew the absolute expiry of a new entry, after now; {@code null} for none
     * @return a stage that completes when the value is written
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     */
    CompletionStage<Void> setKeepingExpiry(String key, byte[] value, Instant expiresAtIfNew);

    /**
     * The asynchronous form of {@link NamespacedStore#getAll(List)} (Redis {@code MGET}).
     *
     * @param keys the keys, not {@code null}, none {@code null}
     * @return a stage of the values found by key, in the order of {@code keys}
     * @throws NullPointerException if {@code keys} or one of them is {@code null}
     */
    CompletionStage<Map<String, byte[]>> getAll(List<String> keys);

    /**
     * The asynchronous form of {@link NamespacedStore#getAllAndExpireAt(List, Instant)} (Redis:
     * {@code GETEX} pipelined).
     *
     * @param keys the keys, not {@code null}, none {@code null}
     * @param expiresAt the new absolute expiry, or {@code null} for none
     * @return a stage of the values found by key, in the order of {@code keys}
     * @throws NullPointerException if {@code keys} or one of them is {@code null}
     */
    CompletionStage<Map<String, byte[]>> getAllAndExpireAt(List<String> keys, Instant expiresAt);

    /**
     * The asynchronous form of {@link NamespacedStore#setAllKeepingExpiry(Map, Instant)} (Redis:
     * pipelined).
     *
     * @param entries the keys and values, not {@code null}, no key or value {@code null}
     * @param expiresAtIfNew the absolute expiry of the new entries, after now; {@code null} for none
     * @return a stage that completes when every entry is written
     * @throws NullPointerException if {@code entries} or a key or value in it is {@code null}
     */
    CompletionStage<Void> setAllKeepingExpiry(Map<String, byte[]> entries, Instant expiresAtIfNew);

    /**
     * The asynchronous form of {@link NamespacedStore#getAndDeleteAll(List)} (Redis: one
     * {@code MULTI}/{@code EXEC} of {@code GET} and {@code UNLINK} per key).
     *
     * @param keys the keys, not {@code null}, none {@code null}
     * @return a stage of the live values that were deleted, by key, in the order of {@code keys}
     * @throws NullPointerException if {@code keys} or one of them is {@code null}
     */
    CompletionStage<Map<String, byte[]>> getAndDeleteAll(List<String> keys);

    /**
     * Returns the asynchronous view that runs each blocking call of {@code store} on {@code executor}:
     * the default of {@link NamespacedStore#async(java.util.concurrent.Executor)}, which memory, file and
     * third-party stores use. A call parks one of the executor's threads while the blocking call runs;
     * a stage cancelled before its task starts never runs it.
     *
     * @param store the store, not {@code null}
     * @param executor where the blocking calls run, not {@code null}
     * @return the view
     * @throws NullPointerException if an argument is {@code null}
     */
    static AsyncStore onExecutor(NamespacedStore store, java.util.concurrent.Executor executor) {
        return new ExecutorAsyncStore(store, executor);
    }

    /**
     * Starts {@code call} and relays its outcome through a new stage, each failure passed through
     * {@code translate} (a backend's exceptions into {@link StoreException}s, a store's into the
     * caller's): the one relay of the asynchronous paths. An exception {@code call} throws is
     * delivered through the returned stage too, never thrown. Cancelling the returned stage cancels the
     * stage of {@code call} (on Redis, a command not yet written is then never sent).
     *
     * @param <T> the result's type
     * @param call starts the operation, not {@code null}
     * @param translate turns a failure (as the stage reports it, possibly a
     *     {@link java.util.concurrent.CompletionException}) into the one to deliver, not {@code null}
     * @return a new stage of the same result
     * @throws NullPointerException if an argument is {@code null}
     */
    static <T> CompletableFuture<T> relay(Supplier<? extends CompletionStage<T>> call,
            UnaryOperator<Throwable> translate) {
        Objects.requireNonNull(translate, "translate");
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(translate.apply(e));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(translate.apply(failure));
            }
        });
        result.whenComplete((value, failure) -> {
            if (result.isCancelled()) {
                stage.toCompletableFuture().cancel(false);
            }
        });
        return result;
    }
}
