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
import java.util.concurrent.Callable;
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
 * reads are current and served from the tier again; so do slots moved to a master added to the cluster. The near cache comes from the manager URI's
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

    /**
     * A master added to the cluster takes over every slot of another master, which stays up. While the slots
     * move, writes reach a master no near cache tracks and no tracking connection closes: only the
     * comparison of the tracked masters with Redisson's (a topology change, logged as "the masters
     * changed") can tell the near caches (Redisson closes the old master's client later, once it holds no
     * slot). The caches empty, track the new masters, and read current values.
     */
    @Test
    void aNewMasterTakingSlotsIsTrackedAndReadsAreCurrent() throws Exception {
        cluster = RedisServers.startCluster();
        List<Cache<String, String>> caches = cachesReadingV1();
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("dev.stowage.redis.store.InvalidationTracking");
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                heard.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try (RedisProcess added = RedisProcess.start(List.of("--cluster-enabled", "yes", "--cluster-config-file",
                "nodes.conf", "--cluster-node-timeout", "5000"))) {
            RedisProcess source = cluster.masters().get(0);
            String seed = "127.0.0.1:" + cluster.masters().get(1).port();
            run(RedisBinaries.cli().toString(), "--cluster", "add-node", "127.0.0.1:" + added.port(), seed);
            String from = cli(source, "CLUSTER", "MYID");
            String to = cli(added, "CLUSTER", "MYID");
            List<RedisProcess> all = new ArrayList<>(cluster.masters());
            all.add(added);
            for (RedisProcess node : all) {
                NearTierProbe.eventually(WAIT, () -> assertThat(call(() -> cli(node, "CLUSTER", "INFO")))
                        .as("the new master known to %s", node).contains("cluster_known_nodes:4", "cluster_state:ok"));
            }
            // redis-cli --cluster create gave the first master the slots 0-5460
            run(RedisBinaries.cli().toString(), "--cluster", "reshard", seed, "--cluster-from", from, "--cluster-to", to,
                    "--cluster-slots", "5461", "--cluster-yes");
            assertThat(Long.parseLong(cli(added, "DBSIZE"))).as("keys moved to the new master").isPositive();
            for (Cache<String, String> cache : caches) {
                NearTierProbe.eventually(WAIT, () -> {
                    assertThat(NearTierProbe.count(cache, "InvalidationLosses")).isPositive();
                    assertThat((boolean) NearTierProbe.attribute(cache, "Serving")).isTrue();
                });
            }
            assertThat(heard).as("losses logged").anyMatch(message -> message.contains("the masters changed"));
            writeBehindTheCaches("v2");
            readCurrent(caches, "v2");
        } finally {
            log.removeHandler(handler);
        }
    }

    private static String call(Callable<String> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command line to its end, failing on a non-zero exit. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8).strip();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s ended", List.of(command)).isTrue();
        assertThat(process.exitValue()).as("exit of %s: %s", List.of(command), output).isZero();
        return output;
    }

    /** Runs one redis-cli command on a node and returns its output, stripped. */
    private static String cli(RedisProcess node, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(RedisBinaries.cli().toString(), "-p", Integer.toString(node.port())));
        line.addAll(List.of(command));
        return run(line.toArray(String[]::new));
    }
}
