package dev.stowage.redis.channels;

import dev.stowage.channels.ChannelsUri;
import dev.stowage.redis.RedisClients;
import dev.stowage.redis.SharedRedisClient;
import dev.stowage.testing.RedisServers;
import java.util.List;
import java.util.UUID;

/** Backend URIs and clients on the test Redis (standalone or cluster), with unique prefixes. */
final class RedisTestUris {

    private RedisTestUris() {
    }

    /** A prefix no other test uses. */
    static String uniquePrefix() {
        return "stowage-test-" + UUID.randomUUID();
    }

    /** {@code scheme://host:port?params} for the standalone test server. */
    static String standalone(String scheme, String params) {
        return of(scheme, List.of(RedisServers.standalone()), "", params);
    }

    /** {@code scheme://h1:p1,h2:p2/cluster?params} for the masters of a cluster. */
    static String cluster(String scheme, List<String> redisUrls, String params) {
        return of(scheme, redisUrls, "/cluster", params);
    }

    /**
     * {@code scheme://[user:password@]h1:p1,h2:p2<path>?params} for Redis URLs; a {@code rediss://} URL
     * turns {@code redis-...} into {@code rediss-...}, since only the scheme chooses TLS.
     */
    private static String of(String scheme, List<String> redisUrls, String path, String params) {
        boolean tls = redisUrls.get(0).startsWith("rediss://");
        String authority = String.join(",", redisUrls.stream().map(url -> {
            String rest = url.substring(url.indexOf("://") + 3);
            int slash = rest.indexOf('/');
            return slash < 0 ? rest : rest.substring(0, slash);
        }).toList());
        return (tls ? scheme.replaceFirst("^redis", "rediss") : scheme) + "://" + authority + path
                + (params.isEmpty() ? "" : "?" + params);
    }

    /** A hold on the shared client that a redis-pubsub URI connects with; the test closes it. */
    static SharedRedisClient client(String pubSubUri) {
        return RedisClients.acquire(RedisBackendSettings.pubSub(ChannelsUri.parse(pubSubUri)).redis());
    }
}
