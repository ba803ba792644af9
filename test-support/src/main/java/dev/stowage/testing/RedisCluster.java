package dev.stowage.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis Cluster of three masters and no replicas, started on free loopback ports for one test
 * class: three {@code redis-server --cluster-enabled yes} processes, each in its own temporary
 * directory, joined by {@code redis-cli --cluster create ... --cluster-replicas 0 --cluster-yes}.
 *
 * <p>Only 127.0.0.1 addresses are used. {@link #close()} kills the processes and deletes their
 * directories. Needs {@code redis-cli} on the PATH ({@link RedisBinaries#cli()}). Thread-safe.
 */
public final class RedisCluster implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisProcess> masters;

    private RedisCluster(List<RedisProcess> masters) {
        this.masters = List.copyOf(masters);
    }

    /**
     * Starts the three masters, creates the cluster and waits until every node reports
     * {@code cluster_state:ok}.
     *
     * @return the running cluster; never null
     * @throws IllegalStateException when a server does not start, {@code redis-cli --cluster create}
     *     fails, or the cluster is not ok within 30 seconds (everything started is stopped first)
     */
    public static RedisCluster start() {
        Path cli = RedisBinaries.cli();
        List<RedisProcess> started = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                started.add(RedisProcess.start(List.of("--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000")));
            }
            List<String> create = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
            started.forEach(server -> create.add("127.0.0.1:" + server.port()));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            CommandLine.Result result = CommandLine.run(Duration.ofSeconds(60), create);
            if (result.exitCode() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed: " + result.output());
            }
            RedisCluster cluster = new RedisCluster(started);
            cluster.awaitOk(cli);
            return cluster;
        } catch (RuntimeException e) {
            started.forEach(RedisProcess::close);
            throw e;
        }
    }

    private void awaitOk(Path cli) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (RedisProcess master : masters) {
            while (true) {
                CommandLine.Result info = CommandLine.run(Duration.ofSeconds(5), List.of(cli.toString(),
                        "-h", "127.0.0.1", "-p", Integer.toString(master.port()), "cluster", "info"));
                if (info.output().contains("cluster_state:ok")) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cluster node " + master + " not ok within "
                            + READY_TIMEOUT + ": " + info.output());
                }
                RedisProcess.pause(Duration.ofMillis(50));
            }
        }
    }

    /**
     * The masters' URLs, one per node.
     *
     * @return three {@code redis://127.0.0.1:<port>} URLs; never null
     */
    public List<String> nodeUrls() {
        return masters.stream().map(RedisProcess::url).toList();
    }

    /**
     * The master processes, e.g. to kill or suspend one in a failure test.
     *
     * @return the three running processes; never null
     */
    public List<RedisProcess> masters() {
        return masters;
    }

    /**
     * Kills every node and deletes their directories. Idempotent.
     */
    @Override
    public void close() {
        masters.forEach(RedisProcess::close);
    }

    /**
     * Describes the cluster by its nodes' addresses.
     *
     * @return e.g. {@code "redis cluster [redis://127.0.0.1:7000, ...]"}
     */
    @Override
    public String toString() {
        return "redis cluster " + nodeUrls();
    }
}
