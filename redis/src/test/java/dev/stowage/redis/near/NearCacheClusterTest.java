package dev.stowage.redis.near;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.jcache.StowageCachingProvider;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.Stores;
import dev.stowage.testing.RedisBinaries;
import dev.stowage.testing.RedisCluster;
import dev.stowage.testing.RedisProcess;
import dev.stowage.testing.RedisServers;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The near cache on a 3-master Redis Cluster started for each test: its caches, whose hash slots spread
 * over the masters, hear the writes another client makes on every master; a killed master (its replica
 * taking over) empties every tier and stops it serving, and once tracking is set up on the new masters
 * reads are current and served from the tier again. The near cache comes from the manager URI's
 * {@code nearCache.maximumSize} parameter.
 */
class NearCacheClusterTest {

    private static final int CACHES = 12;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final StowageCachingProvider provider = new StowageCachingProvider();
    private final String root = "near-cluster-" + UUID.randomUUID();
    private final List<NamespacedStore> raws = new ArrayList<>();
    private RedisCluster cluster;

    @AfterEach
    void stop() {
        try {
            raws.forEach(NamespacedStore::close);
            provider.close();
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /** The caches c0 .. c11 of a manager with a near cache default, each holding k = v1 in its near tier. */
    private List<Cache<String, String>> cachesReadingV1() throws InterruptedException {
        String seed = cluster.nodeUrls().get(0) + "/cluster/" + root;
        CacheManager manager = provider.getCacheManager(URI.create(seed + "?nearCache.maximumSize=1000"), null);
        NamespacedStore raw = Stores.open(URI.create(seed), getClass().getClassLoader());
        raws.add(raw);
        List<Cache<String, String>> caches = new ArrayList<>();
        for (int i = 0; i < CACHES; i++) {
            Cache<String, String> cache = manager.createCache("c" + i,
                    new MutableConfiguration<String, String>().setTypes(String.class, String.class));
            assertThat(NearTierProbe.hasNearCache(cache)).isTrue();
            cache.put("k", "v1");
            caches.add(cache);
        }
        for (Cache<String, String> cache : caches) {
            NearTierProbe.eventually(WAIT, () -> {
                assertThat(cache.get("k")).isEqualTo("v1");
                assertThat(NearTierProbe.count(cache, "NearHits")).as("served from the near tier").isPositive();
            });
        }
        return caches;
    }

    /** Writes k = value in every cache through a store of its own (not the caches, not their tiers). */
    private void writeBehindTheCaches(String value) throws Exception {
        NamespacedStore raw = raws.get(0);
        for (int i = 0; i < CACHES; i++) {
            NamespacedStore namespace = raw.withNamespace("c" + i);
            NearTierProbe.retrying(WAIT, () -> {
                namespace.set("k", value.getBytes(UTF_8), null);
                return null;
            });
        }
    }

    private static void readCurrent(List<Cache<String, String>> caches, String value) throws InterruptedException {
        for (Cache<String, String> cache : caches) {
            NearTierProbe.eventually(WAIT, () -> assertThat(cache.get("k")).isEqualTo(value));
        }
    }

    @Test
    void writesOnEveryMasterDropTheNearCopies() throws Exception {
        cluster = RedisServers.startCluster();
        List<Cache<String, String>> caches = cachesReadingV1();
        for (RedisProcess master : cluster.masters()) {
            assertThat(Long.parseLong(cli(master, "DBSIZE"))).as("keys of the caches on %s", master).isPositive();
        }
        writeBehindTheCaches("v2");
        readCurrent(caches, "v2");
        for (Cache<String, String> cache : caches) {
            long hits = NearTierProbe.count(cache, "NearHits");
            NearTierProbe.eventually(WAIT, () -> {
                assertThat(cache.get("k")).isEqualTo("v2");
                assertThat(NearTierProbe.count(cache, "NearHits")).as("served from the tier again").isGreaterThan(hits);
            });
            assertThat(NearTierProbe.count(cache, "InvalidationLosses")).isZero();
        }
    }

    @Test
    void aKilledMasterEmptiesEveryTierAndReadsAreCurrentAfterTheFailover() throws Exception {
        cluster = RedisCluster.start(1, Duration.ofMillis(1000));
        List<Cache<String, String>> caches = cachesReadingV1();
        cluster.masters().get(0).kill();
        for (Cache<String, String> cache : caches) {
            NearTierProbe.eventually(Duration.ofSeconds(5), () -> {
                assertThat((boolean) NearTierProbe.attribute(cache, "Serving")).as("serving").isFalse();
                assertThat(NearTierProbe.count(cache, "Size")).as("entries in the tier").isZero();
            });
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((cluster.liveMasters() < 3 || !cluster.isOk()) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(cluster.liveMasters()).as("a replica took over").isEqualTo(3);
        writeBehindTheCaches("v2");
        readCurrent(caches, "v2");
        for (Cache<String, String> cache : caches) {
            NearTierProbe.eventually(WAIT, () ->
                    assertThat((boolean) NearTierProbe.attribute(cache, "Serving")).as("serving again").isTrue());
            long hits = NearTierProbe.count(cache, "NearHits");
            NearTierProbe.eventually(WAIT, () -> {
                assertThat(cache.get("k")).isEqualTo("v2");
                assertThat(NearTierProbe.count(cache, "NearHits")).isGreaterThan(hits);
            });
            assertThat(NearTierProbe.count(cache, "InvalidationLosses")).isPositive();
        }
        writeBehindTheCaches("v3");
        readCurrent(caches, "v3");
    }

    /** Runs one redis-cli command on a node and returns its output, stripped. */
    private static String cli(RedisProcess node, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(RedisBinaries.cli().toString(), "-p", Integer.toString(node.port()), command)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8).strip();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
