package dev.stowage.redis.channels;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;

/**
 * Creates the {@link RedissonClient} a backend opened by URI owns: small connection pools (a
 * channels backend needs few connections), Pub/Sub messages handled in arrival order per channel
 * ({@code keepPubSubOrder}), and an error naming the address, never the password, when the server
 * cannot be reached. Thread-safe.
 */
final class RedisClients {

    private static final int CONNECT_TIMEOUT_MILLIS = 3_000;

    private RedisClients() {
    }

    /**
     * Connects.
     *
     * @param settings where to connect; never null
     * @return a connected client, closed by its owner with {@code shutdown()}; never null
     * @throws IllegalStateException when no server answers; the message names the addresses
     */
    static RedissonClient create(RedisBackendSettings settings) {
        Config config = new Config();
        config.setKeepPubSubOrder(true);
        config.setNettyThreads(4);
        config.setThreads(4);
        if (settings.cluster()) {
            ClusterServersConfig cluster = config.useClusterServers();
            settings.addresses().forEach(cluster::addNodeAddress);
            cluster.setMasterConnectionMinimumIdleSize(2).setMasterConnectionPoolSize(16)
                    .setSubscriptionConnectionMinimumIdleSize(1)
                    .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                    .setUsername(settings.user()).setPassword(settings.password());
        } else {
            SingleServerConfig single = config.useSingleServer();
            single.setAddress(settings.addresses().get(0)).setDatabase(settings.database())
                    .setConnectionMinimumIdleSize(2).setConnectionPoolSize(16)
                    .setSubscriptionConnectionMinimumIdleSize(1)
                    .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                    .setUsername(settings.user()).setPassword(settings.password());
        }
        try {
            return Redisson.create(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to Redis at " + String.join(", ",
                    settings.addresses()) + " for " + settings + ": " + e.getClass().getSimpleName(), e);
        }
    }
}
