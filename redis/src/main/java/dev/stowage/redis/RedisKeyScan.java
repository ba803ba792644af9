package dev.stowage.redis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Predicate;
import org.redisson.api.RKeys;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;

/**
 * The one key scan of the Redis backends: {@code SCAN MATCH pattern COUNT 500} from the client, on
 * every master of a cluster, never inside a script (so the server is never blocked for long), and
 * deletion with {@code UNLINK} in batches of {@value #BATCH} (split by hash slot on a cluster). Used
 * by the store's {@code keys()} / {@code deleteAll()} and the streams backend's {@code flushAll()}.
 * Stateless and thread-safe; every method may throw Redisson's
 * {@link org.redisson.client.RedisException}.
 */
public final class RedisKeyScan {

    /** How many keys one {@code SCAN} step asks for, and one {@code UNLINK} deletes. */
    public static final int BATCH = 500;

    private RedisKeyScan() {
    }

    /**
     * Iterates the keys matching {@code pattern}, each once: {@code SCAN} may return a key more than
     * once, this iterator never does. The cursor runs lazily as the iterator is consumed; weakly
     * consistent (a key added or removed meanwhile may or may not show).
     *
     * @param client the client, not {@code null}
     * @param pattern a glob pattern, not {@code null}
     * @return the keys; {@link Iterator#remove()} is not supported; not thread-safe
     */
    public static Iterator<String> keys(RedissonClient client, String pattern) {
        Iterator<String> scan = client.getKeys().getKeys(KeysScanOptions.defaults().pattern(pattern).chunkSize(BATCH))
                .iterator();
        return new Iterator<>() {
            private final Set<String> seen = new HashSet<>();
            private String next;

            @Override
            public boolean hasNext() {
                while (next == null && scan.hasNext()) {
                    String key = scan.next();
                    if (seen.add(key)) {
                        next = key;
                    }
                }
                return next != null;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String key = next;
                next = null;
                return key;
            }
        };
    }

    /**
     * Deletes every key matching {@code pattern}: {@link #keys} and {@code UNLINK} per batch. Not
     * atomic: a key written meanwhile may survive.
     *
     * @param client the client, not {@code null}
     * @param pattern a glob pattern, not {@code null}
     * @return how many keys were unlinked
     */
    public static long unlink(RedissonClient client, String pattern) {
        return unlink(client, pattern, key -> true);
    }

    /**
     * Deletes every key matching {@code pattern} that {@code filter} accepts: {@link #keys} and
     * {@code UNLINK} per batch. For key spaces a glob cannot describe exactly (the store's namespace
     * tree): the pattern narrows the scan, the filter decides. Not atomic: a key written meanwhile
     * may survive.
     *
     * @param client the client, not {@code null}
     * @param pattern a glob pattern, not {@code null}
     * @param filter which of the matching keys to delete, not {@code null}; called on the calling thread
     * @return how many keys were unlinked
     */
    public static long unlink(RedissonClient client, String pattern, Predicate<String> filter) {
        RKeys redisKeys = client.getKeys();
        Iterator<String> keys = keys(client, pattern);
        List<String> batch = new ArrayList<>(BATCH);
        long unlinked = 0;
        while (keys.hasNext()) {
            String key = keys.next();
            if (!filter.test(key)) {
                continue;
            }
            batch.add(key);
            if (batch.size() == BATCH) {
                unlinked += redisKeys.unlink(batch.toArray(new String[0]));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            unlinked += redisKeys.unlink(batch.toArray(new String[0]));
        }
        return unlinked;
    }
}
