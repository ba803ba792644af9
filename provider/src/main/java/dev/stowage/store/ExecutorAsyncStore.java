package dev.stowage.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * {@link AsyncStore} by running each blocking call of a store on an executor
 * ({@link AsyncStore#onExecutor}): the default of every backend without an asynchronous API of its own.
 * Arguments are checked on the caller's thread, so a {@code null} throws at once. Thread-safe.
 */
final class ExecutorAsyncStore implements AsyncStore {

    private final NamespacedStore store;
    private final Executor executor;

    ExecutorAsyncStore(NamespacedStore store, Executor executor) {
        this.store = Objects.requireNonNull(store, "store");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    private <T> CompletionStage<T> run(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, executor);
    }

    @Override
    public CompletionStage<byte[]> get(String key) {
        Objects.requireNonNull(key, "key");
        return run(() -> store.get(key, null));
    }

    @Override
    public CompletionStage<StorageObject> read(String key) {
        Objects.requireNonNull(key, "key");
        return run(() -> store.read(key));
    }

    @Override
    public CompletionStage<Void> setExpiringAt(String key, byte[] value, Instant expiresAt) {
        Objects.requireNonNull(key, "key");
        StorageObject fresh = StorageObject.of(Objects.requireNonNull(value, "value"), expiresAt);
        return run(() -> {
            store.compute(key, current -> fresh);
            return null;
        });
    }

    @Override
    public CompletionStage<byte[]> getAndExpireAt(String key, Instant expiresAt) {
        Objects.requireNonNull(key, "key");
        return run(() -> store.getAndExpireAt(key, expiresAt));
    }

    @Override
    public CompletionStage<Void> setKeepingExpiry(String key, byte[] value, Instant expiresAtIfNew) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return run(() -> {
            store.setKeepingExpiry(key, value, expiresAtIfNew);
            return null;
        });
    }

    @Override
    public CompletionStage<Map<String, byte[]>> getAll(List<String> keys) {
        List<String> copy = List.copyOf(keys);
        return run(() -> store.getAll(copy));
    }

    @Override
    public CompletionStage<Map<String, byte[]>> getAllAndExpireAt(List<String> keys, Instant expiresAt) {
        List<String> copy = List.copyOf(keys);
        return run(() -> store.getAllAndExpireAt(copy, expiresAt));
    }

    @Override
    public CompletionStage<Void> setAllKeepingExpiry(Map<String, byte[]> entries, Instant expiresAtIfNew) {
        Map<String, byte[]> copy = Map.copyOf(entries);
        return run(() -> {
            store.setAllKeepingExpiry(copy, expiresAtIfNew);
            return null;
        });
    }

    @Override
    public CompletionStage<Map<String, byte[]>> getAndDeleteAll(List<String> keys) {
        List<String> copy = List.copyOf(keys);
        return run(() -> store.getAndDeleteAll(copy));
    }

    @Override
    public String toString() {
        return "AsyncStore[" + store + " on " + executor + "]";
    }
}
