package dev.stowage.redis;

import dev.stowage.common.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.redisson.config.BaseConfig;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.SingleServerConfig;

/**
 * The connection settings of a {@link RedisUri}, and the one Redisson {@link Config} they make for
 * stores and channels alike. Two URIs with equal settings share one Redisson client
 * ({@link RedisClients}). Immutable and thread-safe; {@link #toString()} never shows the password.
 *
 * <p>The configuration: a single server or a cluster (its other nodes discovered from the seeds),
 * TLS by the addresses' scheme (with the key and trust stores of {@link RedisTls}), the URI's
 * credentials and database, its timeout as both connect and command timeout with no retries (so a
 * failure surfaces within the timeout), prompt recovery when a server returns (a lost connection is
 * reconnected every {@value #RECONNECT_MILLIS} ms instead of Redisson's back-off growing to 10 s,
 * which left some pooled connections failing for seconds after a restart; idle connections are
 * pinged every {@value #PING_MILLIS} ms so a dead one is noticed before a command needs it — Redisson
 * closes a connection whose {@code PONG} has not come back by the next ping, so a shorter interval
 * made a CPU-starved JVM drop its Pub/Sub connection, and the messages sent meanwhile; a
 * cluster's topology is read every {@value #SCAN_MILLIS} ms, so a failover is followed within about
 * that), Pub/Sub messages handled in arrival order per channel
 * ({@code keepPubSubOrder}), Redisson's script cache on ({@code EVALSHA}, the script loaded on a
 * {@code NOSCRIPT} reply), and {@value #MIN_IDLE} to {@value #POOL_SIZE} connections per server
 * (plus one for subscriptions).
 *
 * @param addresses {@code redis://host:port} or {@code rediss://host:port} per node; not empty
 * @param cluster whether the addresses are seed nodes of a Redis Cluster
 * @param username the ACL user name, or {@code null}
 * @param password the password, or {@code null}
 * @param database the database number (0 for a cluster)
 * @param timeout the connect and command timeout, 1 ms to {@link Integer#MAX_VALUE} ms
 * @param tls the key and trust stores of a TLS connection, {@link RedisTls#DEFAULT} for the JVM's
 */
public record RedisConnection(List<String> addresses, boolean cluster, String username, String password, int database,
        Duration timeout, RedisTls tls) {

    /** Connections kept open per server when idle. */
    static final int MIN_IDLE = 4;
    /** Connections at most per server, for commands (subscriptions have their own). */
    static final int POOL_SIZE = 64;
    /** Milliseconds between two attempts to reconnect a lost connection. */
    static final int RECONNECT_MILLIS = 100;
    /** Milliseconds between two {@code PING}s on an idle connection. */
    static final int PING_MILLIS = 5_000;
    /** Milliseconds between two reads of a cluster's topology. */
    static final int SCAN_MILLIS = 1_000;

    /**
     * Checks the settings.
     *
     * @param addresses {@code redis://host:port} or {@code rediss://host:port} per node; not empty
     * @param cluster whether the addresses are seed nodes of a Redis Cluster
     * @param username the ACL user name, or {@code null}
     * @param password the password, or {@code null}
     * @param database the database number (0 for a cluster)
     * @param timeout the connect and command timeout, 1 ms to {@link Integer#MAX_VALUE} ms
     * @param tls the key and trust stores of a TLS connection, {@link RedisTls#DEFAULT} for the JVM's
     * @throws NullPointerException if {@code addresses}, {@code timeout} or {@code tls} is {@code null}
     * @throws IllegalArgumentException if {@code addresses} is empty or {@code timeout} out of range
     */
    public RedisConnection {
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(tls, "tls");
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a Redis connection needs at least one address");
        }
        if (timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a Redis timeout must be 1 ms to " + Integer.MAX_VALUE + " ms, not "
                    + timeout);
        }
    }

    /**
     * Makes a new Redisson configuration for these settings, with a {@link TlsFailureRecorder} as its
     * Netty hook.
     *
     * @return the configuration, not shared with anyone
     * @throws IllegalArgumentException if a key or trust store cannot be read (named)
     */
    public Config config() {
        Config config = new Config();
        config.setNettyHook(new TlsFailureRecorder());
        config.setKeepPubSubOrder(true);
        config.setUseScriptCache(true);
        if (cluster) {
            ClusterServersConfig servers = config.useClusterServers();
            addresses.forEach(servers::addNodeAddress);
            servers.setMasterConnectionMinimumIdleSize(MIN_IDLE).setMasterConnectionPoolSize(POOL_SIZE)
                    .setSlaveConnectionMinimumIdleSize(MIN_IDLE).setSlaveConnectionPoolSize(POOL_SIZE)
                    .setSubscriptionConnectionMinimumIdleSize(1)
                    .setFailedSlaveReconnectionInterval(RECONNECT_MILLIS);
            servers.setScanInterval(SCAN_MILLIS);
            apply(servers);
        } else {
            SingleServerConfig server = config.useSingleServer().setAddress(addresses.get(0)).setDatabase(database);
            server.setConnectionMinimumIdleSize(MIN_IDLE).setConnectionPoolSize(POOL_SIZE)
                    .setSubscriptionConnectionMinimumIdleSize(1);
            apply(server);
        }
        return config;
    }

    private void apply(BaseConfig<?> servers) {
        int millis = Math.toIntExact(timeout.toMillis());
        servers.setTimeout(millis)
                .setConnectTimeout(millis)
                .setRetryAttempts(0)
                .setUsername(username)
                .setPassword(password)
                .setReconnectionDelay(new ConstantDelay(Duration.ofMillis(RECONNECT_MILLIS)))
                .setPingConnectionInterval(PING_MILLIS);
        tls.apply(servers);
    }

    /**
     * The nodes, for messages.
     *
     * @return e.g. {@code 127.0.0.1:6379, 127.0.0.1:7001}
     */
    public String nodes() {
        return String.join(", ", addresses.stream().map(a -> a.substring(a.indexOf("://") + 3)).toList());
    }

    /**
     * Describes the settings without the password.
     *
     * @return e.g. {@code RedisConnection[127.0.0.1:6379, user app, database 0, timeout 3s]}
     */
    @Override
    public String toString() {
        return "RedisConnection[" + (cluster ? "cluster " : "") + String.join(", ", addresses)
                + (username == null ? "" : ", user " + username) + (password == null ? "" : ", password ****")
                + ", database " + database + ", timeout " + Durations.format(timeout)
                + (tls.configured() ? ", " + tls : "") + "]";
    }
}
