package dev.stowage.redis.store;

import dev.stowage.store.StoreException;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.BaseConfig;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;

/**
 * Makes the Redisson client a {@link RedisStoreUri} describes: a single server or a cluster, TLS for
 * {@code rediss://} and {@code valkeys://}, the URI's credentials, and its timeout as both the connect
 * and the command timeout, with no retries, so that a failure surfaces within the timeout. Redisson
 * reconnects by itself when the server returns. Stateless and thread-safe.
 */
final class RedisClients {

    private RedisClients() {
    }

    /**
     * Creates and connects a client.
     *
     * @param uri the settings, not {@code null}
     * @return the connected client, which the caller shuts down
     * @throws StoreException if the server cannot be reached within the timeout; the message names
     *     the URI with its password masked
     */
    static RedissonClient create(RedisStoreUri uri) {
        Config config = new Config();
        if (uri.cluster()) {
            ClusterServersConfig cluster = config.useClusterServers();
            uri.addresses().forEach(cluster::addNodeAddress);
            apply(cluster, uri);
        } else {
            SingleServerConfig single = config.useSingleServer().setAddress(uri.address()).setDatabase(uri.database());
            apply(single, uri);
        }
        try {
            return Redisson.create(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to Redis store " + uri.masked() + " within " + uri.timeout()
                    + ": " + e.getMessage(), e);
        }
    }

    private static void apply(BaseConfig<?> config, RedisStoreUri uri) {
        int timeout = Math.toIntExact(uri.timeout().toMillis());
        config.setTimeout(timeout)
                .setConnectTimeout(timeout)
                .setRetryAttempts(0)
                .setUsername(uri.username())
                .setPassword(uri.password());
    }
}
