package dev.stowage.redis;

import dev.stowage.common.UriErrors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one URI grammar of everything Redis and Valkey in Stowage, stores and channels alike:
 * <pre>
 * SCHEME://[user[:password]@]host[:port][,host[:port]...][/DB-OR-cluster[/namespace]][?name=value&amp;...]
 * </pre>
 * <ul>
 * <li>Schemes: {@code redis} and {@code valkey} (plain TCP), {@code rediss} and {@code valkeys} (TLS)
 *     for stores ({@link Kind#STORE}); the channels backends use the same four with {@code -pubsub}
 *     or {@code -stream} appended ({@code redis-pubsub}, {@code rediss-stream}, {@code valkeys-pubsub},
 *     ...). Only the scheme chooses TLS; a {@code tls} parameter is an error saying so.</li>
 * <li>User name and password are percent-decoded; the password never appears in a message
 *     ({@link #toString()} and every error show {@code ****}).</li>
 * <li>Port 6379 by default. Several hosts are seed nodes of a Redis Cluster and need it.</li>
 * <li>The first path segment is a database number (0 by default; a cluster has only 0) or the word
 *     {@code cluster}, which connects to a Redis Cluster without any {@code ?}:
 *     {@code redis://h1:7000/cluster/APP}. A JCache manager's URI becomes part of JMX object names,
 *     where a {@code ?} or {@code *} would make the name a pattern, so a cluster manager URI with one
 *     seed node needs neither. The second segment is a store's root namespace; channels URIs have
 *     none.</li>
 * <li>Parameters read here, for every kind: {@code timeout} (the connect and command timeout, in the
 *     one duration syntax of {@link dev.stowage.common.Durations}: {@code 500ms}, {@code 3s},
 *     {@code 1m}; {@code 3s} by default), {@code cluster} ({@code true} /
 *     {@code false}) and {@code nodes} (further cluster seed nodes, {@code host:port,host:port}).
 *     A consumer names the parameters it reads itself ({@link #parameter}); any other parameter is
 *     an error that lists the known ones.</li>
 * <li>Parameters of the TLS schemes only ({@link #TLS_PARAMETERS}, read into {@link RedisTls}):
 *     {@code keyStore} (a PKCS#12 or JKS file with the client's certificate and key, presented to a
 *     server with {@code tls-auth-clients yes}), {@code trustStore} (the certificates that vouch for
 *     the server's, else the JVM's trust store), and their passwords: {@code keyStorePassword=...}
 *     as given (masked in every message), or {@code keyStorePasswordEnv=NAME}, read from the
 *     environment variable {@code NAME} (else the system property {@code NAME}) when the URI is
 *     parsed; the same for {@code trustStorePassword} / {@code trustStorePasswordEnv}. Both stores
 *     are read when the URI is parsed, so a missing file or a wrong password is a URI error. On a
 *     plain TCP scheme they are an error pointing at the TLS scheme.</li>
 * </ul>
 * Every malformed URI is an {@link IllegalArgumentException} reading
 * {@code Redis URI '<URI, password masked>' is invalid: <what is wrong>}. Immutable and thread-safe.
 */
public final class RedisUri {

    /** What a Redis URI is called at the start of its error messages ({@link UriErrors}). */
    public static final String KIND = "Redis";

    /** The port of a node that names none. */
    public static final int DEFAULT_PORT = 6379;

    /** The timeout of a URI that names none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    /** The parameters every kind of URI accepts, read by this class. */
    public static final Set<String> COMMON_PARAMETERS = Set.of("timeout", "cluster", "nodes");

    /** The parameters of the TLS schemes, read by this class into {@link RedisTls}. */
    public static final Set<String> TLS_PARAMETERS = Set.of("keyStore", "keyStorePassword", "keyStorePasswordEnv",
            "trustStore", "trustStorePassword", "trustStorePasswordEnv");

    /** What a Redis URI opens; decides the schemes it may have. */
    public enum Kind {
        /** A store: {@code redis}, {@code rediss}, {@code valkey}, {@code valkeys}. */
        STORE(""),
        /** A Pub/Sub channels backend: {@code redis-pubsub}, {@code rediss-pubsub}, ... */
        PUBSUB("-pubsub"),
        /** A Streams channels backend: {@code redis-stream}, {@code rediss-stream}, ... */
        STREAM("-stream");

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        /**
         * The schemes of this kind, plain TCP ones first.
         *
         * @return e.g. {@code [redis-stream, valkey-stream, rediss-stream, valkeys-stream]}
         */
        public List<String> schemes() {
            return List.of("redis" + suffix, "valkey" + suffix, "rediss" + suffix, "valkeys" + suffix);
        }

        /**
         * The TLS scheme of this kind, which an error about a {@code tls} parameter suggests.
         *
         * @return e.g. {@code rediss-stream}
         */
        String tlsScheme() {
            return "rediss" + suffix;
        }
    }

    private final String scheme;
    private final Kind kind;
    private final List<RedisNode> nodes;
    private final String username;
    private final String password;
    private final int database;
    private final boolean cluster;
    private final String namespace;
    private final Duration timeout;
    private final RedisTls tls;
    private final Map<String, String> parameters;
    private final String masked;

    /** Built by {@link RedisUriParser}, which has checked every part. */
    RedisUri(String scheme, Kind kind, List<RedisNode> nodes, String username, String password, int database,
            boolean cluster, String namespace, Duration timeout, RedisTls tls, Map<String, String> parameters,
            String masked) {
        this.scheme = scheme;
        this.kind = kind;
        this.nodes = List.copyOf(nodes);
        this.username = username;
        this.password = password;
        this.database = database;
        this.cluster = cluster;
        this.namespace = namespace;
        this.timeout = timeout;
        this.tls = tls;
        this.parameters = Map.copyOf(parameters);
        this.masked = masked;
    }

    /**
     * Parses and checks a URI.
     *
     * @param text the URI, not {@code null}
     * @param kind what it opens, which decides the schemes allowed; not {@code null}
     * @param consumerParameters the parameters the caller reads itself besides
     *     {@link #COMMON_PARAMETERS}, e.g. {@code namespace} for a store; not {@code null}
     * @return the parsed URI
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the URI is malformed or holds an unknown parameter; the
     *     message names the URI with its password masked, and the bad part
     */
    public static RedisUri parse(String text, Kind kind, Set<String> consumerParameters) {
        return new RedisUriParser(Objects.requireNonNull(text, "text"), Objects.requireNonNull(kind, "kind"),
                Objects.requireNonNull(consumerParameters, "consumerParameters")).parse();
    }

    /**
     * The scheme, lower case.
     *
     * @return e.g. {@code rediss-stream}
     */
    public String scheme() {
        return scheme;
    }

    /**
     * What this URI opens.
     *
     * @return the kind its scheme belongs to
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Whether to connect with TLS: the scheme starts with {@code rediss} or {@code valkeys}.
     *
     * @return true for TLS
     */
    public boolean tls() {
        return scheme.startsWith("rediss") || scheme.startsWith("valkeys");
    }

    /**
     * The nodes: those of the authority, then those of {@code nodes=}.
     *
     * @return one node, or several cluster seed nodes; never empty
     */
    public List<RedisNode> nodes() {
        return nodes;
    }

    /**
     * The ACL user name.
     *
     * @return the decoded user name, or {@code null} when none (or an empty one) is given
     */
    public String username() {
        return username;
    }

    /**
     * The password. Never printed by this class.
     *
     * @return the decoded password, or {@code null} when none (or an empty one) is given
     */
    public String password() {
        return password;
    }

    /**
     * The database number.
     *
     * @return 0 or more; 0 for a cluster
     */
    public int database() {
        return database;
    }

    /**
     * Whether the nodes are seed nodes of a Redis Cluster ({@code /cluster} path or
     * {@code cluster=true}), whose other nodes are discovered.
     *
     * @return true for a cluster
     */
    public boolean cluster() {
        return cluster;
    }

    /**
     * The second path segment: a store's root namespace, percent-decoded.
     *
     * @return the namespace, or {@code null} when the path has no second segment
     */
    public String pathNamespace() {
        return namespace;
    }

    /**
     * The connect and command timeout.
     *
     * @return at least 1 ms and at most {@link Integer#MAX_VALUE} ms; {@link #DEFAULT_TIMEOUT} when
     *     the URI names none
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The key and trust stores of a TLS URI.
     *
     * @return {@link RedisTls#DEFAULT} when the URI names none (always on a plain TCP scheme)
     */
    public RedisTls tlsStores() {
        return tls;
    }

    /**
     * One of the consumer's parameters, as given.
     *
     * @param name the parameter's name, one of the {@code consumerParameters} of {@link #parse}
     * @return the percent-decoded value, possibly empty, or {@code null} when absent
     */
    public String parameter(String name) {
        return parameters.get(name);
    }

    /**
     * The consumer's parameters that were given.
     *
     * @return name to percent-decoded value, unmodifiable; without {@link #COMMON_PARAMETERS} and
     *     {@link #TLS_PARAMETERS}
     */
    public Map<String, String> parameters() {
        return parameters;
    }

    /**
     * Every node's address in the form Redisson expects.
     *
     * @return {@code redis://host:port} or {@code rediss://host:port} per node, in order
     */
    public List<String> addresses() {
        List<String> addresses = new ArrayList<>(nodes.size());
        nodes.forEach(node -> addresses.add(node.address(tls())));
        return List.copyOf(addresses);
    }

    /**
     * What decides whether two URIs may share one Redisson client: servers, TLS and its stores,
     * credentials, database and timeout, nothing a consumer reads for itself.
     *
     * @return the connection settings
     */
    public RedisConnection connection() {
        return new RedisConnection(addresses(), cluster, username, password, database, timeout, tls);
    }

    /**
     * The same URI with some parts replaced, for callers that take them separately (Litestar's
     * {@code RedisStore.with_client(url, db, username, password)}).
     *
     * @param newDatabase the database number, or {@code null} to keep this one
     * @param newUsername the ACL user name, or {@code null} to keep this one
     * @param newPassword the password, or {@code null} to keep this one
     * @return the changed URI; its printable form stays this URI's
     * @throws IllegalArgumentException if {@code newDatabase} is negative, or not 0 on a cluster
     */
    public RedisUri with(Integer newDatabase, String newUsername, String newPassword) {
        if (newDatabase != null && newDatabase < 0) {
            throw invalid("the database must be 0 or more, not " + newDatabase);
        }
        if (newDatabase != null && cluster && newDatabase != 0) {
            throw invalid("a Redis Cluster has only database 0, not " + newDatabase);
        }
        return new RedisUri(scheme, kind, nodes, newUsername == null ? username : newUsername,
                newPassword == null ? password : newPassword, newDatabase == null ? database : newDatabase,
                cluster, namespace, timeout, tls, parameters, masked);
    }

    /**
     * Makes the error for a bad part of this URI, in the form every Redis URI error has.
     *
     * @param problem what is wrong, e.g. {@code "prefix 'a:b' must match [A-Za-z0-9_.-]+"}
     * @return {@code Redis URI '<masked>' is invalid: <problem>}, for the caller to throw
     */
    public IllegalArgumentException invalid(String problem) {
        return invalid(masked, problem);
    }

    static IllegalArgumentException invalid(String masked, String problem) {
        return UriErrors.invalid(KIND, masked, problem);
    }

    /**
     * The URI as given, with the password replaced by {@code ****}.
     *
     * @return the printable URI
     */
    public String masked() {
        return masked;
    }

    /**
     * The URI as given, with the password replaced by {@code ****}: what every message names.
     *
     * @return {@link #masked()}
     */
    @Override
    public String toString() {
        return masked;
    }
}
