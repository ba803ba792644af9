package dev.stowage.redis.channels;

import dev.stowage.channels.ChannelsUri;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where and how a Redis channels backend connects and stores, read from its URI:
 * <pre>
 * redis-pubsub://[user[:password]@]host[:port][,host[:port]...][/db][?parameters]
 * redis-stream://[user[:password]@]host[:port][,host[:port]...][/db][?parameters]
 * </pre>
 * Port defaults to 6379, database to 0 (standalone only). Parameters, both schemes:
 * <ul>
 *   <li>{@code prefix} — names this backend's keys and Pub/Sub channels, {@code [A-Za-z0-9_.-]+},
 *       default {@code stowage-channels} (Litestar's {@code key_prefix});</li>
 *   <li>{@code cluster} — {@code true}: the hosts are seed nodes of a Redis Cluster (default false);</li>
 *   <li>{@code tls} — {@code true}: connect with TLS ({@code rediss://}) (default false);</li>
 *   <li>{@code buffer} — each events subscriber's buffer, in events (default 256).</li>
 * </ul>
 * Parameters of {@code redis-stream} only:
 * <ul>
 *   <li>{@code history} — messages kept per channel, the streams' MAXLEN, {@code >= 1} (default 100);</li>
 *   <li>{@code approximate} — cap with {@code MAXLEN ~} (cheaper, keeps at least {@code history})
 *       (default true, as Litestar's {@code cap_streams_approximate});</li>
 *   <li>{@code ttl} — a stream's time to live in milliseconds, renewed by {@code PEXPIRE} on every
 *       publish; 0 for none (default 60000, as Litestar's {@code stream_ttl});</li>
 *   <li>{@code block} — how long one blocking {@code XREAD} waits, in milliseconds, {@code >= 1}
 *       (default 250): a newly subscribed channel is read at the latest this much later, nothing
 *       published after the subscription is lost meanwhile.</li>
 * </ul>
 * Immutable and thread-safe.
 *
 * @param uri the URI it was read from, printable without password; never null
 * @param addresses {@code redis://host:port} (or {@code rediss://}) per host; never empty
 * @param user the ACL user name, or null
 * @param password the password, or null; never printed
 * @param database the database index (standalone only)
 * @param cluster whether the addresses are cluster seed nodes
 * @param prefix the key and channel prefix
 * @param eventBuffer each events subscriber's buffer, in events
 * @param history the streams' MAXLEN (streams only, else 0)
 * @param approximate whether MAXLEN is capped with {@code ~}
 * @param ttl the streams' time to live, {@link Duration#ZERO} for none
 * @param block the blocking read's wait
 */
public record RedisBackendSettings(ChannelsUri uri, List<String> addresses, String user, String password,
                                   int database, boolean cluster, String prefix, int eventBuffer,
                                   int history, boolean approximate, Duration ttl, Duration block) {

    /** The prefix used when the URI gives none. */
    public static final String DEFAULT_PREFIX = "stowage-channels";

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Set<String> COMMON = Set.of("prefix", "cluster", "tls", "buffer");
    private static final Set<String> STREAM = Set.of("history", "approximate", "ttl", "block");

    /**
     * Checks the settings.
     *
     * @param uri the URI it was read from, printable without password; never null
     * @param addresses {@code redis://host:port} (or {@code rediss://}) per host; never empty
     * @param user the ACL user name, or null
     * @param password the password, or null; never printed
     * @param database the database index (standalone only)
     * @param cluster whether the addresses are cluster seed nodes
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
        Objects.requireNonNull(uri, "uri");
        addresses = List.copyOf(addresses);
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
     * Reads the settings of a {@code redis-pubsub} URI.
     *
     * @param uri the URI; never null
     * @return the settings; never null
     * @throws IllegalArgumentException for a missing host, a bad or unknown parameter (named)
     */
    public static RedisBackendSettings pubSub(ChannelsUri uri) {
        uri.requireOnly(COMMON);
        return read(uri, 0, false, Duration.ZERO, Duration.ofMillis(250));
    }

    /**
     * Reads the settings of a {@code redis-stream} URI.
     *
     * @param uri the URI; never null
     * @return the settings; never null
     * @throws IllegalArgumentException for a missing host, a bad or unknown parameter (named)
     */
    public static RedisBackendSettings streams(ChannelsUri uri) {
        Set<String> known = new HashSet<>(COMMON);
        known.addAll(STREAM);
        uri.requireOnly(known);
        return read(uri, uri.intParameter("history", 100, 1), uri.booleanParameter("approximate", true),
                Duration.ofMillis(uri.longParameter("ttl", 60_000, 0)),
                Duration.ofMillis(uri.longParameter("block", 250, 1)));
    }

    private static RedisBackendSettings read(ChannelsUri uri, int history, boolean approximate,
                                             Duration ttl, Duration block) {
        if (uri.hosts().isEmpty()) {
            throw new IllegalArgumentException("no Redis host in " + uri
                    + " (expected e.g. " + uri.scheme() + "://127.0.0.1:6379)");
        }
        boolean cluster = uri.booleanParameter("cluster", false);
        String scheme = uri.booleanParameter("tls", false) ? "rediss://" : "redis://";
        List<String> addresses = uri.hosts().stream().map(h -> scheme + new ChannelsUri.HostPort(
                h.host(), h.portOr(6379))).toList();
        int database = 0;
        String path = uri.path();
        if (!path.isEmpty() && !path.equals("/")) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad database '" + path.substring(1) + "' in " + uri, e);
            }
            if (database < 0 || cluster) {
                throw new IllegalArgumentException("database " + database + " not allowed in " + uri
                        + (cluster ? " (a cluster has only database 0)" : ""));
            }
        }
        if (!cluster && addresses.size() > 1) {
            throw new IllegalArgumentException("several hosts need cluster=true: " + uri);
        }
        return new RedisBackendSettings(uri, addresses, uri.user().orElse(null), uri.password().orElse(null),
                database, cluster, requirePrefix(uri.parameters().getOrDefault("prefix", DEFAULT_PREFIX)),
                uri.intParameter("buffer", 256, 1), history, approximate, ttl, block);
    }

    /**
     * Describes the settings without the password.
     *
     * @return the URI's printable form
     */
    @Override
    public String toString() {
        return uri.toString();
    }
}
