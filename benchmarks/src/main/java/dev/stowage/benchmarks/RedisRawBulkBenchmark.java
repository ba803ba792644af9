package dev.stowage.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RBuckets;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * The ceiling of the Redis {@code getAll} / {@code putAll} benchmarks: Redisson's {@code RBuckets}
 * ({@code MGET} and {@code MSET} of {@value RedisData#BATCH} keys, one command each, no expiry), same
 * keys and values as {@link RedisJCacheBenchmark}. Scores are bulk operations per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisRawBulkBenchmark {

    private RedissonClient redisson;
    private String prefix;
    private RBuckets buckets;
    private String[][] keyArrays;
    private Map<String, byte[]>[] entryMaps;

    /** Creates the benchmark. */
    public RedisRawBulkBenchmark() {
    }

    /**
     * Sets every key with pipelined {@code SET}s (with {@code PX} when {@code ttl} is given).
     *
     * @param redisson the client
     * @param prefix the key prefix
     * @param data the keys and values
     * @param ttl the time to live, or null for none
     */
    static void load(RedissonClient redisson, String prefix, RedisData data, Duration ttl) {
        for (Map<String, byte[]> chunk : data.chunks(500)) {
            RBatch batch = redisson.createBatch(BatchOptions.defaults());
            chunk.forEach((key, value) -> {
                if (ttl == null) {
                    batch.<byte[]>getBucket(prefix + key, ByteArrayCodec.INSTANCE).setAsync(value);
                } else {
                    batch.<byte[]>getBucket(prefix + key, ByteArrayCodec.INSTANCE).setAsync(value, ttl);
                }
            });
            batch.execute();
        }
    }

    /**
     * Connects, sets every key and prepares this run's prefixed batches.
     *
     * @param shared the keys and values
     * @param cursor the batches, prefixed here once (the state of the first thread)
     */
    @Setup
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void setUp(RedisData.Shared shared, RedisData.Cursor cursor) {
        redisson = Bench.redisson();
        prefix = Bench.unique("bench-raw") + ":";
        buckets = redisson.getBuckets(ByteArrayCodec.INSTANCE);
        load(redisson, prefix, shared.data, null);
        keyArrays = new String[RedisData.Cursor.BATCHES][];
        entryMaps = new Map[RedisData.Cursor.BATCHES];
        for (int b = 0; b < RedisData.Cursor.BATCHES; b++) {
            String[] keys = cursor.keyArray(b);
            keyArrays[b] = new String[keys.length];
            Map<String, byte[]> entries = new HashMap<>();
            for (int k = 0; k < keys.length; k++) {
                keyArrays[b][k] = prefix + keys[k];
                entries.put(keyArrays[b][k], cursor.entries(b).get(keys[k]));
            }
            entryMaps[b] = entries;
        }
    }

    /** Deletes the keys and shuts the client down. */
    @TearDown
    public void tearDown() {
        redisson.getKeys().deleteByPattern(prefix + "*");
        redisson.shutdown();
    }

    /**
     * {@code MGET} of {@value RedisData#BATCH} present keys.
     *
     * @param cursor this thread's batch sequence
     * @return the entries (consumed by JMH)
     */
    @Benchmark
    public Map<String, byte[]> getAll(RedisData.Cursor cursor) {
        return buckets.get(keyArrays[cursor.nextBatch()]);
    }

    /**
     * {@code MSET} of {@value RedisData#BATCH} present keys.
     *
     * @param cursor this thread's batch sequence
     */
    @Benchmark
    public void putAll(RedisData.Cursor cursor) {
        buckets.set(entryMaps[cursor.nextBatch()]);
    }
}
