package dev.stowage.redis.store;

import dev.stowage.store.StorageObject;
import dev.stowage.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import org.redisson.api.RLock;
import org.redisson.api.RScript;

/**
 * The read-modify-write steps of one {@link RedisStore} namespace: {@link #optimistic} (its
 * {@code compute}) and {@link #exclusive} (its {@code computeExclusive}). Both read with
 * {@code MULTI GET PEXPIRETIME EXEC} and write with {@code compare-and-set.lua}, which changes the key
 * only if it still holds the value read. Stateless beyond its store; thread-safe.
 */
final class RedisCompute {

    /** How many lost check-and-set races {@link #optimistic} takes before it gives up. */
    private static final int MAX_ATTEMPTS = 1_000;
    /** The longest pause, in nanoseconds, between two attempts of a contended {@link #optimistic}. */
    private static final long MAX_BACKOFF_NANOS = 10_000_000L;

    private final RedisStore store;

    RedisCompute(RedisStore store) {
        this.store = store;
    }

    /**
     * Optimistic read-modify-write: read, run {@code remapping}, check-and-set; on a lost race, again
     * (at most {@value #MAX_ATTEMPTS} attempts, with a random back-off that grows to 10 ms). Holds no
     * lock; {@code remapping} may run more than once.
     */
    StorageObject optimistic(String key, String redisKey, UnaryOperator<StorageObject> remapping) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Written written = step(redisKey, remapping);
            if (written.done()) {
                return written.result();
            }
            backOff(attempt);
        }
        throw new StoreException("compute on key '" + key + "' of " + store + " lost " + MAX_ATTEMPTS
                + " races in a row against other writers of that key; the entry is unchanged");
    }

    /**
     * Read-modify-write under the key's lock, so that {@code remapping} runs exactly once: a Redisson
     * {@link RLock} named {@link KeyLayout#lockKey} (a hash with the holder's id, taken by one
     * {@code EVAL} and given back by another, which also {@code PUBLISH}es to wake waiters), held with
     * a lease of {@code lease} and no watchdog, so a holder that dies frees the key when the lease runs
     * out. Under it: read, run {@code remapping} once, and write with the check-and-set on the value
     * read. That check fences the write: a holder whose lease ran out and whose key another holder
     * changed meanwhile writes nothing and gets a {@link StoreException} (its side effect happened, its
     * write did not). Four round trips when the lock is free; a waiter waits on Redisson's lock
     * channel (Pub/Sub), for at most twice the lease.
     */
    StorageObject exclusive(String key, String redisKey, String lockKey, Duration lease,
            UnaryOperator<StorageObject> remapping) {
        RLock lock = store.client().getLock(lockKey);
        long leaseMillis = lease.toMillis();
        boolean locked = store.call(() -> {
            try {
                return lock.tryLock(2 * leaseMillis, leaseMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for the lock of key '" + key + "' of "
                        + store + "; the entry is unchanged", e);
            }
        });
        if (!locked) {
            throw new StoreException("computeExclusive on key '" + key + "' of " + store + " could not take the key's lock ("
                    + lockKey + ") within " + 2 * leaseMillis + " ms (twice its lease); the entry is unchanged");
        }
        try {
            Written written = step(redisKey, remapping);
            if (!written.done()) {
                throw new StoreException("computeExclusive on key '" + key + "' of " + store + ": the lease of the key's lock ("
                        + leaseMillis + " ms) ran out before the write and another writer changed the key; the step "
                        + "ran but its result was not written");
            }
            return written.result();
        } finally {
            unlock(lock);
        }
    }

    private void unlock(RLock lock) {
        try {
            store.call(() -> {
                lock.unlock();
                return null;
            });
        } catch (IllegalMonitorStateException e) {
            // the lease ran out while the step ran: the lock is no longer this thread's to give back
        }
    }

    /**
     * One read, {@code remapping}, and the check-and-set of its result against the value read; a
     * result that is the very entry read leaves the key untouched and counts as done.
     */
    private Written step(String redisKey, UnaryOperator<StorageObject> remapping) {
        StorageObject raw = store.readRaw(redisKey);
        StorageObject current = store.live(raw);
        StorageObject next = remapping.apply(current);
        return next == current ? new Written(true, current) : write(redisKey, raw, next);
    }

    /** What a check-and-set did: whether it wrote, and the entry now stored if it did. */
    private record Written(boolean done, StorageObject result) {
    }

    private Written write(String redisKey, StorageObject raw, StorageObject next) {
        boolean expired = next == null || next.expired(store.clock().instant());
        Object[] args = new Object[] {
                RedisArgs.text(raw == null ? "0" : "1"), raw == null ? new byte[0] : raw.data(),
                RedisArgs.text(expired ? "delete" : "set"), expired ? new byte[0] : next.data(),
                expired || next.expiresAt() == null ? new byte[0] : RedisArgs.text(RedisArgs.pxat(next.expiresAt()))};
        Long written = store.call(() -> RedisStore.COMPARE_AND_SET.call(store.script(), RScript.ReturnType.INTEGER,
                List.of(redisKey), args));
        boolean done = written != null && written == 1L;
        return new Written(done, done && !expired ? next : null);
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
