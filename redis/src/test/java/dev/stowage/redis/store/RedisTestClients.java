package dev.stowage.redis.store;

import java.util.List;
import java.util.UUID;
import org.redisson.api.RedissonClient;

/** Redisson clients for the Redis tests, made the way the store makes its own. */
final class RedisTestClients {

    private RedisTestClients() {
    }

    /**
     * Connects to one server.
     *
     * @param url a {@code redis://} URL, possibly with credentials
     * @return the client; the caller shuts it down
     */
    static RedissonClient standalone(String url) {
        return RedisClients.create(RedisStoreUri.parse(url));
    }

    /**
     * Connects to a cluster through its nodes.
     *
     * @param nodeUrls the {@code redis://host:port} URLs of the masters
     * @return the client; the caller shuts it down
     */
    static RedissonClient cluster(List<String> nodeUrls) {
        String first = nodeUrls.get(0);
        String others = String.join(",", nodeUrls.subList(1, nodeUrls.size()).stream()
                .map(url -> url.substring("redis://".length())).toList());
        return RedisClients.create(RedisStoreUri.parse(first + "?cluster=true&nodes=" + others));
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
