package dev.stowage.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis Cluster of three masters, with or without replicas, started on free loopback ports for one
 * test class: {@code redis-server --cluster-enabled yes} processes, each in its own temporary
 * directory, joined by {@code redis-cli --cluster create ... --cluster-replicas N --cluster-yes}.
 *
 * <p>Only 127.0.0.1 addresses are used. {@link #close()} kills the processes and deletes their
 * directories. Needs {@code redis-cli} on the PATH ({@link RedisBinaries#cli()}). Thread-safe.
 */
public final class RedisCluster implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisProcess> nodes;
    private final List<RedisProcess> masters;

    private RedisCluster(List<RedisProcess> nodes, List<RedisProcess> masters) {
        this.nodes = List.copyOf(nodes);
        this.masters = List.copyOf(masters);
    }

    /**
     * Starts three masters without replicas (node timeout 5 s), creates the cluster and waits until
     * every node reports {@code cluster_state:ok}.
     *
     * @return the running cluster; never null
     * @throws IllegalStateException when a server does not start, {@code redis-cli --cluster create}
     *     fails, or the cluster is not ok within 30 seconds (everything started is stopped first)
     */
    public static RedisCluster start() {
        return start(0, Duration.ofSeconds(5));
    }

    /**
     * Starts three masters and {@code replicasPerMaster} replicas of each, creates the cluster, and
     * waits until every node reports {@code cluster_state:ok} and every replica's link to its master
     * is up (so that it can take over when its master fails).
     *
     * @param replicasPerMaster 0 or more replicas per master
     * @param nodeTimeout the {@code cluster-node-timeout}: how long a master may not answer before
     *     its replica takes over; at least 100 ms
     * @return the running cluster; never null
     * @throws IllegalArgumentException when an argument is out of range
     * @throws IllegalStateException when a server does not start, {@code redis-cli --cluster create}
     *     fails, or the cluster is not ready within 30 seconds (everything started is stopped first)
     */
    public static RedisCluster start(int replicasPerMaster, Duration nodeTimeout) {
        if (replicasPerMaster < 0 || nodeTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("replicas must be >= 0 and the node timeout >= 100ms, not "
                    + replicasPerMaster + " and " + nodeTimeout);
        }
        Path cli = RedisBinaries.cli();
        List<RedisProcess> started = new ArrayList<>();
        try {
            for (int i = 0; i < 3 * (1 + replicasPerMaster); i++) {
                started.add(RedisProcess.start(List.of("--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", Long.toString(nodeTimeout.toMillis()))));
            }
            List<String> create = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
            started.forEach(server -> create.add("127.0.0.1:" + server.port()));
            create.addAll(List.of("--cluster-replicas", Integer.toString(replicasPerMaster), "--cluster-yes"));
            CommandLine.Result result = CommandLine.run(Duration.ofSeconds(60), create);
            if (result.exitCode() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed: " + result.output());
            }
            List<RedisProcess> masters = new ArrayList<>();
            for (RedisProcess node : started) {
                if (role(cli, node).startsWith("master")) {
                    masters.add(node);
                }
            }
            RedisCluster cluster = new RedisCluster(started, masters);
            cluster.awaitOk(cli);
            return cluster;
        } catch (RuntimeException e) {
            started.forEach(RedisProcess::close);
            throw e;
        }
    }

    private static String role(Path cli, RedisProcess node) {
        return CommandLine.run(Duration.ofSeconds(5), List.of(cli.toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(node.port()), "role")).output().strip();
    }

    private void awaitOk(Path cli) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (RedisProcess node : nodes) {
            boolean replica = !masters.contains(node);
            while (true) {
                CommandLine.Result info = CommandLine.run(Duration.ofSeconds(5), List.of(cli.toString(),
                        "-h", "127.0.0.1", "-p", Integer.toString(node.port()), "info", "all"));
                String clusterInfo = CommandLine.run(Duration.ofSeconds(5), List.of(cli.toString(),
                        "-h", "127.0.0.1", "-p", Integer.toString(node.port()), "cluster", "info")).output();
                if (clusterInfo.contains("cluster_state:ok")
                        && (!replica || info.output().contains("master_link_status:up"))) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cluster node " + node + " not ready within "
                            + READY_TIMEOUT + ": " + clusterInfo);
                }
                RedisProcess.pause(Duration.ofMillis(50));
            }
        }
    }

    /**
     * Whether every live node reports {@code cluster_state:ok}, e.g. to wait for a failover.
     *
     * @return true when the cluster is whole again
     */
    public boolean isOk() {
        Path cli = RedisBinaries.cli();
        for (RedisProcess node : nodes) {
            if (node.isAlive() && !CommandLine.run(Duration.ofSeconds(5), List.of(cli.toString(), "-h", "127.0.0.1",
                    "-p", Integer.toString(node.port()), "cluster", "info")).output().contains("cluster_state:ok")) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many live nodes are masters now, e.g. to see that a replica took over from a killed master.
     *
     * @return the number of running nodes whose {@code ROLE} is master
     */
    public int liveMasters() {
        Path cli = RedisBinaries.cli();
        return (int) nodes.stream().filter(RedisProcess::isAlive).filter(node -> role(cli, node).startsWith("master"))
                .count();
    }

    /**
     * Every node, masters and replicas, in the order started.
     *
     * @return the processes; never null
     */
    public List<RedisProcess> nodes() {
        return nodes;
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
     * The processes that were masters when the cluster was created, e.g. to kill or suspend one in a
     * failure test (after a failover, one of its replicas serves its slots instead).
     *
     * @return the three processes; never null
     */
    public List<RedisProcess> masters() {
        return masters;
    }

    /**
     * Kills every node and deletes their directories. Idempotent.
     */
    @Override
    public void close() {
        nodes.forEach(RedisProcess::close);
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
