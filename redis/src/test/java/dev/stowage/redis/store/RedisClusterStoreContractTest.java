package dev.stowage.redis.store;

import dev.stowage.redis.SharedRedisClient;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StoreContract;
import dev.stowage.testing.RedisCluster;
import dev.stowage.testing.RedisServers;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.redisson.api.RedissonClient;

/**
 * Runs the store contract against the Redis backend on a 3-master Redis Cluster started for this
 * class: per-namespace keys share a hash slot, the root's keys spread over the masters, and
 * {@code deleteAll} / {@code keys} scan every master.
 */
class RedisClusterStoreContractTest extends StoreContract {

    private static final String ROOT = RedisTestClients.uniqueNamespace("cluster-contract");
    private static RedisCluster cluster;
    private static SharedRedisClient shared;
    private static RedissonClient client;

    @BeforeAll
    static void startCluster() {
        cluster = RedisServers.startCluster();
        shared = RedisTestClients.cluster(cluster.nodeUrls());
        client = shared.client();
    }

    @AfterAll
    static void stopCluster() {
        try {
            shared.close();
        } finally {
            cluster.close();
        }
    }

    @Override
    protected NamespacedStore createStore(Clock clock) {
        return ClockSweptStore.over(new RedisStore(client, ROOT, false, clock, cluster.toString()), clock);
    }

    @Override
    protected boolean nativeExpiry() {
        return true;
    }
}
