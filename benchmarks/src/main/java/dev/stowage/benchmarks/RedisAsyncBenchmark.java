package dev.stowage.benchmarks;

import dev.stowage.jcache.AsyncStowageCache;
import dev.stowage.jcache.StowageCache;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
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
import org.redisson.api.CacheAsync;
import org.redisson.api.RedissonClient;
import org.redisson.jcache.configuration.RedissonConfiguration;

/**
 * Asynchronous JCache on Redis: Stowage's {@link AsyncStowageCache} ({@code cache.unwrap(StowageCache.class).async()})
 * against Redisson's JCache {@link CacheAsync} ({@code cache.unwrap(CacheAsync.class)}), from one thread
 * that keeps {@value #IN_FLIGHT} calls in flight (a sliding window: a call is sent as soon as one of the
 * window's completes). Same data and setup as {@link RedisJCacheBenchmark} (eternal expiry,
 * {@code <String, byte[100]>}, {@value RedisData#KEYS} keys present). Run with {@code -t 1}; the
 * blocking API's figure to compare with is {@code RedisJCacheBenchmark.get}/{@code put} at 8 threads,
 * and {@code redis-benchmark -P 16} is the physical limit. Scores are calls sent per second; at steady
 * state the window keeps sent and completed equal (it is drained at the end of each iteration).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisAsyncBenchmark {

    /** How many calls the benchmark thread keeps in flight. */
    public static final int IN_FLIGHT = 64;

    /** The provider: {@code stowage} (AsyncStowageCache) or {@code redisson} (CacheAsync). */
    @Param({"stowage", "redisson"})
    public String provider;

    private CacheManager manager;
    private RedissonClient redisson;
    private Cache<String, byte[]> cache;
    private AsyncStowageCache<String, byte[]> stowage;
    private CacheAsync<String, byte[]> redissonAsync;
    private String name;
    private final Semaphore window = new Semaphore(IN_FLIGHT);
    private volatile Throwable failure;

    /** Creates the benchmark; JMH sets the parameters. */
    public RedisAsyncBenchmark() {
    }

    /**
     * Opens the manager, creates the cache, puts every key and unwraps the asynchronous API.
     *
     * @param shared the keys and values
     */
    @Setup
    @SuppressWarnings("unchecked")
    public void setUp(RedisData.Shared shared) {
        name = Bench.unique("redis-async");
        MutableConfiguration<String, byte[]> configuration = RedisJCacheBenchmark.configuration("eternal");
        if ("stowage".equals(provider)) {
            manager = Bench.manager("stowage", RedisJCacheBenchmark.stowageUri(Bench.unique("bench")));
            cache = manager.createCache(name, configuration);
            stowage = cache.unwrap(StowageCache.class).async();
        } else {
            redisson = Bench.redisson();
            manager = Bench.manager("redisson", null);
            Configuration<String, byte[]> redissonConfiguration = RedissonConfiguration.fromInstance(redisson, configuration);
            cache = manager.createCache(name, redissonConfiguration);
            redissonAsync = cache.unwrap(CacheAsync.class);
        }
        for (Map<String, byte[]> chunk : shared.data.chunks(500)) {
            cache.putAll(chunk);
        }
    }

    /**
     * Waits until every call of the iteration completed, and fails the run if one failed.
     *
     * @throws InterruptedException if interrupted while draining
     */
    @TearDown(Level.Iteration)
    public void drain() throws InterruptedException {
        window.acquire(IN_FLIGHT);
        window.release(IN_FLIGHT);
        if (failure != null) {
            throw new IllegalStateException("an asynchronous call failed", failure);
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
     * An asynchronous {@code get} of a present key, sent when the window has room.
     *
     * @param cursor this thread's key sequence
     * @param shared the keys
     * @throws InterruptedException if interrupted while waiting for room
     */
    @Benchmark
    public void get(RedisData.Cursor cursor, RedisData.Shared shared) throws InterruptedException {
        String key = shared.data.keys[cursor.next()];
        window.acquire();
        send("stowage".equals(provider) ? stowage.get(key) : redissonAsync.getAsync(key));
    }

    /**
     * An asynchronous {@code put} replacing a present key's value, sent when the window has room.
     *
     * @param cursor this thread's key sequence
     * @param shared the keys and values
     * @throws InterruptedException if interrupted while waiting for room
     */
    @Benchmark
    public void put(RedisData.Cursor cursor, RedisData.Shared shared) throws InterruptedException {
        int i = cursor.next();
        window.acquire();
        send("stowage".equals(provider) ? stowage.put(shared.data.keys[i], shared.data.values[i])
                : redissonAsync.putAsync(shared.data.keys[i], shared.data.values[i]));
    }

    private void send(CompletionStage<?> call) {
        call.whenComplete((value, error) -> {
            if (error != null) {
                failure = error;
            }
            window.release();
        });
    }
}
