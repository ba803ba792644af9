package dev.stowage.redis.store;

import dev.stowage.store.StorageObject;
import dev.stowage.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import org.redisson.api.RScript;

/**
 * The read-modify-write steps of one {@link RedisStore} namespace: {@link #optimistic} (its
 * {@code compute}: reads with {@code MULTI GET PEXPIRETIME EXEC}) and {@link #exclusive} (its
 * {@code computeExclusive}: {@code lock-and-read.lua}). Both write with {@code write-and-unlock.lua},
 * which changes the key only if it still holds the value read and no other step holds the key's lock.
 * Stateless beyond its store; thread-safe.
 */
final class RedisCompute {

    /** How many lost check-and-set races {@link #optimistic} takes before it gives up. */
    private static final int MAX_ATTEMPTS = 1_000;
    /** The longest pause, in nanoseconds, between two attempts of a contended {@link #optimistic}. */
    private static final long MAX_BACKOFF_NANOS = 10_000_000L;

    /** The token of a step that holds no lock ({@link #optimistic}): never a lock's value. */
    private static final byte[] NO_TOKEN = new byte[0];
    /** The longest pause, in milliseconds, between two tries of a step waiting for a key's lock. */
    private static final long MAX_WAIT_MILLIS = 5;
    /** What an exclusive step's function returned when it changed nothing. */
    private static final StorageObject KEEP = StorageObject.of(new byte[0], null);
    /** This JVM's lock tokens: a random prefix and a counter, unique across processes. */
    private static final String TOKEN_PREFIX = UUID.randomUUID() + ":";
    private static final AtomicLong TOKENS = new AtomicLong();

    private final RedisStore store;

    RedisCompute(RedisStore store) {
        this.store = store;
    }

    /**
     * Optimistic read-modify-write: read, run {@code remapping}, write if the key still holds the value
     * read and no exclusive step holds its lock; on a lost race, again (at most {@value #MAX_ATTEMPTS}
     * attempts, with a random back-off that grows to 10 ms). Takes no lock; {@code remapping} may run
     * more than once.
     */
    StorageObject optimistic(String key, String redisKey, String lockKey, UnaryOperator<StorageObject> remapping) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Written written = step(redisKey, lockKey, remapping);
            if (written.done()) {
                return written.result();
            }
            backOff(attempt);
        }
        throw new StoreException("compute on key '" + key + "' of " + store + " lost " + MAX_ATTEMPTS
                + " races in a row against other writers of that key; the entry is unchanged");
    }

    /**
     * Read-modify-write under the key's lock, so that {@code remapping} runs exactly once, in two round
     * trips when the lock is free:
     * <ol>
     *   <li>{@code lock-and-read.lua} takes the lock {@link KeyLayout#lockKey} ({@code SET NX PX lease}
     *       with a token of this step's own, so a holder that dies frees the key when the lease runs out)
     *       and reads the key's value and expiry; when another step holds the lock, it returns the
     *       lock's remaining lease and this step waits and tries again (a random pause growing from
     *       0.1 ms to {@value #MAX_WAIT_MILLIS} ms, never past the lock's end), for at most twice the
     *       lease;</li>
     *   <li>{@code remapping} runs once; the change-feed messages it publishes to this namespace's feed
     *       on this thread are held ({@link HeldMessages});</li>
     *   <li>{@code write-and-unlock.lua} writes the result, publishes the held messages and deletes the
     *       lock, all in one step, fenced: only if no other step took the lock meanwhile (after this
     *       one's lease ran out) and the key still holds what was read. A fenced-off step writes and
     *       publishes nothing and gets a {@link StoreException}: its side effect happened, its write did
     *       not.</li>
     * </ol>
     * When {@code remapping} throws, the lock is given back (same script, writing nothing) and the
     * exception propagates.
     */
    StorageObject exclusive(String key, String redisKey, String lockKey, Duration lease,
            UnaryOperator<StorageObject> remapping) {
        byte[] token = RedisArgs.text(TOKEN_PREFIX + TOKENS.incrementAndGet());
        long leaseMillis = Math.max(1, lease.toMillis());
        List<Object> keys = List.of(redisKey, lockKey);
        StorageObject raw = lockAndRead(key, keys, token, leaseMillis, lockKey);
        StorageObject next;
        HeldMessages held = HeldMessages.open(store);
        try {
            StorageObject current = store.live(raw);
            next = remapping.apply(current);
            if (next == current) {
                next = KEEP;
            }
        } catch (RuntimeException | Error e) {
            held.close();
            try {
                writeAndUnlock(keys, token, raw, KEEP, List.of(), null);
            } catch (RuntimeException release) {
                e.addSuppressed(release);
            }
            throw e;
        }
        held.close();
        if (!writeAndUnlock(keys, token, raw, next, held.messages(), store.layout().toString())) {
            throw new StoreException("computeExclusive on key '" + key + "' of " + store + ": the lease of the key's lock ("
                    + leaseMillis + " ms) ran out before the write and another writer took the lock or changed the key; "
                    + "the step ran but its result was not written");
        }
        return next == KEEP ? store.live(raw) : next == null || next.expired(store.clock().instant()) ? null : next;
    }

    /** Takes the key's lock and reads the key ({@code lock-and-read.lua}), waiting while another step holds it. */
    private StorageObject lockAndRead(String key, List<Object> keys, byte[] token, long leaseMillis, String lockKey) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2 * leaseMillis);
        byte[] lease = RedisArgs.text(leaseMillis);
        for (int attempt = 0; ; attempt++) {
            List<Object> reply = store.call(() -> RedisStore.LOCK_AND_READ.call(store.script(), RScript.ReturnType.MULTI,
                    keys, token, lease));
            if (((Number) reply.get(0)).longValue() == 1L) {
                byte[] value = reply.size() > 1 ? (byte[]) reply.get(1) : null;
                if (value == null) {
                    return null;
                }
                long expireTime = ((Number) reply.get(2)).longValue();
                return StorageObject.of(value, expireTime > 0 ? Instant.ofEpochMilli(expireTime) : null);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new StoreException("computeExclusive on key '" + key + "' of " + store + " could not take the key's lock ("
                        + lockKey + ") within " + 2 * leaseMillis + " ms (twice its lease); the entry is unchanged");
            }
            long lockLeft = TimeUnit.MILLISECONDS.toNanos(Math.max(1, ((Number) reply.get(1)).longValue()));
            long ceiling = Math.min(TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS), 100_000L << Math.min(attempt, 10));
            LockSupport.parkNanos(Math.min(Math.min(lockLeft, remaining),
                    ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1)));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for the lock of key '" + key + "' of "
                        + store + "; the entry is unchanged");
            }
        }
    }

    /**
     * Runs {@code write-and-unlock.lua}: writes {@code next} ({@link #KEEP}: nothing), publishes
     * {@code messages} to the namespace's change-feed channel, numbered by its sequence counter
     * ({@link RedisChangeFeed#sequenceKey}) and kept in its history ({@link RedisChangeFeed#historyKey}),
     * and deletes the lock if it is still this step's. Returns whether it wrote (or kept); {@code false} when fenced off.
     */
    private boolean writeAndUnlock(List<Object> keys, byte[] token, StorageObject raw, StorageObject next,
            List<byte[]> messages, String path) {
        boolean keep = next == KEEP;
        boolean delete = !keep && (next == null || next.expired(store.clock().instant()));
        Object[] args = new Object[7 + messages.size()];
        args[0] = token;
        args[1] = RedisArgs.text(raw == null ? "0" : "1");
        args[2] = raw == null ? new byte[0] : raw.data();
        args[3] = RedisArgs.text(keep ? "keep" : delete ? "delete" : "set");
        args[4] = keep || delete ? new byte[0] : next.data();
        args[5] = keep || delete || next.expiresAt() == null ? new byte[0] : RedisArgs.text(RedisArgs.pxat(next.expiresAt()));
        args[6] = messages.isEmpty() ? new byte[0] : RedisArgs.text(RedisChangeFeed.redisChannel(path));
        for (int i = 0; i < messages.size(); i++) {
            args[7 + i] = messages.get(i);
        }
        List<Object> scriptKeys = messages.isEmpty() ? keys
                : List.of(keys.get(0), keys.get(1), RedisChangeFeed.sequenceKey(path), RedisChangeFeed.historyKey(path));
        Long written = store.call(() -> RedisStore.WRITE_AND_UNLOCK.call(store.script(), RScript.ReturnType.INTEGER,
                scriptKeys, args));
        return written != null && written == 1L;
    }

    /**
     * One read, {@code remapping}, and the fenced write of its result ({@code write-and-unlock.lua}
     * without a token of its own: it writes only while no exclusive step holds the key's lock and the
     * key still holds the value read); a result that is the very entry read leaves the key untouched and
     * counts as done.
     */
    private Written step(String redisKey, String lockKey, UnaryOperator<StorageObject> remapping) {
        StorageObject raw = store.readRaw(redisKey);
        StorageObject current = store.live(raw);
        StorageObject next = remapping.apply(current);
        if (next == current) {
            return new Written(true, current);
        }
        boolean done = writeAndUnlock(List.of(redisKey, lockKey), NO_TOKEN, raw, next, List.of(), null);
        return new Written(done, done && next != null && !next.expired(store.clock().instant()) ? next : null);
    }

    /** What a step's write did: whether it wrote, and the entry now stored if it did. */
    private record Written(boolean done, StorageObject result) {
    }

    /**
     * Waits before the next attempt of an optimistic step that lost a race: a spin for the first few
     * attempts, then a random pause that doubles up to {@link #MAX_BACKOFF_NANOS}, so that contending
     * writers do not run in lock step.
     */
    private static void backOff(int attempt) {
        if (attempt < 3) {
            Thread.onSpinWait();
            return;
        }
        long ceiling = Math.min(MAX_BACKOFF_NANOS, 10_000L << Math.min(attempt, 20));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}
