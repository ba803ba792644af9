package dev.stowage.benchmarks;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryUpdatedListener;
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
 * Entry events across JVMs on Redis, with two clients in one JVM standing for two JVMs: a cache
 * manager of its own provider instance each (Stowage: two change feeds; Redisson: two Redisson
 * clients), one cache shared through Redis. The writing client puts; with {@code listener=remote} the
 * other client has an asynchronous created/updated listener, so every put is an event across clients.
 * <ul>
 *   <li>{@link #put}: put throughput, without ({@code none}) and with a remote listener; with one, its
 *       auxiliary counter {@code eventsHeard} is the events per second the remote listener received
 *       (run with one thread);</li>
 *   <li>{@link #putUntilHeard}: the time from a put to the remote listener hearing it (publish to
 *       listener), as a sample distribution (p50, p99); meaningful with {@code listener=remote} and one
 *       thread (with {@code none} it is a plain put).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisEventsBenchmark {

    /** The provider: {@code stowage} or {@code redisson}. */
    @Param({"stowage", "redisson"})
    public String provider;

    /** Whether the other client listens: {@code none} or {@code remote}. */
    @Param({"none", "remote"})
    public String listener;

    private final AtomicLong heard = new AtomicLong();
    private CachingProvider writingProvider;
    private CachingProvider listeningProvider;
    private CacheManager writingManager;
    private CacheManager listeningManager;
    private RedissonClient writingRedisson;
    private RedissonClient listeningRedisson;
    private Cache<String, byte[]> writer;
    private Cache<String, byte[]> remote;
    private String name;

    /** Creates the benchmark; JMH sets the parameters. */
    public RedisEventsBenchmark() {
    }

    /** Counts the created and updated events it hears. */
    private static final class Counting implements CacheEntryCreatedListener<String, byte[]>,
            CacheEntryUpdatedListener<String, byte[]> {
        private final AtomicLong heard;

        Counting(AtomicLong heard) {
            this.heard = heard;
        }

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends byte[]>> events) {
            events.forEach(event -> heard.incrementAndGet());
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends byte[]>> events) {
            events.forEach(event -> heard.incrementAndGet());
        }
    }

    /**
     * Opens both clients' managers and caches, registers the remote listener when asked, and waits
     * until a put reaches it.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Setup
    public void setUp() throws InterruptedException {
        name = Bench.unique("events");
        MutableConfiguration<String, byte[]> configuration =
                new MutableConfiguration<String, byte[]>().setTypes(String.class, byte[].class);
        ClassLoader loader = RedisEventsBenchmark.class.getClassLoader();
        if ("stowage".equals(provider)) {
            URI uri = RedisJCacheBenchmark.stowageUri(Bench.unique("bench"));
            writingProvider = newProvider(Bench.STOWAGE);
            listeningProvider = newProvider(Bench.STOWAGE);
            writingManager = writingProvider.getCacheManager(uri, loader);
            listeningManager = listeningProvider.getCacheManager(uri, loader);
            writer = writingManager.createCache(name, configuration);
            remote = listeningManager.createCache(name, configuration);
        } else {
            writingRedisson = Bench.redisson();
            listeningRedisson = Bench.redisson();
            writingProvider = newProvider(Bench.REDISSON);
            listeningProvider = newProvider(Bench.REDISSON);
            writingManager = writingProvider.getCacheManager(writingProvider.getDefaultURI(), loader);
            listeningManager = listeningProvider.getCacheManager(listeningProvider.getDefaultURI(), loader);
            writer = writingManager.createCache(name, RedissonConfiguration.fromInstance(writingRedisson, configuration));
            remote = listeningManager.createCache(name, RedissonConfiguration.fromInstance(listeningRedisson, configuration));
        }
        if ("remote".equals(listener)) {
            Counting counting = new Counting(heard);
            Factory<Counting> factory = () -> counting;
            remote.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(factory, null, false, false));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (heard.get() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the remote listener heard nothing within 30 s");
                }
                writer.put("warm-up", new byte[RedisData.VALUE_BYTES]);
                Thread.sleep(10);
            }
        } else if (!"none".equals(listener)) {
            throw new IllegalArgumentException("unknown listener " + listener);
        }
    }

    /**
     * Makes a caching provider instance of its own (not the one {@code Caching} shares), so that two
     * clients in one JVM do not share a cache manager.
     *
     * @param className the provider's class name
     * @return a new provider; close it when done
     */
    static CachingProvider newProvider(String className) {
        try {
            return (CachingProvider) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make the caching provider " + className, e);
        }
    }

    /** Removes the cache's keys and closes both clients. */
    @TearDown
    public void tearDown() {
        writingManager.destroyCache(name);
        listeningProvider.close();
        writingProvider.close();
        if (writingRedisson != null) {
            writingRedisson.shutdown();
            listeningRedisson.shutdown();
        }
    }

    /** Events per second the remote listener heard, read at the end of each iteration (one thread). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Delivered {
        /** Events heard by the remote listener during this iteration. */
        public long eventsHeard;
        private long start = -1;

        /** Creates the counter. */
        public Delivered() {
        }

        /** Starts a new iteration's count. */
        @Setup(Level.Iteration)
        public void reset() {
            start = -1;
            eventsHeard = 0;
        }

        void update(AtomicLong heard) {
            long now = heard.get();
            if (start < 0) {
                start = now;
            }
            eventsHeard = now - start;
        }
    }

    /**
     * {@code put} replacing a present key's value, in the writing client.
     *
     * @param cursor this thread's key sequence
     * @param shared the keys and values
     * @param delivered the remote listener's count
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    public void put(RedisData.Cursor cursor, RedisData.Shared shared, Delivered delivered) {
        int i = cursor.next();
        writer.put(shared.data.keys[i], shared.data.values[i]);
        delivered.update(heard);
    }

    /**
     * A put in the writing client, then a wait until the remote listener heard one more event.
     *
     * @param cursor this thread's key sequence
     * @param shared the keys and values
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void putUntilHeard(RedisData.Cursor cursor, RedisData.Shared shared) {
        int i = cursor.next();
        long before = heard.get();
        writer.put(shared.data.keys[i], shared.data.values[i]);
        if ("remote".equals(listener)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (heard.get() <= before && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
    }
}
