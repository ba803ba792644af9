package dev.stowage.redis.store;

import dev.stowage.redis.RedisKeyScan;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StorageObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Lets the {@link dev.stowage.store.StoreContract}'s hand-moved clock stand for Redis's clock. Redis
 * expires a key when its own clock reaches the key's {@code PXAT}; a test cannot move that clock. So
 * before every operation, when the test clock has moved since the last one, this decorator does what
 * Redis does when its clock gets there: it deletes every key under the test's root whose
 * {@code PEXPIRETIME} is not after the test clock's now. Everything else is the {@link RedisStore}'s
 * own behaviour, delegated unchanged, its one-command optional operations included. Thread-safe.
 */
final class ClockSweptStore implements NamespacedStore {

    private final RedisStore store;
    private final Sweeper sweeper;

    private ClockSweptStore(RedisStore store, Sweeper sweeper) {
        this.store = store;
        this.sweeper = sweeper;
    }

    /**
     * Wraps a root store whose clock is {@code clock}.
     *
     * @param root the root store, on {@code clock}
     * @param clock the test clock
     * @return the decorated root
     */
    static ClockSweptStore over(RedisStore root, Clock clock) {
        return new ClockSweptStore(root, new Sweeper(root, clock));
    }

    /** Deletes the keys the test clock says are expired, once per clock reading. */
    private static final class Sweeper {
        private final RedisStore root;
        private final Clock clock;
        private Instant swept;

        Sweeper(RedisStore root, Clock clock) {
            this.root = root;
            this.clock = clock;
            this.swept = clock.instant();
        }

        synchronized void sweep() {
            Instant now = clock.instant();
            if (now.equals(swept)) {
                return;
            }
            swept = now;
            Iterator<String> keys = RedisKeyScan.keys(root.client(), root.layout().treePattern());
            while (keys.hasNext()) {
                String key = keys.next();
                long expireTime = root.bucket(key).getExpireTime();
                if (expireTime > 0 && expireTime <= now.toEpochMilli()) {
                    root.bucket(key).unlink();
                }
            }
        }
    }

    private void sweep() {
        sweeper.sweep();
    }

    @Override
    public NamespacedStore withNamespace(String namespace) {
        return new ClockSweptStore(store.withNamespace(namespace), sweeper);
    }

    @Override
    public List<String> namespace() {
        return store.namespace();
    }

    @Override
    public StorageObject compute(String key, UnaryOperator<StorageObject> remapping) {
        sweep();
        return store.compute(key, remapping);
    }

    @Override
    public StorageObject computeExclusive(String key, UnaryOperator<StorageObject> remapping) {
        sweep();
        return store.computeExclusive(key, remapping);
    }

    @Override
    public StorageObject read(String key) {
        sweep();
        return store.read(key);
    }

    @Override
    public Iterator<String> keys() {
        sweep();
        return store.keys();
    }

    @Override
    public long deleteExpired() {
        sweep();
        return store.deleteExpired();
    }

    @Override
    public void set(String key, byte[] value, Duration expiresIn) {
        sweep();
        store.set(key, value, expiresIn);
    }

    @Override
    public byte[] get(String key, Duration renewFor) {
        sweep();
        return store.get(key, renewFor);
    }

    @Override
    public void delete(String key) {
        sweep();
        store.delete(key);
    }

    @Override
    public void deleteAll() {
        sweep();
        store.deleteAll();
    }

    @Override
    public boolean exists(String key) {
        sweep();
        return store.exists(key);
    }

    @Override
    public Optional<Duration> expiresIn(String key) {
        sweep();
        return store.expiresIn(key);
    }

    @Override
    public Clock clock() {
        return store.clock();
    }

    @Override
    public byte[] getAndExpireAt(String key, Instant expiresAt) {
        sweep();
        return store.getAndExpireAt(key, expiresAt);
    }

    @Override
    public Map<String, byte[]> getAllAndExpireAt(List<String> keys, Instant expiresAt) {
        sweep();
        return store.getAllAndExpireAt(keys, expiresAt);
    }

    @Override
    public void setKeepingExpiry(String key, byte[] value, Instant expiresAtIfNew) {
        sweep();
        store.setKeepingExpiry(key, value, expiresAtIfNew);
    }

    @Override
    public Map<String, byte[]> getAll(List<String> keys) {
        sweep();
        return store.getAll(keys);
    }

    @Override
    public void setAllKeepingExpiry(Map<String, byte[]> entries, Instant expiresAtIfNew) {
        sweep();
        store.setAllKeepingExpiry(entries, expiresAtIfNew);
    }

    @Override
    public Map<String, byte[]> getAndDeleteAll(List<String> keys) {
        sweep();
        return store.getAndDeleteAll(keys);
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return "ClockSwept" + store;
    }
}
