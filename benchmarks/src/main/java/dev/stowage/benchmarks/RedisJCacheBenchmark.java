package dev.stowage.benchmarks;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.api.RedissonClient;
import org.redisson.jcache.configuration.RedissonConfiguration;

/**
 * JCache on Redis through the {@code javax.cache} API only: Stowage's Redis backend
 * ({@code redis://host:port/0/<unique namespace>}) against Redisson's JCache (its
 * {@code JCachingProvider}, given a Redisson client through {@link RedissonConfiguration#fromInstance}).
 * {@code <String, byte[100]>} entries, {@value RedisData#KEYS} keys present before measuring, each
 * cache's keys removed ({@code destroyCache}) after. Scores are operations per second, all threads
 * together; one {@code getAll} / {@code putAll} of {@value RedisData#BATCH} keys counts as one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisJCacheBenchmark {

    /** How long an entry lives after its last access under the {@code accessed} expiry. */
    public static final Duration ACCESS_EXPIRY = new Duration(TimeUnit.MINUTES, 10);

    /** The provider: {@code stowage} or {@code redisson}. */
    @Param({"stowage", "redisson"})
    public String provider;

    /** The expiry: {@code eternal} (JCache's default) or {@code accessed} (AccessedExpiryPolicy, 10 min). */
    @Param({"eternal", "accessed"})
    public String expiry;

    private CacheManager manager;
    private RedissonClient redisson;
    private Cache<String, byte[]> cache;
    private String name;

    /** Creates the benchmark; JMH sets the parameters. */
    public RedisJCacheBenchmark() {
    }

    /**
     * Opens the manager, creates the cache and puts every key.
     *
     * @param shared the keys and values
     */
    @Setup
    public void setUp(RedisData.Shared shared) {
        name = Bench.unique("redis");
        MutableConfiguration<String, byte[]> configuration = configuration(expiry);
        if ("stowage".equals(provider)) {
            manager = Bench.manager("stowage", stowageUri(Bench.unique("bench")));
            cache = manager.createCache(name, configuration);
        } else {
            redisson = Bench.redisson();
            manager = Bench.manager("redisson", null);
            Configuration<String, byte[]> redissonConfiguration =
                    RedissonConfiguration.fromInstance(redisson, configuration);
            cache = manager.createCache(name, redissonConfiguration);
        }
        for (Map<String, byte[]> chunk : shared.data.chunks(500)) {
            cache.putAll(chunk);
        }
    }

    /** Removes the cache's keys, closes the manager and the Redisson client. */
    @TearDown
    public void tearDown() {
        manager.destroyCache(name);
        manager.close();
        if (redisson != null) {
            redisson.shutdown();
        }
    }

    /**
     * A Stowage manager URI on the benchmark Redis.
     *
     * @param namespace the root namespace
     * @return {@code redis://host:port/0/namespace}
     */
    static URI stowageUri(String namespace) {
        return URI.create("redis://" + Bench.redisHostPort() + "/0/" + namespace);
    }

    /**
     * The cache configuration: {@code <String, byte[]>}, store-by-value (the default), the expiry.
     *
     * @param expiry {@code eternal} or {@code accessed}
     * @return the configuration
     */
    static MutableConfiguration<String, byte[]> configuration(String expiry) {
        MutableConfiguration<String, byte[]> configuration =
                new MutableConfiguration<String, byte[]>().setTypes(String.class, byte[].class);
        if ("accessed".equals(expiry)) {
            configuration.setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(ACCESS_EXPIRY));
        } else if (!"eternal".equals(expiry)) {
            throw new IllegalArgumentException("unknown expiry " + expiry);
        }
        return configuration;
    }

    /**
     * {@code get} of a present key (under {@code accessed}, also renews its expiry).
     *
     * @param cursor this thread's key sequence
     * @param shared the keys
     * @return the value (consumed by JMH)
     */
    @Benchmark
    public byte[] get(RedisData.Cursor cursor, RedisData.Shared shared) {
        return cache.get(shared.data.keys[cursor.next()]);
    }

    /**
     * {@code put} replacing a present key's value.
     *
     * @param cursor this thread's key sequence
     * @param shared the keys and values
     */
    @Benchmark
    public void put(RedisData.Cursor cursor, RedisData.Shared shared) {
        int i = cursor.next();
        cache.put(shared.data.keys[i], shared.data.values[i]);
    }

    /**
     * {@code getAll} of {@value RedisData#BATCH} present keys.
     *
     * @param cursor this thread's batches
     * @return the entries (consumed by JMH)
     */
    @Benchmark
    public Map<String, byte[]> getAll(RedisData.Cursor cursor) {
        return cache.getAll(cursor.keys(cursor.nextBatch()));
    }

    /**
     * {@code putAll} of {@value RedisData#BATCH} present keys.
     *
     * @param cursor this thread's batches
     */
    @Benchmark
    public void putAll(RedisData.Cursor cursor) {
        cache.putAll(cursor.entries(cursor.nextBatch()));
    }
}
