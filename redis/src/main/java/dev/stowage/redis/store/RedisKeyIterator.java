package dev.stowage.redis.store;

import dev.stowage.store.StoreException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;
import org.redisson.client.RedisException;

/**
 * The store keys of one namespace, from a {@code SCAN} iterator over its Redis keys. {@code SCAN} may
 * return a key more than once; this iterator remembers what it returned and never repeats a key.
 * Redisson's failures become {@link StoreException}s. Not thread-safe (an iterator belongs to one
 * thread); {@link #remove()} is not supported.
 */
final class RedisKeyIterator implements Iterator<String> {

    private final Iterator<String> scan;
    private final KeyLayout layout;
    private final Function<RuntimeException, StoreException> failure;
    private final Set<String> seen = new HashSet<>();
    private String next;

    /**
     * Wraps a scan.
     *
     * @param scan the Redis keys matching {@link KeyLayout#ownPattern()}, not {@code null}
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
            while (next == null && scan.hasNext()) {
                String redisKey = scan.next();
                if (seen.add(redisKey)) {
                    next = layout.storeKey(redisKey);
                }
            }
            return next != null;
        } catch (RedisException e) {
            throw failure.apply(e);
        }
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String result = next;
        next = null;
        return result;
    }
}
