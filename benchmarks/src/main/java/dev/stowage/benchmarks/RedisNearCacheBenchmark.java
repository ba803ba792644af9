package dev.stowage.benchmarks;

import dev.stowage.jcache.configuration.NearCacheSettings;
import dev.stowage.jcache.configuration.StowageConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;
import org.redisson.api.RedissonClient;
import org.redisson.jcache.configuration.RedissonConfiguration;

/**
 * The near cache (issue 12) through the {@code javax.cache} API: {@code get} hits on a Zipf(0.99) key
 * law over {@value #KEYS} keys and {@code put}s replacing present keys, with {@code <String, byte[100]>}
 * entries, every key present before measuring. Providers: {@code near} (Stowage on Redis with
 * {@code nearCache: {maximumSize: 100000, timeToLive: 5m}}), {@code stowage} (Stowage on Redis, no near
 * cache), {@code listened} (Stowage on Redis without a near cache while a cluster-wide listener is
 * registered: every write is then an exclusive step publishing its event, the cost a near cache kept
 * coherent by the change feed would put on writes), {@code redisson} (Redisson's JCache) and
 * {@code memory} (Stowage's {@code memory:/} backend, the in-process ceiling). Operations per second,
 * all threads together.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisNearCacheBenchmark {

    /** How many keys; every one is present before measuring. */
    public static final int KEYS = 100_000;
    /** The Zipf exponent of the key law. */
    public static final double ZIPF_EXPONENT = 0.99;

    /** The provider: {@code near}, {@code stowage}, {@code listened}, {@code redisson} or {@code memory}. */
    @Param({"near", "stowage", "listened", "redisson", "memory"})
    public String provider;

    private final String[] keys = new String[KEYS];
    private final byte[][] values = new byte[KEYS][];
    private CacheManager manager;
    private RedissonClient redisson;
    private Cache<String, byte[]> cache;
    private String name;

    /** Creates the benchmark; JMH sets the parameters. */
    public RedisNearCacheBenchmark() {
    }

    /** Opens the manager, creates the cache, puts every key, and for {@code near} reads each into the tier. */
    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "k" + i;
            values[i] = Bench.bytes(random, RedisData.VALUE_BYTES);
        }
        name = Bench.unique("near");
        StowageConfiguration<String, byte[]> configuration = new StowageConfiguration<>();
        configuration.setTypes(String.class, byte[].class);
        switch (provider) {
            case "near", "stowage", "listened" -> {
                if (provider.equals("near")) {
                    configuration.setNearCache(new NearCacheSettings(KEYS, Duration.ofMinutes(5)));
                }
                manager = Bench.manager("stowage", RedisJCacheBenchmark.stowageUri(Bench.unique("bench")));
                cache = manager.createCache(name, configuration);
                if (provider.equals("listened")) {
                    CacheEntryCreatedListener<String, byte[]> listener = events -> { };
                    cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                            () -> listener, null, false, false));
                }
            }
            case "memory" -> {
                manager = Bench.manager("stowage", URI.create("memory:/" + Bench.unique("bench")));
                cache = manager.createCache(name, configuration);
            }
            case "redisson" -> {
                redisson = Bench.redisson();
                manager = Bench.manager("redisson", null);
                Configuration<String, byte[]> redissonConfiguration =
                        RedissonConfiguration.fromInstance(redisson, configuration);
                cache = manager.createCache(name, redissonConfiguration);
            }
            default -> throw new IllegalArgumentException("unknown provider " + provider);
        }
        Map<String, byte[]> chunk = new LinkedHashMap<>();
        for (int i = 0; i < KEYS; i++) {
            chunk.put(keys[i], values[i]);
            if (chunk.size() == 1000) {
                cache.putAll(chunk);
                chunk.clear();
            }
        }
        if (provider.equals("near")) {
            // fill the near tier; Redis reports the loading writes back a moment later, which drops
            // what was read before they arrived: read everything again once they have
            for (int round = 0; round < 2; round++) {
                for (String key : keys) {
                    cache.get(key);
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
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

    /** One thread's Zipf key sequence, precomputed (seeded by the thread's index). */
    @State(Scope.Thread)
    public static class Zipf {
        private static final int LENGTH = 1 << 20;
        private int[] indexes;
        private int next;

        /** Creates the sequence holder; JMH calls {@link #setUp}. */
        public Zipf() {
        }

        /**
         * Precomputes the sequence.
         *
         * @param thread JMH's view of this thread
         */
        @Setup
        public void setUp(ThreadParams thread) {
            setUp(thread.getThreadIndex());
        }

        /**
         * Precomputes the sequence of one thread outside JMH (the other JVM of {@link RedisNearCacheMixBenchmark}).
         *
         * @param threadIndex the thread's index, which seeds the sequence
         */
        public void setUp(int threadIndex) {
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3000L + threadIndex);
            SharedStateDiscreteSampler sampler = RejectionInversionZipfSampler.of(rng, KEYS, ZIPF_EXPONENT);
            indexes = new int[LENGTH];
            for (int i = 0; i < LENGTH; i++) {
                indexes[i] = sampler.sample() - 1;
            }
        }

        /**
         * The next key index.
         *
         * @return an index in {@code [0, KEYS)}, rank 1 of the law being 0
         */
        public int next() {
            return indexes[next++ & (LENGTH - 1)];
        }
    }

    /**
     * {@code get} of a present key drawn from the Zipf law.
     *
     * @param zipf this thread's key sequence
     * @return the value (consumed by JMH)
     */
    @Benchmark
    public byte[] get(Zipf zipf) {
        return cache.get(keys[zipf.next()]);
    }

    /**
     * {@code put} replacing a present key drawn from the Zipf law.
     *
     * @param zipf this thread's key sequence
     */
    @Benchmark
    public void put(Zipf zipf) {
        int i = zipf.next();
        cache.put(keys[i], values[i]);
    }
}
