package dev.stowage.redis.store;

import dev.stowage.store.StoreException;
import java.util.Iterator;
import java.util.function.Function;
import org.redisson.client.RedisException;

/**
 * The store keys of one namespace, from a scan of its Redis keys
 * ({@link dev.stowage.redis.RedisKeyScan#keys}, which never repeats a key). Redisson's failures
 * become {@link StoreException}s. Not thread-safe (an iterator belongs to one thread);
 * {@link #remove()} is not supported.
 */
final class RedisKeyIterator implements Iterator<String> {

    private final Iterator<String> scan;
    private final KeyLayout layout;
    private final Function<RuntimeException, StoreException> failure;

    /**
     * Wraps a scan.
     *
     * @param scan the Redis keys matching {@link KeyLayout#ownPattern()}, each once, not {@code null}
     * @param layout the namespace's layout, not {@code null}
     * @param failure turns a Redisson failure into the store's exception, not {@code null}
     */
    RedisKeyIterator(Iterator<String> scan, KeyLayout layout, Function<RuntimeException, StoreException> failure) {
        this.scan = scan;
        this.layout = layout;
        this.failure = failure;
    }

    @Override
    public boolean hasNext() {
        try {
            return scan.hasNext();
        } catch (RedisException e) {
            throw failure.apply(e);
        }
    }

    @Override
    public String next() {
        try {
            return layout.storeKey(scan.next());
        } catch (RedisException e) {
            throw failure.apply(e);
        }
    }
}
