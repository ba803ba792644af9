package dev.stowage.benchmarks;

import dev.stowage.jcache.configuration.NearCacheSettings;
import dev.stowage.jcache.configuration.StowageConfiguration;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
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
 * A 90/10 read/write mix across two clients of one Redis-backed cache (issue 12), two clients in one JVM
 * standing for two JVMs (a caching provider, cache manager and Redis connections of their own each): each call picks a
 * key from a Zipf(0.99) law over {@value #KEYS} keys and one client at random; 10% of calls {@code put}
 * a new version of the value, 90% {@code get}. Providers: {@code near} (Stowage with
 * {@code nearCache: {maximumSize: 10000, timeToLive: 5m}} in both clients, a tenth of the keys), {@code stowage} (without)
 * and {@code redisson} (Redisson's JCache). Each value carries its version (a global counter) in its
 * first 8 bytes; the auxiliary counter {@code staleReads} counts the {@code get}s that returned a
 * version older than the key's latest one whose {@code put} had returned more than {@value #BOUND_MILLIS}
 * ms before (the near cache's stated bound): it must stay 0. Operations per second, all threads together.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisNearCacheMixBenchmark {

    /** How many keys; every one is present before measuring. */
    public static final int KEYS = RedisNearCacheBenchmark.KEYS;
    /** The near cache's bound, in entries: a tenth of the keys. */
    public static final int NEAR_ENTRIES = 10_000;
    /** The staleness bound a read is checked against, in milliseconds. */
    public static final long BOUND_MILLIS = 1_000;

    /** The provider: {@code near}, {@code stowage} or {@code redisson}. */
    @Param({"near", "stowage", "redisson"})
    public String provider;

    private final String[] keys = new String[KEYS];
    private final AtomicLong versions = new AtomicLong();
    private final AtomicLongArray latest = new AtomicLongArray(KEYS);
    private final AtomicLongArray latestReturnedAt = new AtomicLongArray(KEYS);
    private final CachingProvider[] providers = new CachingProvider[2];
    private final CacheManager[] managers = new CacheManager[2];
    private final RedissonClient[] redissons = new RedissonClient[2];
    private final List<Cache<String, byte[]>> clients = new ArrayList<>(List.of());
    private String name;

    /** Creates the benchmark; JMH sets the parameters. */
    public RedisNearCacheMixBenchmark() {
    }

    /** Opens both clients, creates the cache in each, and puts version 0 of every key. */
    @Setup
    public void setUp() {
        name = Bench.unique("near-mix");
        URI uri = RedisJCacheBenchmark.stowageUri(Bench.unique("bench"));
        ClassLoader loader = RedisNearCacheMixBenchmark.class.getClassLoader();
        for (int c = 0; c < 2; c++) {
            StowageConfiguration<String, byte[]> configuration = new StowageConfiguration<>();
            configuration.setTypes(String.class, byte[].class);
            if (provider.equals("near")) {
                configuration.setNearCache(new NearCacheSettings(NEAR_ENTRIES, Duration.ofMinutes(5)));
            }
            switch (provider) {
                case "near", "stowage" -> {
                    providers[c] = RedisEventsBenchmark.newProvider(Bench.STOWAGE);
                    managers[c] = providers[c].getCacheManager(uri, loader);
                    clients.add(managers[c].createCache(name, configuration));
                }
                case "redisson" -> {
                    redissons[c] = Bench.redisson();
                    providers[c] = RedisEventsBenchmark.newProvider(Bench.REDISSON);
                    managers[c] = providers[c].getCacheManager(providers[c].getDefaultURI(), loader);
                    clients.add(managers[c].createCache(name, RedissonConfiguration.fromInstance(redissons[c], configuration)));
                }
                default -> throw new IllegalArgumentException("unknown provider " + provider);
            }
        }
        SplittableRandom random = new SplittableRandom(5);
        Map<String, byte[]> chunk = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "k" + i;
            chunk.put(keys[i], value(0, random));
            if (chunk.size() == 1000) {
                clients.get(0).putAll(chunk);
                chunk.clear();
            }
        }
    }

    /** Removes the cache's keys and closes both clients. */
    @TearDown
    public void tearDown() {
        managers[0].destroyCache(name);
        for (int c = 0; c < 2; c++) {
            providers[c].close();
            if (redissons[c] != null) {
                redissons[c].shutdown();
            }
        }
    }

    private static byte[] value(long version, SplittableRandom random) {
        byte[] value = Bench.bytes(random, RedisData.VALUE_BYTES);
        ByteBuffer.wrap(value).putLong(0, version);
        return value;
    }

    /** One thread's random source and Zipf key sequence. */
    @State(Scope.Thread)
    public static class Calls {
        private final RedisNearCacheBenchmark.Zipf zipf = new RedisNearCacheBenchmark.Zipf();
        private SplittableRandom random;

        /** Creates the holder; JMH calls {@link #setUp}. */
        public Calls() {
        }

        /**
         * Precomputes the key sequence.
         *
         * @param thread JMH's view of this thread
         */
        @Setup
        public void setUp(org.openjdk.jmh.infra.ThreadParams thread) {
            zipf.setUp(thread);
            random = new SplittableRandom(7000L + thread.getThreadIndex());
        }

        int key() {
            return zipf.next();
        }
    }

    /** The reads that returned a value older than the bound allows, during one iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Stale {
        /** Stale reads counted in this iteration (must be 0). */
        public long staleReads;

        /** Creates the counter. */
        public Stale() {
        }

        /** Starts a new iteration's count. */
        @Setup(Level.Iteration)
        public void reset() {
            staleReads = 0;
        }
    }

    /**
     * One call of the mix: 90% {@code get} (checked for staleness), 10% {@code put} of a new version.
     *
     * @param calls this thread's random source and keys
     * @param stale this thread's stale-read count
     * @return what was read, or {@code null} after a put (consumed by JMH)
     */
    @Benchmark
    public byte[] mix(Calls calls, Stale stale) {
        int key = calls.key();
        Cache<String, byte[]> client = clients.get(calls.random.nextInt(2));
        if (calls.random.nextInt(10) == 0) {
            long version = versions.incrementAndGet();
            client.put(keys[key], value(version, calls.random));
            latest.accumulateAndGet(key, version, Math::max);
            latestReturnedAt.set(key, System.nanoTime());
            return null;
        }
        long newest = latest.get(key);
        long newestAt = latestReturnedAt.get(key);
        byte[] value = client.get(keys[key]);
        if (value != null && ByteBuffer.wrap(value).getLong(0) < newest
                && System.nanoTime() - newestAt > TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS)) {
            stale.staleReads++;
        }
        return value;
    }
}
