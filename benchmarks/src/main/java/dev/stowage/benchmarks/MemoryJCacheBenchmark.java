package dev.stowage.benchmarks;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.cache2k.config.Cache2kConfig;
import org.cache2k.jcache.ExtendedMutableConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * In-process caches through the {@code javax.cache} API only: Stowage's memory backend
 * ({@code memory:/}), Caffeine's JCache adapter, Ehcache 3 and cache2k, each with the provider's defaults and an
 * eternal, unbounded cache of {@value MemoryData#KEYS} entries filled before measuring. Scores are
 * operations per second (all threads together); threads are set with JMH's {@code -t}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MemoryJCacheBenchmark {

    /**
     * The provider: {@code stowage}, {@code caffeine} (its JCache adapter), {@code ehcache}, or
     * {@code cache2k} (not among the defaults: it refuses {@code byte[]} values, so {@code run.sh} runs it
     * on the {@code String-String} grid with {@code -p provider=cache2k -p types=String-String}).
     */
    @Param({"stowage", "caffeine", "ehcache"})
    public String provider;

    /** JSR-107 statistics ({@code MutableConfiguration.setStatisticsEnabled}); off unless {@code -p statistics=true}. */
    @Param({"false"})
    public boolean statistics;

    /** JSR-107 store-by-value ({@code MutableConfiguration.setStoreByValue}). */
    @Param({"true", "false"})
    public boolean storeByValue;

    /** The key and value types, see {@link MemoryData#of(String)}. */
    @Param({"Long-byte100", "String-String"})
    public String types;

    private MemoryData data;
    private CacheManager manager;
    private Cache<Object, Object> cache;
    private String name;

    /** Creates the benchmark; JMH sets the parameters. */
    public MemoryJCacheBenchmark() {
    }

    /** Opens the provider's manager, creates the cache and puts every key. */
    @Setup
    public void setUp() {
        data = MemoryData.of(types);
        manager = Bench.manager(provider, "stowage".equals(provider) ? URI.create("memory:/") : null);
        name = Bench.unique("memory");
        cache = manager.createCache(name, configuration(provider, data, storeByValue).setStatisticsEnabled(statistics));
        for (int i = 0; i < MemoryData.KEYS; i++) {
            cache.put(data.keys[i], data.values[i]);
        }
        MemoryData.settleHeap();
    }

    /** Destroys the cache and closes the manager. */
    @TearDown
    public void tearDown() {
        manager.destroyCache(name);
        manager.close();
    }

    /**
     * The JCache configuration of a memory benchmark cache: the data's types, eternal, unbounded. cache2k
     * bounds a cache to {@link Cache2kConfig#DEFAULT_ENTRY_CAPACITY} entries unless told otherwise, so
     * its cache is given room for twice the benchmark's keys (it never evicts during a run).
     *
     * @param provider the provider's benchmark name
     * @param data the keys and values
     * @param storeByValue JSR-107 store-by-value
     * @return the configuration
     */
    @SuppressWarnings("unchecked")
    static MutableConfiguration<Object, Object> configuration(String provider, MemoryData data, boolean storeByValue) {
        MutableConfiguration<Object, Object> configuration;
        if ("cache2k".equals(provider)) {
            Cache2kConfig<Object, Object> cache2k = new Cache2kConfig<>();
            cache2k.setEntryCapacity(2L * MemoryData.KEYS);
            configuration = ExtendedMutableConfiguration.of(cache2k);
        } else {
            configuration = new MutableConfiguration<>();
        }
        return configuration.setTypes((Class<Object>) data.keyType, (Class<Object>) data.valueType)
                .setStoreByValue(storeByValue);
    }

    /**
     * {@code get} of a present key, keys drawn uniformly.
     *
     * @param cursor this thread's key sequence
     * @return the value (consumed by JMH)
     */
    @Benchmark
    public Object get(MemoryData.Cursor cursor) {
        return cache.get(data.keys[cursor.nextUniform()]);
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
     * 90% {@code get}, 10% {@code put}, keys drawn from a Zipf(0.99) law over all keys.
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
        return cache.get(data.keys[i]);
    }
}
