package dev.stowage.benchmarks;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;

/**
 * One call of the 90/10 mix of {@link RedisNearCacheMixBenchmark}, the same in both JVMs: 10% {@code put}
 * a new version of the key's value (its version, from the shared {@link MixTable}, in its first 8 bytes;
 * the put's return recorded in the table), 90% {@code get}, checked against the table: a read is stale
 * when it returns a version older than the key's newest one whose {@code put} had returned more than
 * {@value RedisNearCacheMixBenchmark#BOUND_MILLIS} ms before the read started. Stateless and thread-safe.
 */
final class NearMixCall {

    private NearMixCall() {
    }

    /** The name of key {@code index}, in both JVMs. */
    static String key(int index) {
        return "k" + index;
    }

    /**
     * A value of {@link RedisData#VALUE_BYTES} random bytes starting with {@code version}.
     *
     * @param version the version
     * @param random the thread's random source
     * @return the value
     */
    static byte[] value(long version, SplittableRandom random) {
        byte[] value = Bench.bytes(random, RedisData.VALUE_BYTES);
        ByteBuffer.wrap(value).putLong(0, version);
        return value;
    }

    /**
     * Makes one call on key {@code key}. A write goes to the key of this thread's share next to it instead:
     * each key is written by one thread of the two JVMs only ({@code writer} of {@code writers}), so its
     * puts do not overlap and Redis holds the newest version whose put returned (or a newer one): a read
     * of an older one is stale, not a race of two writers.
     *
     * @param cache this JVM's cache
     * @param table the table both JVMs share
     * @param key the key's index, from the Zipf law
     * @param writer this thread's index among the writing threads of both JVMs, {@code [0, writers)}
     * @param writers the writing threads of both JVMs
     * @param random the thread's random source, which decides read or write
     * @return whether the call was a stale read
     */
    static boolean call(Cache<String, byte[]> cache, MixTable table, int key, int writer, int writers,
            SplittableRandom random) {
        if (random.nextInt(10) == 0) {
            int owned = key - key % writers + writer;
            if (owned >= RedisNearCacheMixBenchmark.KEYS) {
                owned -= writers;
            }
            long version = table.nextVersion();
            cache.put(key(owned), value(version, random));
            table.returned(owned, version, System.nanoTime());
            return false;
        }
        long newest = table.newest(key);
        long newestAt = table.newestReturnedAt(key);
        long start = System.nanoTime();
        byte[] value = cache.get(key(key));
        return value != null && ByteBuffer.wrap(value).getLong(0) < newest
                && start - newestAt > TimeUnit.MILLISECONDS.toNanos(RedisNearCacheMixBenchmark.BOUND_MILLIS);
    }
}
