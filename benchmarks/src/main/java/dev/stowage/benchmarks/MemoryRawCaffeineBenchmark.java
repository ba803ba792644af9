package dev.stowage.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ceiling of the memory benchmarks: a raw, unbounded Caffeine {@code Cache} (no JCache layer,
 * references only), the same operations, keys and values as {@link MemoryJCacheBenchmark}. Scores are
 * operations per second (all threads together).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MemoryRawCaffeineBenchmark {

    /** The key and value types, see {@link MemoryData#of(String)}. */
    @Param({"Long-byte100", "String-String"})
    public String types;

    private MemoryData data;
    private Cache<Object, Object> cache;

    /** Creates the benchmark; JMH sets the parameters. */
    public MemoryRawCaffeineBenchmark() {
    }

    /** Builds the cache and puts every key. */
    @Setup
    public void setUp() {
        data = MemoryData.of(types);
        cache = Caffeine.newBuilder().build();
        for (int i = 0; i < MemoryData.KEYS; i++) {
            cache.put(data.keys[i], data.values[i]);
        }
        MemoryData.settleHeap();
    }

    /**
     * {@code getIfPresent} of a present key, keys drawn uniformly.
     *
     * @param cursor this thread's key sequence
     * @return the value (consumed by JMH)
     */
    @Benchmark
    public Object get(MemoryData.Cursor cursor) {
        return cache.getIfPresent(data.keys[cursor.nextUniform()]);
    }

    /**
     * {@code put} replacing a present key's value, keys drawn uniformly.
     *
     * @param cursor this thread's key sequence
     */
    @Benchmark
    public void put(MemoryData.Cursor cursor) {
        int i = cursor.nextUniform();
        cache.put(data.keys[i], data.values[i]);
    }

    /**
     * 90% reads, 10% writes, keys drawn from a Zipf(0.99) law over all keys.
     *
     * @param cursor this thread's precomputed key and operation sequence
     * @return the value read, or null after a write (consumed by JMH)
     */
    @Benchmark
    public Object zipfMix(MemoryData.Cursor cursor) {
        int position = cursor.nextMixed();
        int i = cursor.zipfKey(position);
        if (cursor.isWrite(position)) {
            cache.put(data.keys[i], data.values[i]);
            return null;
        }
        return cache.getIfPresent(data.keys[i]);
    }
}
