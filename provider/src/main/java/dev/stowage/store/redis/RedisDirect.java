package dev.stowage.store.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * The one-command operations of {@link RedisStore} ({@link dev.stowage.store.DirectStore}) on full
 * Redis keys: {@code GETEX}, {@code SET KEEPTTL}, {@code MGET}, and pipelined batches of
 * {@code SET KEEPTTL} and {@code GETDEL}. Stateless apart from the client; thread-safe.
 */
final class RedisDirect {

    private final RedissonClient client;

    RedisDirect(RedissonClient client) {
        this.client = client;
    }

    /** {@code GETEX key PXAT ms}, or {@code GETEX key PERSIST} for no expiry. */
    byte[] getAndExpireAt(String redisKey, Instant expiresAt) {
        var bucket = client.<byte[]>getBucket(redisKey, ByteArrayCodec.INSTANCE);
        return expiresAt == null ? bucket.getAndClearExpire()
                : bucket.getAndExpire(Instant.ofEpochMilli(RedisStore.pxat(expiresAt)));
    }

    /** {@code SET key value KEEPTTL}. */
    void setKeepingExpiry(String redisKey, byte[] value) {
        client.<byte[]>getBucket(redisKey, ByteArrayCodec.INSTANCE).setAndKeepTTL(value);
    }

    /** {@code MGET} (Redisson splits it by hash slot in a cluster; one cache's keys share a slot). */
    Map<String, byte[]> getAll(List<String> redisKeys) {
        if (redisKeys.isEmpty()) {
            return Map.of();
        }
        return client.getBuckets(ByteArrayCodec.INSTANCE).get(redisKeys.toArray(new String[0]));
    }

    /** A pipeline of {@code SET key value KEEPTTL}. */
    void setAllKeepingExpiry(Map<String, byte[]> entries) {
        if (entries.isEmpty()) {
            return;
        }
        RBatch batch = client.createBatch(BatchOptions.defaults());
        entries.forEach((redisKey, value) -> batch.<byte[]>getBucket(redisKey, ByteArrayCodec.INSTANCE)
                .setAndKeepTTLAsync(value));
        batch.execute();
    }

    /** A pipeline of {@code GETDEL key}; returns what was deleted, by full key. */
    Map<String, byte[]> getAndDeleteAll(List<String> redisKeys) {
        if (redisKeys.isEmpty()) {
            return Map.of();
        }
        RBatch batch = client.createBatch(BatchOptions.defaults());
        List<RFuture<byte[]>> futures = new ArrayList<>(redisKeys.size());
        for (String redisKey : redisKeys) {
            futures.add(batch.<byte[]>getBucket(redisKey, ByteArrayCodec.INSTANCE).getAndDeleteAsync());
        }
        BatchResult<?> result = batch.execute();
        Map<String, byte[]> deleted = new LinkedHashMap<>();
        List<?> responses = result.getResponses();
        for (int i = 0; i < redisKeys.size(); i++) {
            Object value = responses.get(i);
            if (value instanceof byte[] bytes) {
                deleted.put(redisKeys.get(i), bytes);
            }
        }
        return deleted;
    }
}
