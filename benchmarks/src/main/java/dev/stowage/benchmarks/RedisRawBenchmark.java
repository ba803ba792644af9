package dev.stowage.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * The ceiling of the Redis {@code get} / {@code put} benchmarks: raw Redisson {@code RBucket}s with
 * {@link ByteArrayCodec} (one Redis command per call, no JCache layer), same keys and 100-byte values
 * as {@link RedisJCacheBenchmark}. Under {@code eternal}: {@code GET} / {@code SET}; under
 * {@code accessed} the commands a JCache access expiry needs: {@code GETEX PX} (renews) and
 * {@code SET KEEPTTL}. Scores are operations per second, all threads together.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisRawBenchmark {

    /** The expiry: {@code eternal} or {@code accessed} (10 minutes after the last access). */
    @Param({"eternal", "accessed"})
    public String expiry;

    private RedissonClient redisson;
    private String prefix;
    private RBucket<byte[]>[] buckets;
    private boolean accessed;
    private final Duration ttl = Duration.ofMinutes(10);

    /** Creates the benchmark; JMH sets the parameters. */
    public RedisRawBenchmark() {
    }

    /**
     * Connects and sets every key.
     *
     * @param shared the keys and values
     */
    @Setup
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void setUp(RedisData.Shared shared) {
        accessed = "accessed".equals(expiry);
        redisson = Bench.redisson();
        prefix = Bench.unique("bench-raw") + ":";
        buckets = new RBucket[RedisData.KEYS];
        for (int i = 0; i < RedisData.KEYS; i++) {
            buckets[i] = redisson.getBucket(prefix + shared.data.keys[i], ByteArrayCodec.INSTANCE);
        }
        RedisRawBulkBenchmark.load(redisson, prefix, shared.data, accessed ? ttl : null);
    }

    /** Deletes the keys and shuts the client down. */
    @TearDown
    public void tearDown() {
        redisson.getKeys().deleteByPattern(prefix + "*");
        redisson.shutdown();
    }

    /**
     * {@code GET} (eternal) or {@code GETEX PX} (accessed) of a present key.
     *
     * @param cursor this thread's key sequence
     * @return the value (consumed by JMH)
     */
    @Benchmark
    public byte[] get(RedisData.Cursor cursor) {
        RBucket<byte[]> bucket = buckets[cursor.next()];
        return accessed ? bucket.getAndExpire(ttl) : bucket.get();
    }

    /**
     * {@code SET} (eternal) or {@code SET KEEPTTL} (accessed) of a present key.
     *
     * @param cursor this thread's key sequence
     * @param shared the values
     */
    @Benchmark
    public void put(RedisData.Cursor cursor, RedisData.Shared shared) {
        int i = cursor.next();
        if (accessed) {
            buckets[i].setAndKeepTTL(shared.data.values[i]);
        } else {
            buckets[i].set(shared.data.values[i]);
        }
    }
}
