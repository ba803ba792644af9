package dev.stowage.redis.channels;

import dev.stowage.channels.ChannelsUri;
import dev.stowage.redis.RedisCallException;
import dev.stowage.redis.RedisFailures;
import dev.stowage.redis.RedisNode;
import dev.stowage.redis.RedisUri;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.redisson.client.RedisException;

/**
 * Where and how a Redis channels backend connects and stores, read from its URI in the one grammar of
 * {@link RedisUri}:
 * <pre>
 * redis-pubsub://[user[:password]@]host[:port][,host[:port]...][/DB-OR-cluster][?parameters]
 * redis-stream://[user[:password]@]host[:port][,host[:port]...][/DB-OR-cluster][?parameters]
 * </pre>
 * Schemes: {@code redis-pubsub}, {@code valkey-pubsub} (TCP), {@code rediss-pubsub},
 * {@code valkeys-pubsub} (TLS), and the same with {@code -stream}; only the scheme chooses TLS.
 * Port 6379 by default, database 0; several hosts, or {@code /cluster}, connect to a Redis Cluster.
 * Parameters of both schemes, besides {@link RedisUri}'s {@code timeout}, {@code cluster} and
 * {@code nodes}:
 * <ul>
 *   <li>{@code prefix} — names this backend's keys and Pub/Sub channels, {@code [A-Za-z0-9_.-]+},
 *       default {@code stowage-channels} (Litestar's {@code key_prefix});</li>
 *   <li>{@code buffer} — each events subscriber's buffer, in events (default 256).</li>
 * </ul>
 * Parameters of {@code redis-stream} only:
 * <ul>
 *   <li>{@code history} — messages kept per channel, the streams' MAXLEN, {@code >= 1} (default 100);</li>
 *   <li>{@code approximate} — cap with {@code MAXLEN ~} (cheaper, keeps at least {@code history})
 *       (default true, as Litestar's {@code cap_streams_approximate});</li>
 *   <li>{@code ttl} — a stream's time to live, renewed by {@code PEXPIRE} on every publish, in the one
 *       duration syntax ({@code 90s}, {@code 1m}, {@code PT1H}); {@code 0s} for none, else at least
 *       {@code 1ms} (default {@code 1m}, as Litestar's {@code stream_ttl});</li>
 *   <li>{@code block} — how long one blocking {@code XREAD} waits, at least {@code 1ms} (default
 *       {@code 250ms}); a subscribe ends a blocked read at once, so a newly subscribed channel is read
 *       from its subscription position whatever this says. The stream is the only buffer: a reader
 *       that falls more than {@code history} entries behind a channel's publishers loses the entries
 *       trimmed meanwhile.</li>
 * </ul>
 * Immutable and thread-safe.
 *
 * @param redis the connection part of the URI; never null
 * @param prefix the key and channel prefix
 * @param eventBuffer each events subscriber's buffer, in events
 * @param history the streams' MAXLEN (streams only, else 0)
 * @param approximate whether MAXLEN is capped with {@code ~}
 * @param ttl the streams' time to live, {@link Duration#ZERO} for none
 * @param block the blocking read's wait
 */
public record RedisBackendSettings(RedisUri redis, String prefix, int eventBuffer, int history, boolean approximate,
                                   Duration ttl, Duration block) {

    /** The prefix used when the URI gives none. */
    public static final String DEFAULT_PREFIX = "stowage-channels";

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Set<String> PUBSUB_PARAMETERS = Set.of("prefix", "buffer");
    private static final Set<String> STREAM_PARAMETERS = Set.of("prefix", "buffer", "history", "approximate", "ttl",
            "block");
    private static final Duration DEFAULT_TTL = Duration.ofMinutes(1);
    private static final Duration DEFAULT_BLOCK = Duration.ofMillis(250);
    private static final Duration MILLISECOND = Duration.ofMillis(1);

    /**
     * Checks the settings.
     *
     * @param redis the connection part of the URI; never null
     * @param prefix the key and channel prefix
     * @param eventBuffer each events subscriber's buffer, in events
     * @param history the streams' MAXLEN (streams only, else 0)
     * @param approximate whether MAXLEN is capped with {@code ~}
     * @param ttl the streams' time to live, {@link Duration#ZERO} for none
     * @param block the blocking read's wait
     * @throws IllegalArgumentException when the prefix is malformed (named)
     * @throws NullPointerException when a required component is null
     */
    public RedisBackendSettings {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(block, "block");
        requirePrefix(prefix);
    }

    /**
     * Checks a key prefix: one or more of {@code A-Z a-z 0-9 _ . -}, so that no prefix is the start
     * of another's keys and none needs escaping in a {@code SCAN MATCH} pattern.
     *
     * @param prefix the prefix; may be anything
     * @return {@code prefix}
     * @throws IllegalArgumentException when it is null or malformed (the message shows it)
     */
    public static String requirePrefix(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("Redis channels key prefix must match [A-Za-z0-9_.-]+, was '"
                    + prefix + "'");
        }
        return prefix;
    }

    /**
     * Reads the settings of a {@code redis-pubsub} URI (or {@code rediss-}, {@code valkey-},
     * {@code valkeys-pubsub}).
     *
     * @param uri the URI; never null
     * @return the settings; never null
     * @throws IllegalArgumentException for a malformed URI, a bad or unknown parameter (named)
     */
    public static RedisBackendSettings pubSub(ChannelsUri uri) {
        RedisUri redis = RedisUri.parse(uri.text(), RedisUri.Kind.PUBSUB, PUBSUB_PARAMETERS);
        return new RedisBackendSettings(redis, prefix(redis), uri.intParameter("buffer", 256, 1), 0, false,
                Duration.ZERO, DEFAULT_BLOCK);
    }

    /**
     * Reads the settings of a {@code redis-stream} URI (or {@code rediss-}, {@code valkey-},
     * {@code valkeys-stream}).
     *
     * @param uri the URI; never null
     * @return the settings; never null
     * @throws IllegalArgumentException for a malformed URI, a bad or unknown parameter (named)
     */
    public static RedisBackendSettings streams(ChannelsUri uri) {
        RedisUri redis = RedisUri.parse(uri.text(), RedisUri.Kind.STREAM, STREAM_PARAMETERS);
        Duration ttl = uri.durationParameter("ttl", DEFAULT_TTL, Duration.ZERO);
        if (!ttl.isZero() && ttl.compareTo(MILLISECOND) < 0) {
            throw redis.invalid("ttl '" + redis.parameter("ttl") + "' must be 0s (no time to live) or at least 1ms");
        }
        return new RedisBackendSettings(redis, prefix(redis), uri.intParameter("buffer", 256, 1),
                uri.intParameter("history", 100, 1), uri.booleanParameter("approximate", true), ttl,
                uri.durationParameter("block", DEFAULT_BLOCK, MILLISECOND));
    }

    private static String prefix(RedisUri redis) {
        String prefix = redis.parameter("prefix");
        if (prefix == null) {
            return DEFAULT_PREFIX;
        }
        if (!PREFIX.matcher(prefix).matches()) {
            throw redis.invalid("prefix '" + prefix + "' must match [A-Za-z0-9_.-]+");
        }
        return prefix;
    }

    /**
     * The nodes, for a backend's name.
     *
     * @return e.g. {@code 127.0.0.1:6379} or {@code h1:7000,h2:7001}
     */
    String nodes() {
        return String.join(",", redis.nodes().stream().map(RedisNode::toString).toList());
    }

    /**
     * Runs one Redis call of a backend with these settings, turning Redisson's failures into a
     * {@link RedisCallException} that names the backend's URI (password masked), what it was doing, and
     * the cause as {@link RedisFailures} says it (an unreachable server, no answer within the timeout,
     * refused credentials or permissions).
     *
     * @param <T> what the call returns
     * @param operation what the backend does, e.g. {@code publish to [a, b]}; not {@code null}
     * @param call the call; not {@code null}
     * @return what the call returned
     * @throws RedisCallException if Redisson fails
     */
    <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (RedisException e) {
            throw failure(operation, e);
        }
    }

    /**
     * The exception of a failed Redis call of a backend with these settings, as {@link #call} throws it.
     *
     * @param operation what the backend did, e.g. {@code subscribe to [a]}; not {@code null}
     * @param failure what Redisson threw (possibly wrapped in a {@code CompletionException}); not {@code null}
     * @return {@code Redis channels backend <URI> could not <operation>: <cause>}
     */
    RedisCallException failure(String operation, Throwable failure) {
        return new RedisCallException("Redis channels backend " + redis + " could not " + operation + ": "
                + RedisFailures.describe(failure, redis, redis.masked()), failure);
    }

    /**
     * Describes the settings without the password.
     *
     * @return the URI's printable form
     */
    @Override
    public String toString() {
        return redis.toString();
    }
}
