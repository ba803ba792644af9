package dev.stowage.redis.store;

import dev.stowage.store.StorageObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RBucketAsync;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * The multi-command steps of {@link RedisStore}, each one round trip or a cursor of them: an atomic
 * read of value and expiry, and {@code SCAN}-based listing and deletion. Stateless and thread-safe;
 * every method may throw Redisson's {@link org.redisson.client.RedisException}, which the store turns
 * into a {@link dev.stowage.store.StoreException}.
 */
final class RedisBulk {

    /** How many keys one {@code SCAN} step asks for, and one {@code UNLINK} deletes. */
    static final int BATCH = 500;

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
        RBatch batch = client.createBatch(BatchOptions.defaults().executionMode(BatchOptions.ExecutionMode.IN_MEMORY_ATOMIC));
        RBucketAsync<byte[]> bucket = batch.getBucket(redisKey, ByteArrayCodec.INSTANCE);
        bucket.getAsync();
        bucket.getExpireTimeAsync();
        BatchResult<?> result = batch.execute();
        List<?> responses = result.getResponses();
        byte[] value = (byte[]) responses.get(0);
        if (value == null) {
            return null;
        }
        long expireTime = ((Number) responses.get(1)).longValue();
        return StorageObject.of(value, expireTime > 0 ? Instant.ofEpochMilli(expireTime) : null);
    }

    /**
     * Iterates the Redis keys matching {@code pattern} with {@code SCAN MATCH pattern COUNT 500}, on
     * every master of a cluster. The cursor runs lazily as the iterator is consumed.
     *
     * @param client the client, not {@code null}
     * @param pattern a glob pattern whose literal part holds no glob character, not {@code null}
     * @return the keys, possibly with repeats (as {@code SCAN} gives them)
     */
    static Iterator<String> scan(RedissonClient client, String pattern) {
        return client.getKeys().getKeys(KeysScanOptions.defaults().pattern(pattern).chunkSize(BATCH)).iterator();
    }

    /**
     * Deletes every key that matches {@code pattern} and that {@code filter} accepts: {@code SCAN} from
     * the client, {@code UNLINK} in batches of 500 (per hash slot on a cluster). Never scans inside a
     * script, so the server is never blocked for long.
     *
     * @param client the client, not {@code null}
     * @param pattern the pattern, as for {@link #scan}
     * @param filter which of the matching keys to delete (e.g. {@link KeyLayout#holds(String)}), not
     *     {@code null}; called on the calling thread
     * @return how many keys were unlinked
     */
    static long unlinkMatching(RedissonClient client, String pattern, Predicate<String> filter) {
        Iterator<String> keys = scan(client, pattern);
        List<String> batch = new ArrayList<>(BATCH);
        long unlinked = 0;
        while (keys.hasNext()) {
            String key = keys.next();
            if (!filter.test(key)) {
                continue;
            }
            batch.add(key);
            if (batch.size() == BATCH) {
                unlinked += client.getKeys().unlink(batch.toArray(new String[0]));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            unlinked += client.getKeys().unlink(batch.toArray(new String[0]));
        }
        return unlinked;
    }
}
