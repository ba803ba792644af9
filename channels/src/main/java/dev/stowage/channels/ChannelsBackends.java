package dev.stowage.channels;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Opens a channels backend by URI, through the {@link ChannelsBackendFactory} services on the class
 * path. Schemes shipped with this module:
 * <ul>
 *   <li>{@code memory:} — in process; {@code memory:?history=N} keeps the last N messages per
 *       channel (default 0: none).</li>
 * </ul>
 * The artifact {@value #REDIS_ARTIFACT} adds {@code redis-pubsub://[user:password@]host:port[/db]}
 * (Redis Pub/Sub, no history) and {@code redis-stream://[user:password@]host:port[/db]?history=N}
 * (Redis Streams, history kept as the streams' MAXLEN), with {@code rediss-}, {@code valkey-} and
 * {@code valkeys-} forms; its URIs are described in {@code dev.stowage.redis.RedisUri} and
 * {@code dev.stowage.redis.channels.RedisBackendSettings}.
 *
 * <p>Thread-safe.
 */
public final class ChannelsBackends {

    /** The Maven coordinates of the module that serves the Redis and Valkey schemes, named in errors. */
    public static final String REDIS_ARTIFACT = "dev.stowage:stowage-redis";

    private ChannelsBackends() {
    }

    /**
     * Creates an unstarted backend for the URI; call {@link ChannelsBackend#start()} next (the
     * {@link Channels} facade does).
     *
     * @param uri e.g. {@code "memory:"} or {@code "redis-stream://127.0.0.1:6379?history=100"}; never null
     * @return a new, unstarted backend; never null
     * @throws NullPointerException when {@code uri} is null
     * @throws IllegalArgumentException when the URI is malformed or no factory serves its scheme
     *     (the message names the scheme and the known ones)
     * @throws IllegalStateException when the backend's optional dependency is missing (named)
     */
    public static ChannelsBackend open(String uri) {
        Objects.requireNonNull(uri, "uri");
        ChannelsUri parsed = ChannelsUri.parse(uri);
        List<ChannelsBackendFactory> factories = factories();
        for (ChannelsBackendFactory factory : factories) {
            if (factory.schemes().contains(parsed.scheme())) {
                return factory.create(parsed);
            }
        }
        TreeSet<String> known = new TreeSet<>();
        factories.forEach(f -> known.addAll(f.schemes()));
        throw new IllegalArgumentException("no channels backend serves the scheme '" + parsed.scheme()
                + "' of " + parsed + "; known schemes: " + known
                + (parsed.scheme().startsWith("redis") || parsed.scheme().startsWith("valkey")
                        ? " (the Redis and Valkey backends are in the artifact " + REDIS_ARTIFACT + ": add it)" : ""));
    }

    private static List<ChannelsBackendFactory> factories() {
        List<ChannelsBackendFactory> found = new ArrayList<>();
        ServiceLoader.load(ChannelsBackendFactory.class, ChannelsBackendFactory.class.getClassLoader())
                .forEach(found::add);
        return found;
    }
}
