package dev.stowage.redis.store;

import dev.stowage.redis.RedisClients;
import dev.stowage.redis.SharedRedisClient;
import java.util.List;
import java.util.UUID;

/** Redisson clients for the Redis tests, from the same shared factory the store uses. */
final class RedisTestClients {

    private RedisTestClients() {
    }

    /**
     * Holds the shared client of one server.
     *
     * @param url a {@code redis://} URL, possibly with credentials
     * @return the hold; the caller closes it
     */
    static SharedRedisClient standalone(String url) {
        return RedisClients.acquire(RedisStoreUri.parse(url).uri());
    }

    /**
     * Holds the shared client of a cluster, seeded with all its masters.
     *
     * @param nodeUrls the {@code redis://host:port} URLs of the masters
     * @return the hold; the caller closes it
     */
    static SharedRedisClient cluster(List<String> nodeUrls) {
        return RedisClients.acquire(RedisStoreUri.parse(clusterUri(nodeUrls, "")).uri());
    }

    /**
     * Writes the URI of a cluster in the path form: every master a seed node, no {@code ?}.
     *
     * @param nodeUrls the {@code redis://host:port} URLs of the masters
     * @param namespace the root namespace, or empty for none in the path
     * @return e.g. {@code redis://127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002/cluster/APP}
     */
    static String clusterUri(List<String> nodeUrls, String namespace) {
        String first = nodeUrls.get(0);
        String scheme = first.substring(0, first.indexOf("://") + 3);
        String nodes = String.join(",", nodeUrls.stream().map(url -> url.substring(url.indexOf("://") + 3)).toList());
        return scheme + nodes + "/cluster" + (namespace.isEmpty() ? "" : "/" + namespace);
    }

    /**
     * Makes a root namespace no other test or program uses.
     *
     * @param what what the tests are about
     * @return e.g. {@code stowage-test-contract-6f1c...}
     */
    static String uniqueNamespace(String what) {
        return "stowage-test-" + what + "-" + UUID.randomUUID();
    }
}
