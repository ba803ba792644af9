package dev.stowage.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.jcache.configuration.RedissonConfiguration;

/**
 * Measures memory per cache entry and writes it as JSON; not a JMH benchmark.
 *
 * <p><b>Heap</b>: for each in-process provider, {@value #HEAP_ENTRIES} {@code <Long, byte[100]>}
 * entries, each key and value allocated fresh and kept by nothing but the cache. Method: the used heap
 * of {@link MemoryMXBean#getHeapMemoryUsage()} after repeated {@code System.gc()} with the empty cache
 * created, and again after filling it; the difference divided by the entry count is the retained heap
 * per entry in bytes, the key and value themselves (16 + 120 = 136 bytes with compressed oops)
 * included. Run with a heap large enough for 1M entries and nothing else running in the JVM.
 *
 * <p><b>Redis</b>: {@code used_memory} of {@code INFO memory} before and after putting
 * {@value #REDIS_ENTRIES} entries with 100-byte values, divided by the entry count, in bytes: Stowage's
 * JCache (with an access expiry and eternal), Redisson's JCache with the access expiry, and plain
 * {@code SET key value PX} with keys as long as Stowage's. The keys are deleted afterwards.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.stowage.benchmarks.FootprintMain OUTPUT.json [heapEntries]}.
 */
public final class FootprintMain {

    /** Entries per in-process cache. */
    public static final int HEAP_ENTRIES = 1_000_000;
    /** Entries per Redis measurement. */
    public static final int REDIS_ENTRIES = 100_000;

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private FootprintMain() {
    }

    /**
     * One heap measurement.
     *
     * @param provider {@code stowage}, {@code caffeine}, {@code ehcache} or {@code caffeine-raw}
     * @param storeByValue JSR-107 store-by-value (false for raw Caffeine)
     * @param entries how many entries were put
     * @param bytesPerEntry retained heap per entry, in bytes
     */
    public record HeapResult(String provider, boolean storeByValue, int entries, double bytesPerEntry) {
    }

    /**
     * One Redis measurement.
     *
     * @param name what was stored: {@code stowage-accessed}, {@code stowage-eternal},
     *     {@code redisson-accessed}, {@code set-px}
     * @param entries how many entries were put
     * @param bytesPerEntry growth of {@code used_memory} per entry, in bytes
     * @param sampleKey one of the Redis keys it wrote, to compare key lengths
     */
    public record RedisResult(String name, int entries, double bytesPerEntry, String sampleKey) {
    }

    /**
     * Everything one run measured.
     *
     * @param heap the heap measurements
     * @param redis the Redis measurements
     * @param redisVersion the server's {@code redis_version}
     * @param heapMethod how the heap was measured, for the report
     */
    public record Footprint(List<HeapResult> heap, List<RedisResult> redis, String redisVersion, String heapMethod) {
    }

    /**
     * Runs every measurement and writes the JSON file.
     *
     * @param args the output file, then optionally the heap entry count
     * @throws IOException when the file cannot be written
     * @throws InterruptedException when interrupted between collections
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: FootprintMain OUTPUT.json [heapEntries]");
        }
        int heapEntries = args.length > 1 ? Integer.parseInt(args[1]) : HEAP_ENTRIES;
        List<HeapResult> heap = new ArrayList<>();
        heap.add(rawCaffeine(heapEntries));
        for (String provider : List.of("stowage", "caffeine", "ehcache")) {
            for (boolean byValue : List.of(false, true)) {
                heap.add(jcacheHeap(provider, byValue, heapEntries));
            }
        }
        List<RedisResult> redis = new ArrayList<>();
        String version;
        RedissonClient client = Bench.redisson();
        try {
            version = client.getRedisNodes(RedisNodes.SINGLE).getInstance()
                    .info(RedisNode.InfoSection.SERVER).get("redis_version");
            RedisResult stowage = redisJCache(client, "stowage", "accessed");
            redis.add(stowage);
            redis.add(redisJCache(client, "stowage", "eternal"));
            redis.add(redisJCache(client, "redisson", "accessed"));
            redis.add(setPx(client, stowage.sampleKey()));
        } finally {
            client.shutdown();
        }
        Footprint footprint = new Footprint(heap, redis, version,
                "MemoryMXBean used heap after System.gc(), full cache minus empty cache, divided by "
                        + heapEntries + " entries");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(args[0]).toFile(), footprint);
        for (HeapResult result : heap) {
            System.out.printf("heap %-12s storeByValue=%-5s %8.1f bytes/entry%n",
                    result.provider(), result.storeByValue(), result.bytesPerEntry());
        }
        for (RedisResult result : redis) {
            System.out.printf("redis %-18s %8.1f bytes/entry  (key %s)%n", result.name(), result.bytesPerEntry(),
                    result.sampleKey());
        }
    }

    private static HeapResult rawCaffeine(int entries) throws InterruptedException {
        com.github.benmanes.caffeine.cache.Cache<Long, byte[]> cache = Caffeine.newBuilder().build();
        double perEntry = measureHeap(entries, cache::put);
        cache.invalidateAll();
        return new HeapResult("caffeine-raw", false, entries, perEntry);
    }

    private static HeapResult jcacheHeap(String provider, boolean byValue, int entries) throws InterruptedException {
        CacheManager manager = Bench.manager(provider, "stowage".equals(provider) ? URI.create("memory:/") : null);
        String name = Bench.unique("footprint");
        Cache<Long, byte[]> cache = manager.createCache(name,
                new MutableConfiguration<Long, byte[]>().setTypes(Long.class, byte[].class).setStoreByValue(byValue));
        double perEntry = measureHeap(entries, cache::put);
        manager.destroyCache(name);
        manager.close();
        return new HeapResult(provider, byValue, entries, perEntry);
    }

    private static double measureHeap(int entries, BiConsumer<Long, byte[]> put) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(5);
        long before = usedHeapAfterGc();
        for (int i = 0; i < entries; i++) {
            put.accept(Long.valueOf(i * 7919L), Bench.bytes(random, 100));
        }
        long after = usedHeapAfterGc();
        return (after - before) / (double) entries;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static long usedMemory(RedissonClient client) throws InterruptedException {
        Thread.sleep(200);
        return Long.parseLong(client.getRedisNodes(RedisNodes.SINGLE).getInstance()
                .info(RedisNode.InfoSection.MEMORY).get("used_memory"));
    }

    private static Map<String, byte[]> chunk(SplittableRandom random, int from, int to) {
        Map<String, byte[]> entries = new HashMap<>();
        for (int i = from; i < to; i++) {
            entries.put("k" + i, Bench.bytes(random, 100));
        }
        return entries;
    }

    private static RedisResult redisJCache(RedissonClient client, String provider, String expiry)
            throws InterruptedException {
        String namespace = Bench.unique("fp");
        String name = "c";
        CacheManager manager;
        Cache<String, byte[]> cache;
        MutableConfiguration<String, byte[]> configuration = RedisJCacheBenchmark.configuration(expiry);
        if ("stowage".equals(provider)) {
            manager = Bench.manager("stowage", RedisJCacheBenchmark.stowageUri(namespace));
            cache = manager.createCache(name, configuration);
        } else {
            manager = Bench.manager("redisson", null);
            name = namespace;
            cache = manager.createCache(name, RedissonConfiguration.fromInstance(client, configuration));
        }
        try {
            SplittableRandom random = new SplittableRandom(9);
            long before = usedMemory(client);
            for (int from = 0; from < REDIS_ENTRIES; from += 500) {
                cache.putAll(chunk(random, from, Math.min(REDIS_ENTRIES, from + 500)));
            }
            long after = usedMemory(client);
            String sample = client.getKeys()
                    .getKeysStream(KeysScanOptions.defaults().pattern("*" + namespace + "*").chunkSize(10))
                    .findFirst().orElse("?");
            return new RedisResult(provider + "-" + expiry, REDIS_ENTRIES, (after - before) / (double) REDIS_ENTRIES,
                    sample);
        } finally {
            manager.destroyCache(name);
            manager.close();
            Thread.sleep(1000); // lets Redis shrink its dictionaries before the next measurement
        }
    }

    private static RedisResult setPx(RedissonClient client, String stowageKey) throws InterruptedException {
        // keys as long as Stowage's: the same digits at the end, a prefix of the same length before them
        String digits = stowageKey.replaceAll("^.*?(\\d+)$", "$1");
        int prefixLength = Math.max(1, stowageKey.length() - digits.length());
        String unique = Bench.unique("px");
        String prefix = (unique + "-".repeat(prefixLength)).substring(0, prefixLength);
        SplittableRandom random = new SplittableRandom(9);
        long before = usedMemory(client);
        for (int from = 0; from < REDIS_ENTRIES; from += 500) {
            RBatch batch = client.createBatch(BatchOptions.defaults());
            for (int i = from; i < Math.min(REDIS_ENTRIES, from + 500); i++) {
                batch.<byte[]>getBucket(prefix + i, ByteArrayCodec.INSTANCE)
                        .setAsync(Bench.bytes(random, 100), Duration.ofMinutes(10));
            }
            batch.execute();
        }
        long after = usedMemory(client);
        client.getKeys().deleteByPattern(unique + "*");
        Thread.sleep(1000);
        return new RedisResult("set-px", REDIS_ENTRIES, (after - before) / (double) REDIS_ENTRIES, prefix + "0");
    }
}
