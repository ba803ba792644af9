package dev.stowage.redis.store;

import dev.stowage.store.StorageObject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RBucketAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * The multi-command read of {@link RedisStore}: value and expiry of one key in one atomic round trip
 * (listing and deletion by scan are {@link dev.stowage.redis.RedisKeyScan}'s). Stateless and thread-safe;
 * every method may throw Redisson's {@link org.redisson.client.RedisException}, which the store turns
 * into a {@link dev.stowage.store.StoreException}.
 */
final class RedisBulk {

    private RedisBulk() {
    }

    /**
     * Reads the value and absolute expiry of one key in one atomic round trip:
     * {@code MULTI; GET; PEXPIRETIME; EXEC}.
     *
     * @param client the client, not {@code null}
     * @param redisKey the Redis key, not {@code null}
     * @return the raw entry, its expiry as Redis holds it (not checked against any clock), or
     *     {@code null} when the key is absent
     */
    static StorageObject readAtomically(RedissonClient client, String redisKey) {
        return RedisDirect.await(readAtomicallyAsync(client, redisKey));
    }

    /** The asynchronous form of {@link #readAtomically}: the same transaction, no thread waiting for it. */
    static CompletionStage<StorageObject> readAtomicallyAsync(RedissonClient client, String redisKey) {
        RBatch batch = client.createBatch(BatchOptions.defaults().executionMode(BatchOptions.ExecutionMode.IN_MEMORY_ATOMIC));
        RBucketAsync<byte[]> bucket = batch.getBucket(redisKey, ByteArrayCodec.INSTANCE);
        bucket.getAsync();
        bucket.getExpireTimeAsync();
        return batch.executeAsync().thenApply(result -> {
            List<?> responses = result.getResponses();
            byte[] value = (byte[]) responses.get(0);
            if (value == null) {
                return null;
            }
            long expireTime = ((Number) responses.get(1)).longValue();
            return StorageObject.of(value, expireTime > 0 ? Instant.ofEpochMilli(expireTime) : null);
        });
    }
}
