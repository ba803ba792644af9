package dev.stowage.redis.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.jcache.StowageCachingProvider;
import dev.stowage.jcache.configuration.NearCacheSettings;
import dev.stowage.jcache.configuration.StowageConfiguration;
import dev.stowage.jcache.management.ManagementRegistrar;
import dev.stowage.testing.RedisProcess;
import dev.stowage.testing.RedisServers;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The near cache's coherence across JVMs and across a lost connection, on a real Redis: a child JVM
 * ({@link SharedCacheWorker} {@code paced}) writes one key 10,000 times while this JVM reads it through
 * a near cache; the Redis server this JVM uses is restarted under it.
 */
class NearCacheAcrossJvmsTest {

    /** The bound this test holds the near cache to: a write is seen by another JVM within it. */
    static final Duration BOUND = Duration.ofSeconds(1);
    private static final int WRITES = 10_000;

    @TempDir
    Path dir;

    private final StowageCachingProvider provider = new StowageCachingProvider();
    private final String namespace = "near-jvms-" + UUID.randomUUID();
    private Process child;

    @AfterEach
    void cleanUp() {
        if (child != null) {
            child.destroyForcibly();
        }
        provider.close();
    }

    private static StowageConfiguration<String, String> near() {
        StowageConfiguration<String, String> configuration = new StowageConfiguration<>();
        configuration.setTypes(String.class, String.class);
        configuration.setNearCache(new NearCacheSettings(10_000, Duration.ofMinutes(5)));
        return configuration;
    }

    /** Runs {@code call} until it does not throw a CacheException (pooled connections reconnecting), 30 s at most. */
    private static <T> T retrying(java.util.concurrent.Callable<T> call) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return call.call();
            } catch (javax.cache.CacheException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static Object attribute(Cache<?, ?> cache, String name) throws Exception {
        ObjectName bean = ManagementRegistrar.objectName(cache, ManagementRegistrar.Kind.NearCache);
        return ManagementFactory.getPlatformMBeanServer().getAttribute(bean, name);
    }

    /**
     * This JVM reads while the child writes {@code 0, 1, ...}; each run of reads that returned one value
     * is kept as (value, first read's start, last read's start). No read started later than
     * {@link #BOUND} after a newer value's put returned in the child may return an older value; the
     * delay of each write (from its put's return to the start of this JVM's first read returning it or a
     * newer one) is printed as p50/p99/max.
     */
    @Test
    void anotherJvmsWriteIsSeenWithinTheBoundAndNeverOlder() throws Exception {
        URI uri = URI.create(RedisServers.standalone() + "/0/" + namespace);
        Cache<String, String> cache = provider.getCacheManager(uri, null).createCache("paced", near());
        Path log = dir.resolve("paced.log");
        child = SharedCacheWorker.start(uri, "paced", "paced", log.toString(), WRITES);
        List<long[]> runs = new ArrayList<>();
        long[] run = null;
        long reads = 0;
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while ((child.isAlive() || run == null || run[0] < WRITES - 1) && System.nanoTime() < limit) {
            long start = System.nanoTime();
            String read = cache.get(SharedCacheWorker.PACED);
            reads++;
            long value = read == null ? -1 : Long.parseLong(read);
            if (run == null || run[0] != value) {
                run = new long[] {value, start, start};
                runs.add(run);
            } else {
                run[2] = start;
            }
            if (!child.isAlive() && child.exitValue() != 0) {
                break;
            }
        }
        assertThat(SharedCacheWorker.output(child, 120)).contains("paced=" + WRITES);
        long[] returned = new long[WRITES];
        for (String line : Files.readAllLines(log)) {
            String[] parts = line.split(" ");
            returned[Integer.parseInt(parts[0])] = Long.parseLong(parts[1]);
        }
        long bound = BOUND.toNanos();
        int next = 0;
        long[] delays = new long[WRITES];
        for (long[] seen : runs) {
            long value = seen[0];
            // a newer value whose put had returned more than the bound before this run's last read
            int newer = (int) value + 1;
            if (newer < WRITES) {
                assertThat(seen[2] - returned[newer]).as("a read of %d, %d ns after %d was written", value,
                        seen[2] - returned[newer], newer).isLessThanOrEqualTo(bound);
            }
            while (next <= value && next < WRITES) {
                delays[next] = Math.max(0, seen[1] - returned[next]);
                next++;
            }
        }
        assertThat(next).as("writes seen").isEqualTo(WRITES);
        Arrays.sort(delays);
        System.out.printf("near cache invalidation delay over %d writes of another JVM: p50 %.3f ms, p99 %.3f ms,"
                + " max %.3f ms; %d reads, %d near hits, %d near misses%n", WRITES, delays[WRITES / 2] / 1e6,
                delays[WRITES * 99 / 100] / 1e6, delays[WRITES - 1] / 1e6, reads, attribute(cache, "NearHits"),
                attribute(cache, "NearMisses"));
        assertThat((long) attribute(cache, "NearHits")).isPositive();
    }

    /**
     * The server this JVM uses is restarted (its data is gone): the near cache, which held the key, is
     * emptied and serves nothing until its invalidations are back, so no read returns the value of
     * before; once reconnected, reads return the current value and hit the near tier again.
     */
    @Test
    void aRestartedServerEmptiesTheNearCacheAndReadsAreCurrentAfterReconnecting() throws Exception {
        try (RedisProcess server = RedisProcess.start(List.of())) {
            URI uri = URI.create(server.url() + "/0/" + namespace);
            Cache<String, String> cache = provider.getCacheManager(uri, null).createCache("restarted", near());
            cache.put("k", "before");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((long) attribute(cache, "NearHits") == 0 && System.nanoTime() < deadline) {
                assertThat(cache.get("k")).isEqualTo("before");
            }
            assertThat((long) attribute(cache, "Size")).isEqualTo(1);

            server.restart();
            assertThat(retrying(() -> cache.get("k"))).as("a read after the restart").isNull();
            assertThat((long) attribute(cache, "InvalidationLosses")).isEqualTo(1);

            retrying(() -> {
                cache.put("k", "after");
                return null;
            });
            long deadline2 = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(boolean) attribute(cache, "Serving") && System.nanoTime() < deadline2) {
                assertThat(retrying(() -> cache.get("k"))).isEqualTo("after");
                Thread.sleep(10);
            }
            assertThat((boolean) attribute(cache, "Serving")).as("serving again").isTrue();
            long hits = (long) attribute(cache, "NearHits");
            for (int i = 0; i < 100; i++) {
                assertThat(retrying(() -> cache.get("k"))).isEqualTo("after");
            }
            assertThat((long) attribute(cache, "NearHits")).as("near hits after reconnecting").isGreaterThan(hits);
        }
    }
}
