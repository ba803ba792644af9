package dev.stowage.redis.store;

import dev.stowage.redis.LuaScript;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RBucketAsync;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisNoScriptException;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * The one-command forms of the optional operations of {@link dev.stowage.store.NamespacedStore} that
 * {@link RedisStore} overrides, on full Redis keys: {@code GETEX} (alone or pipelined),
 * {@code SET KEEPTTL} or {@code set-keeping-expiry-or-expiring-at.lua} (alone or pipelined),
 * {@code MGET}, and a {@code MULTI} of {@code GET} and {@code UNLINK} per key. Each is written once, in
 * its asynchronous form on Redisson's asynchronous API (the stages complete on the client's I/O
 * thread, failing with Redisson's {@link org.redisson.client.RedisException}); the blocking store waits
 * for them ({@link #await}), through {@link RedisAsyncStore} for the bulk ones. Stateless apart from the client; thread-safe.
 */
final class RedisDirect {

    private final RedissonClient client;

    RedisDirect(RedissonClient client) {
        this.client = client;
    }

    /**
     * Waits for a stage of this class and throws its failure as Redisson's blocking calls would: the
     * {@link org.redisson.client.RedisException} (or other unchecked exception) itself, not wrapped.
     */
    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** {@code GETEX key PXAT ms}, or {@code GETEX key PERSIST} for no expiry. */
    byte[] getAndExpireAt(String redisKey, Instant expiresAt) {
        return await(getAndExpireAtAsync(redisKey, expiresAt));
    }

    RFuture<byte[]> getAndExpireAtAsync(String redisKey, Instant expiresAt) {
        return getAndExpireAtAsync(client.<byte[]>getBucket(redisKey, ByteArrayCodec.INSTANCE), expiresAt);
    }

    /** {@code GETEX} on a bucket of the client or of a batch. */
    static RFuture<byte[]> getAndExpireAtAsync(RBucketAsync<byte[]> bucket, Instant expiresAt) {
        return expiresAt == null ? bucket.getAndClearExpireAsync()
                : bucket.getAndExpireAsync(Instant.ofEpochMilli(RedisArgs.pxat(expiresAt)));
    }

    /**
     * {@code SET key value KEEPTTL}, or, with an expiry for a new key ({@code pxatIfNew}, Unix
     * milliseconds as text), one {@code EVALSHA} of {@code set-keeping-expiry-or-expiring-at.lua}.
     */
    void setKeepingExpiry(String redisKey, byte[] value, byte[] pxatIfNew) {
        await(setKeepingExpiryAsync(redisKey, value, pxatIfNew));
    }

    CompletionStage<Void> setKeepingExpiryAsync(String redisKey, byte[] value, byte[] pxatIfNew) {
        if (pxatIfNew == null) {
            return client.<byte[]>getBucket(redisKey, ByteArrayCodec.INSTANCE).setAndKeepTTLAsync(value);
        }
        return RedisStore.SET_KEEPING_EXPIRY_OR_EXPIRING_AT.<Long>callAsync(client.getScript(ByteArrayCodec.INSTANCE),
                RScript.ReturnType.INTEGER, List.of(redisKey), value, pxatIfNew).thenApply(reply -> null);
    }

    /** A pipeline of {@code GETEX key PXAT ms} (or {@code PERSIST}); returns the values found, by full key. */

    CompletionStage<Map<String, byte[]>> getAllAndExpireAtAsync(List<String> redisKeys, Instant expiresAt) {
        if (redisKeys.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        RBatch batch = client.createBatch(BatchOptions.defaults());
        List<RFuture<byte[]>> reads = new ArrayList<>(redisKeys.size());
        for (String redisKey : redisKeys) {
            reads.add(getAndExpireAtAsync(batch.<byte[]>getBucket(redisKey, ByteArrayCodec.INSTANCE), expiresAt));
        }
        return batch.executeAsync().thenApply(done -> found(redisKeys, reads));
    }

    /** {@code MGET} (Redisson splits it by hash slot in a cluster; one cache's keys share a slot). */

    CompletionStage<Map<String, byte[]>> getAllAsync(List<String> redisKeys) {
        if (redisKeys.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return client.getBuckets(ByteArrayCodec.INSTANCE).<byte[]>getAsync(redisKeys.toArray(new String[0]));
    }

    /**
     * A pipeline of what {@link #setKeepingExpiry} sends for each entry; repeated once after loading
     * the script when a server lost it (as {@link LuaScript#pipelined} does), which is safe: the same
     * values are written again, and a key created by the first run keeps the expiry it got.
     */

    CompletionStage<Void> setAllKeepingExpiryAsync(Map<String, byte[]> entries, byte[] pxatIfNew) {
        if (entries.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (pxatIfNew == null) {
            RBatch batch = client.createBatch(BatchOptions.defaults());
            entries.forEach((redisKey, value) ->
                    batch.<byte[]>getBucket(redisKey, ByteArrayCodec.INSTANCE).setAndKeepTTLAsync(value));
            return batch.executeAsync().thenApply(done -> null);
        }
        LuaScript script = RedisStore.SET_KEEPING_EXPIRY_OR_EXPIRING_AT;
        Supplier<CompletionStage<Void>> pipeline = () -> {
            RBatch batch = client.createBatch(BatchOptions.defaults());
            entries.forEach((redisKey, value) -> script.callAsync(batch.getScript(ByteArrayCodec.INSTANCE),
                    RScript.ReturnType.INTEGER, List.of(redisKey), value, pxatIfNew));
            return batch.executeAsync().thenApply(done -> null);
        };
        return pipeline.get().exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (!(cause instanceof RedisNoScriptException)) {
                return CompletableFuture.failedFuture(cause);
            }
            return script.loadAsync(client.getScript(ByteArrayCodec.INSTANCE)).thenCompose(loaded -> pipeline.get());
        });
    }

    /**
     * {@code GET} and {@code UNLINK} of every key in one {@code MULTI}/{@code EXEC} transaction, one
     * round trip (one cache's keys share a hash slot, as a transaction needs in a cluster); returns what
     * was deleted, by full key.
     */

    CompletionStage<Map<String, byte[]>> getAndDeleteAllAsync(List<String> redisKeys) {
        if (redisKeys.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        RBatch batch = client.createBatch(BatchOptions.defaults()
                .executionMode(BatchOptions.ExecutionMode.IN_MEMORY_ATOMIC));
        List<RFuture<byte[]>> reads = new ArrayList<>(redisKeys.size());
        for (String redisKey : redisKeys) {
            var bucket = batch.<byte[]>getBucket(redisKey, ByteArrayCodec.INSTANCE);
            reads.add(bucket.getAsync());
            bucket.unlinkAsync();
        }
        return batch.executeAsync().thenApply(done -> found(redisKeys, reads));
    }

    /** The non-null replies of an executed batch, by the key each read was for. */
    private static Map<String, byte[]> found(List<String> redisKeys, List<RFuture<byte[]>> reads) {
        Map<String, byte[]> found = new LinkedHashMap<>();
        for (int i = 0; i < redisKeys.size(); i++) {
            byte[] value = reads.get(i).toCompletableFuture().join();
            if (value != null) {
                found.put(redisKeys.get(i), value);
            }
        }
        return found;
    }
}
