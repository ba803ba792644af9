package dev.stowage.redis.store;

import dev.stowage.store.AsyncStore;
import dev.stowage.store.StorageObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.redisson.api.RScript;
import org.redisson.client.RedisException;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * {@link AsyncStore} of a {@link RedisStore} namespace ({@link RedisStore#async}): every operation is
 * sent through Redisson's asynchronous API, the same commands as the blocking operation of the same
 * name ({@link RedisDirect}, {@link RedisBulk}), so no thread is parked while it is in flight. The
 * single-key commands without a script ({@code GET}, {@code GETEX}, {@code SET}, {@code SET KEEPTTL})
 * go through the root store's {@link CommandPipeline}: those sent while others are in flight leave
 * together in one batch. {@link #get} is one {@code GET}, {@link #read} one {@code MULTI GET PEXPIRETIME EXEC},
 * {@link #setExpiringAt} one {@code SET} ({@code set-expiring-at.lua}, i.e. {@code SET PXAT}, with an
 * expiry; {@code UNLINK} for one already past), {@link #getAndExpireAt} one {@code GETEX},
 * {@link #setKeepingExpiry} one {@code SET KEEPTTL} or one script, {@link #getAll} one {@code MGET},
 * {@link #getAllAndExpireAt} and {@link #setAllKeepingExpiry} pipelines, {@link #getAndDeleteAll}
 * one {@code MULTI}/{@code EXEC}.
 *
 * <p>Stages complete on the client's I/O thread. A Redis failure (including no reply within the URI's
 * {@code timeout}: Redisson makes no retry) fails the stage with the {@link dev.stowage.store.StoreException}
 * the blocking call would throw, naming the address and the cause; a closed store fails it with
 * {@link IllegalStateException}. Cancelling a stage asks Redisson to cancel its command, which it does
 * only while the command is not yet written. Thread-safe.
 */
final class RedisAsyncStore implements AsyncStore {

    private final RedisStore store;
    private final RedisDirect direct;

    RedisAsyncStore(RedisStore store) {
        this.store = store;
        this.direct = new RedisDirect(store.client());
    }

    @Override
    public CompletionStage<byte[]> get(String key) {
        String redisKey = redisKey(key);
        return call(() -> store.pipeline().send(batch -> batch.<byte[]>getBucket(redisKey, ByteArrayCodec.INSTANCE).getAsync()));
    }

    @Override
    public CompletionStage<StorageObject> read(String key) {
        String redisKey = redisKey(key);
        return call(() -> RedisBulk.readAtomicallyAsync(store.client(), redisKey)).thenApply(store::live);
    }

    @Override
    public CompletionStage<Void> setExpiringAt(String key, byte[] value, Instant expiresAt) {
        String redisKey = redisKey(key);
        Objects.requireNonNull(value, "value");
        if (expiresAt == null) {
            return call(() -> store.pipeline().send(batch -> batch.<byte[]>getBucket(redisKey, ByteArrayCodec.INSTANCE)
                    .setAsync(value)));
        }
        if (!expiresAt.isAfter(store.clock().instant())) {
            return call(() -> store.bucket(redisKey).unlinkAsync().thenApply(deleted -> null));
        }
        byte[] pxat = RedisArgs.text(RedisArgs.pxat(expiresAt));
        return call(() -> RedisStore.SET_EXPIRING_AT.<Long>callAsync(store.script(), RScript.ReturnType.INTEGER,
                List.of(redisKey), value, pxat).thenApply(reply -> null));
    }

    @Override
    public CompletionStage<byte[]> getAndExpireAt(String key, Instant expiresAt) {
        String redisKey = redisKey(key);
        return call(() -> store.pipeline().send(batch -> RedisDirect.getAndExpireAtAsync(
                batch.<byte[]>getBucket(redisKey, ByteArrayCodec.INSTANCE), expiresAt)));
    }

    @Override
    public CompletionStage<Void> setKeepingExpiry(String key, byte[] value, Instant expiresAtIfNew) {
        String redisKey = redisKey(key);
        Objects.requireNonNull(value, "value");
        byte[] pxat = expiresAtIfNew == null ? null : RedisArgs.text(RedisArgs.pxat(expiresAtIfNew));
        if (pxat == null) {
            return call(() -> store.pipeline().send(batch -> batch.<byte[]>getBucket(redisKey, ByteArrayCodec.INSTANCE)
                    .setAndKeepTTLAsync(value)));
        }
        return call(() -> direct.setKeepingExpiryAsync(redisKey, value, pxat));
    }

    @Override
    public CompletionStage<Map<String, byte[]>> getAll(List<String> keys) {
        Map<String, String> byRedisKey = redisKeys(keys);
        return call(() -> direct.getAllAsync(List.copyOf(byRedisKey.keySet()))).thenApply(found -> byKey(byRedisKey, found));
    }

    @Override
    public CompletionStage<Map<String, byte[]>> getAllAndExpireAt(List<String> keys, Instant expiresAt) {
        Map<String, String> byRedisKey = redisKeys(keys);
        return call(() -> direct.getAllAndExpireAtAsync(List.copyOf(byRedisKey.keySet()), expiresAt))
                .thenApply(found -> byKey(byRedisKey, found));
    }

    @Override
    public CompletionStage<Void> setAllKeepingExpiry(Map<String, byte[]> entries, Instant expiresAtIfNew) {
        Objects.requireNonNull(entries, "entries");
        byte[] pxat = expiresAtIfNew == null ? null : RedisArgs.text(RedisArgs.pxat(expiresAtIfNew));
        Map<String, byte[]> byRedisKey = new LinkedHashMap<>();
        entries.forEach((key, value) -> byRedisKey.put(redisKey(key), Objects.requireNonNull(value, "value")));
        return call(() -> direct.setAllKeepingExpiryAsync(byRedisKey, pxat));
    }

    @Override
    public CompletionStage<Map<String, byte[]>> getAndDeleteAll(List<String> keys) {
        Map<String, String> byRedisKey = redisKeys(keys);
        return call(() -> direct.getAndDeleteAllAsync(List.copyOf(byRedisKey.keySet())))
                .thenApply(deleted -> byKey(byRedisKey, deleted));
    }

    private String redisKey(String key) {
        return store.redisKey(Objects.requireNonNull(key, "key"));
    }

    private Map<String, String> redisKeys(List<String> keys) {
        Objects.requireNonNull(keys, "keys");
        Map<String, String> byRedisKey = new LinkedHashMap<>();
        for (String key : keys) {
            byRedisKey.put(redisKey(key), key);
        }
        return byRedisKey;
    }

    /** Re-keys what Redis returned by full key by the store keys, in the order asked for. */
    private static Map<String, byte[]> byKey(Map<String, String> byRedisKey, Map<String, byte[]> found) {
        Map<String, byte[]> result = new LinkedHashMap<>();
        byRedisKey.forEach((redisKey, key) -> {
            byte[] value = found.get(redisKey);
            if (value != null) {
                result.put(key, value);
            }
        });
        return result;
    }

    /**
     * Sends one command (or pipeline) on an open store; its failure, and a failure to send it, fail the
     * returned stage as the blocking store would throw them ({@link RedisStore#failure}).
     */
    private <T> CompletableFuture<T> call(Supplier<? extends CompletionStage<T>> command) {
        return AsyncStore.relay(() -> {
            store.checkOpen();
            return command.get();
        }, this::translate);
    }

    private Throwable translate(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof RedisException redis ? store.failure(redis) : cause;
    }

    @Override
    public String toString() {
        return "AsyncStore[" + store + "]";
    }
}
