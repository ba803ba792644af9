package dev.stowage.redis.near;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.jcache.StowageCachingProvider;
import dev.stowage.jcache.configuration.NearCacheSettings;
import dev.stowage.jcache.configuration.StowageConfiguration;
import dev.stowage.jcache.management.ManagementRegistrar;
import dev.stowage.testing.RedisProcess;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;

/**
 * A near cache of {@code maximumSize: 10000} keeps about that many entries and a flat heap while
 * 1,000,000 distinct keys are read through it, on a Redis server of the test's own.
 */
class NearCacheBoundTest {

    private static final int KEYS = 1_000_000;
    private static final int BOUND = 10_000;
    private static final int THREADS = 4;

    @Test
    void aMillionDistinctKeysKeepTheTierBoundedAndTheHeapFlat() throws Exception {
        try (RedisProcess server = RedisProcess.start(List.of());
                StowageCachingProvider provider = new StowageCachingProvider()) {
            URI uri = URI.create(server.url() + "/0/bound-" + UUID.randomUUID());
            StowageConfiguration<String, String> configuration = new StowageConfiguration<>();
            configuration.setTypes(String.class, String.class);
            configuration.setNearCache(new NearCacheSettings(BOUND, Duration.ofMinutes(5)));
            Cache<String, String> cache = provider.getCacheManager(uri, null).createCache("bounded", configuration);
            for (int from = 0; from < KEYS; from += 10_000) {
                Map<String, String> batch = new HashMap<>();
                for (int i = from; i < from + 10_000; i++) {
                    batch.put("key-" + i, "value-" + i);
                }
                cache.putAll(batch);
            }
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            AtomicLong maxSize = new AtomicLong();
            long[] heapAfter = new long[5];
            long heapBefore = usedHeapAfterGc(memory);
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            try {
                Future<?>[] running = new Future<?>[THREADS];
                for (int t = 0; t < THREADS; t++) {
                    int first = t;
                    running[t] = threads.submit(() -> {
                        for (int i = first; i < KEYS; i += THREADS) {
                            assertThat(cache.get("key-" + i)).isEqualTo("value-" + i);
                            if (i % 50_000 == first) {
                                maxSize.accumulateAndGet(size(cache), Math::max);
                            }
                        }
                        return null;
                    });
                }
                for (int t = 0; t < THREADS; t++) {
                    running[t].get();
                }
            } finally {
                threads.shutdown();
            }
            long size = size(cache);
            for (int i = 0; i < heapAfter.length; i++) {
                heapAfter[i] = usedHeapAfterGc(memory);
            }
            long grown = heapAfter[heapAfter.length - 1] - heapBefore;
            System.out.printf("near cache bound: %d distinct keys read, tier size at most %d (now %d) of maximumSize %d;"
                    + " heap after GC %d MB before the reads, %d MB after (%+d MB)%n", KEYS, maxSize.get(), size, BOUND,
                    heapBefore >> 20, heapAfter[heapAfter.length - 1] >> 20, grown >> 20);
            assertThat(maxSize.get()).isLessThanOrEqualTo(BOUND + BOUND / 10);
            assertThat(size).isLessThanOrEqualTo(BOUND);
            assertThat(grown).as("heap growth in bytes").isLessThan(32L << 20);
        }
    }

    private static long size(Cache<?, ?> cache) {
        try {
            return (long) ManagementFactory.getPlatformMBeanServer().getAttribute(
                    ManagementRegistrar.objectName(cache, ManagementRegistrar.Kind.NearCache), "Size");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
