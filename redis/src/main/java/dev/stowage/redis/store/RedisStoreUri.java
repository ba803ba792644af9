package dev.stowage.redis.store;

import dev.stowage.common.UriMask;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed and validated Redis / Valkey store URI:
 * <pre>
 * redis://[user[:password]@]host[:port][/db[/namespace]][?namespace=NAME&amp;timeout=3s&amp;cluster=true&amp;nodes=h:p,h:p]
 * </pre>
 * Schemes: {@code redis} and {@code valkey} (plain TCP), {@code rediss} and {@code valkeys} (TLS).
 * Port 6379 by default; {@code db} 0 by default (a cluster has only database 0). User name and password
 * are percent-decoded. Parameters:
 * <ul>
 * <li>{@code namespace} — the root namespace, {@value RedisStore#DEFAULT_NAMESPACE} when absent;
 *     an empty value ({@code namespace=}) disables namespacing (Litestar's {@code namespace=None}).
 *     It may instead be the path segment after the database ({@code redis://host/0/APP}), which keeps
 *     the URI free of {@code ?}: a JCache manager's URI becomes part of JMX object names, where tools
 *     (and the JSR-107 TCK) put it unquoted and a {@code ?} would make the name a pattern.</li>
 * <li>{@code timeout} — how long one command may take, and how long connecting may take: a positive
 *     number with unit {@code ms}, {@code s} or {@code m}, or plain milliseconds; 3 s by default.</li>
 * <li>{@code cluster} — {@code true} to talk to a Redis Cluster, whose other nodes are discovered
 *     from this one ({@code CLUSTER SLOTS}); {@code false} by default.</li>
 * <li>{@code nodes} — further cluster seed nodes, {@code host:port} separated by commas.</li>
 * </ul>
 * Anything else is an error. Immutable and thread-safe; {@link #toString()} masks the password.
 *
 * @param tls whether to connect with TLS ({@code rediss}, {@code valkeys})
 * @param host the first node's host
 * @param port the first node's port
 * @param database the database number, 0 or more
 * @param username the ACL user name, or {@code null}
 * @param password the password, or {@code null}
 * @param namespace the root namespace, or {@code null} when namespacing is disabled
 * @param timeout the command and connect timeout, positive
 * @param cluster whether the server is a Redis Cluster
 * @param extraNodes further cluster seed nodes as {@code host:port}
 * @param masked the URI as given with the password replaced by {@code ****}
 */
public record RedisStoreUri(boolean tls, String host, int port, int database, String username, String password,
        String namespace, Duration timeout, boolean cluster, List<String> extraNodes, String masked) {

    /** The URI schemes this backend serves. */
    public static final Set<String> SCHEMES = Set.of("redis", "rediss", "valkey", "valkeys");

    /** The timeout when the URI names none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m)?");
    private static final Pattern NODE = Pattern.compile("([^:,/]+):(\\d{1,5})");

    /**
     * Parses a store URI.
     *
     * @param uri the URI, not {@code null}
     * @return the settings
     * @throws NullPointerException if {@code uri} is {@code null}
     * @throws IllegalArgumentException if the URI is malformed; the message names the URI with its
     *     password masked, and what is wrong
     */
    public static RedisStoreUri parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        String masked = UriMask.mask(uri);
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw invalid(masked, "it is not a URI (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw invalid(masked, "the scheme must be one of redis, rediss, valkey, valkeys");
        }
        if (parsed.getHost() == null && parsed.getRawAuthority() != null && !parsed.getRawAuthority().endsWith("@")) {
            throw invalid(masked, "its authority is not [user[:password]@]host[:port] with a numeric port");
        }
        if (parsed.getHost() == null || parsed.getHost().isEmpty()) {
            throw invalid(masked, "it names no host (write e.g. redis://localhost:6379)");
        }
        if (parsed.getRawFragment() != null) {
            throw invalid(masked, "a fragment (#...) has no meaning here");
        }
        int port = parsed.getPort() < 0 ? 6379 : parsed.getPort();
        String username = null;
        String password = null;
        if (parsed.getRawUserInfo() != null) {
            String info = parsed.getRawUserInfo();
            int colon = info.indexOf(':');
            username = decode(colon < 0 ? info : info.substring(0, colon), masked);
            password = colon < 0 ? null : decode(info.substring(colon + 1), masked);
            if (username.isEmpty()) {
                username = null;
            }
        }
        String[] path = path(parsed.getRawPath(), masked);
        int database = path[0] == null ? 0 : Integer.parseInt(path[0]);
        Query query = Query.parse(parsed.getRawQuery(), masked);
        if (path[1] != null) {
            if (query.namespaceGiven) {
                throw invalid(masked, "it names the namespace twice, in the path and as namespace=");
            }
            query.namespace = decode(path[1], masked);
        }
        if (query.cluster && database != 0) {
            throw invalid(masked, "a Redis Cluster has only database 0, not " + database);
        }
        if (!query.cluster && !query.nodes.isEmpty()) {
            throw invalid(masked, "nodes=... needs cluster=true");
        }
        return new RedisStoreUri(scheme.equals("rediss") || scheme.equals("valkeys"), parsed.getHost(), port, database, username, password,
                query.namespace, query.timeout, query.cluster, query.nodes, masked);
    }

    /**
     * Returns the address of the first node in the form Redisson expects.
     *
     * @return {@code redis://host:port} or {@code rediss://host:port}
     */
    public String address() {
        return address(host + ":" + port);
    }

    /**
     * Returns every seed node's address in the form Redisson expects.
     *
     * @return the first node, then {@link #extraNodes()}
     */
    public List<String> addresses() {
        List<String> all = new ArrayList<>();
        all.add(address());
        extraNodes.forEach(node -> all.add(address(node)));
        return all;
    }

    private String address(String hostAndPort) {
        return (tls ? "rediss://" : "redis://") + hostAndPort;
    }

    /**
     * Returns this URI with the password masked, as every message of this backend names it.
     *
     * @return the masked URI
     */
    @Override
    public String toString() {
        return masked;
    }

    /** Splits {@code /db/namespace} into its two parts, each {@code null} when absent. */
    private static String[] path(String rawPath, String masked) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return new String[2];
        }
        String[] parts = rawPath.substring(1).split("/", -1);
        if (parts.length > 2 || !parts[0].matches("\\d{1,5}") || (parts.length == 2 && parts[1].isEmpty())) {
            throw invalid(masked, "the path must be a database number and optionally a namespace, like /0 or /0/APP, not '"
                    + rawPath + "'");
        }
        return new String[] {parts[0], parts.length == 2 ? parts[1] : null};
    }

    /** The parsed query parameters. */
    private static final class Query {
        String namespace = RedisStore.DEFAULT_NAMESPACE;
        boolean namespaceGiven;
        Duration timeout = DEFAULT_TIMEOUT;
        boolean cluster;
        List<String> nodes = List.of();

        static Query parse(String rawQuery, String masked) {
            Query query = new Query();
            if (rawQuery == null || rawQuery.isEmpty()) {
                return query;
            }
            Set<String> seen = new java.util.HashSet<>();
            for (String parameter : rawQuery.split("&")) {
                if (parameter.isEmpty()) {
                    continue;
                }
                int equals = parameter.indexOf('=');
                String name = decode(equals < 0 ? parameter : parameter.substring(0, equals), masked);
                String value = equals < 0 ? null : decode(parameter.substring(equals + 1), masked);
                if (!seen.add(name)) {
                    throw invalid(masked, "parameter '" + name + "' is given twice");
                }
                if (value == null) {
                    throw invalid(masked, "parameter '" + name + "' has no value (write " + name + "=...)");
                }
                switch (name) {
                    case "namespace" -> {
                        query.namespace = value.isEmpty() ? null : value;
                        query.namespaceGiven = true;
                    }
                    case "timeout" -> query.timeout = duration(value, masked);
                    case "cluster" -> query.cluster = bool(value, masked);
                    case "nodes" -> query.nodes = nodes(value, masked);
                    default -> throw invalid(masked, "unknown parameter '" + name
                            + "'; known are namespace, timeout, cluster, nodes");
                }
            }
            return query;
        }
    }

    private static Duration duration(String value, String masked) {
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw invalid(masked, "timeout '" + value + "' is not a positive duration like 500ms, 3s or 1m");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
        Duration duration = switch (unit) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofMillis(amount);
        };
        if (duration.toMillis() > Integer.MAX_VALUE) {
            throw invalid(masked, "timeout '" + value + "' is longer than " + Integer.MAX_VALUE + " ms");
        }
        return duration;
    }

    private static boolean bool(String value, String masked) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(masked, "cluster '" + value + "' must be true or false");
        };
    }

    private static List<String> nodes(String value, String masked) {
        List<String> nodes = new ArrayList<>();
        for (String node : value.split(",", -1)) {
            Matcher matcher = NODE.matcher(node);
            if (!matcher.matches() || Integer.parseInt(matcher.group(2)) > 65535) {
                throw invalid(masked, "node '" + node + "' is not host:port");
            }
            nodes.add(node);
        }
        return List.copyOf(nodes);
    }

    private static String decode(String raw, String masked) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(masked, "it holds a malformed %-escape");
        }
    }

    private static IllegalArgumentException invalid(String masked, String problem) {
        return new IllegalArgumentException("Redis store URI '" + masked + "' is invalid: " + problem);
    }
}
