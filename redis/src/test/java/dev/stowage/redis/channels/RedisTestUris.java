package dev.stowage.redis.channels;

import dev.stowage.channels.ChannelsUri;
import dev.stowage.testing.RedisServers;
import java.util.List;
import java.util.UUID;
import org.redisson.api.RedissonClient;

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
        return of(scheme, List.of(RedisServers.standalone()), params);
    }

    /** {@code scheme://h1:p1,h2:p2?params} for Redis URLs; adds tls=true for rediss. */
    static String of(String scheme, List<String> redisUrls, String params) {
        boolean tls = redisUrls.get(0).startsWith("rediss://");
        String authority = String.join(",", redisUrls.stream()
                .map(u -> u.substring(u.indexOf("://") + 3)).toList());
        String query = (tls ? "tls=true&" : "") + params;
        return scheme + "://" + authority + (query.isEmpty() ? "" : "?" + query);
    }

    /** A client the test owns, connected like a redis-pubsub URI says. */
    static RedissonClient client(String pubSubUri) {
        return RedisClients.create(RedisBackendSettings.pubSub(ChannelsUri.parse(pubSubUri)));
    }
}
