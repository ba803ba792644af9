package dev.stowage.redis.store;

import dev.stowage.common.Durations;
import dev.stowage.redis.RedisUri;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A Redis / Valkey store URI: the one grammar of {@link RedisUri} with the store's own parameters,
 * {@code namespace} and {@code lockLease}:
 * <pre>
 * redis://[user[:password]@]host[:port][,host[:port]...][/DB-OR-cluster[/namespace]][?namespace=NAME&amp;lockLease=30s&amp;timeout=3s&amp;cluster=true&amp;nodes=h:p,h:p]
 * </pre>
 * {@code lockLease} (one duration syntax, at least {@code 100ms}, default
 * {@link RedisStore#DEFAULT_LOCK_LEASE}) is the longest time {@link RedisStore#computeExclusive} holds
 * a key's lock: a holder that dies frees the key after it.
 * The root namespace is {@value RedisStore#DEFAULT_NAMESPACE} when absent; an empty
 * {@code namespace=} disables namespacing (Litestar's {@code namespace=None}). Prefer the path form
 * ({@code redis://host/0/APP}, {@code redis://host:7000/cluster/APP}), which keeps the URI free of
 * {@code ?}: a JCache manager's URI becomes part of JMX object names, where tools (and the JSR-107
 * TCK) put it unquoted and a {@code ?} would make the name a pattern. Immutable and thread-safe;
 * {@link #toString()} masks the password.
 *
 * @param uri the parsed URI, not {@code null}
 * @param namespace the root namespace, or {@code null} when namespacing is disabled
 * @param lockLease the lease of the per-key lock of {@link RedisStore#computeExclusive}, not {@code null}
 */
public record RedisStoreUri(RedisUri uri, String namespace, Duration lockLease) {

    /** The URI schemes this backend serves. */
    public static final Set<String> SCHEMES = Set.copyOf(RedisUri.Kind.STORE.schemes());

    /** The parameters of a store URI besides {@link RedisUri#COMMON_PARAMETERS}. */
    static final Set<String> PARAMETERS = Set.of("namespace", "lockLease");

    /** The shortest {@code lockLease} a URI may give. */
    private static final Duration MIN_LOCK_LEASE = Duration.ofMillis(100);

    /**
     * Checks the parts.
     *
     * @param uri the parsed URI, not {@code null}
     * @param namespace the root namespace, or {@code null} when namespacing is disabled
     * @param lockLease the lease of the per-key lock, not {@code null}
     * @throws NullPointerException if {@code uri} or {@code lockLease} is {@code null}
     */
    public RedisStoreUri {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(lockLease, "lockLease");
    }

    /**
     * Makes settings with the default lock lease, {@link RedisStore#DEFAULT_LOCK_LEASE}.
     *
     * @param uri the parsed URI, not {@code null}
     * @param namespace the root namespace, or {@code null} when namespacing is disabled
     * @throws NullPointerException if {@code uri} is {@code null}
     */
    public RedisStoreUri(RedisUri uri, String namespace) {
        this(uri, namespace, RedisStore.DEFAULT_LOCK_LEASE);
    }

    /**
     * Parses a store URI.
     *
     * @param text the URI, not {@code null}
     * @return the settings
     * @throws NullPointerException if {@code text} is {@code null}
     * @throws IllegalArgumentException if the URI is malformed; the message names the URI with its
     *     password masked, and what is wrong
     */
    public static RedisStoreUri parse(String text) {
        RedisUri uri = RedisUri.parse(text, RedisUri.Kind.STORE, PARAMETERS);
        String fromQuery = uri.parameter("namespace");
        String fromPath = uri.pathNamespace();
        if (fromQuery != null && fromPath != null) {
            throw uri.invalid("it names the namespace twice, in the path and as namespace=");
        }
        String namespace = fromPath != null ? fromPath
                : fromQuery == null ? RedisStore.DEFAULT_NAMESPACE
                : fromQuery.isEmpty() ? null : fromQuery;
        String lease = uri.parameter("lockLease");
        Duration lockLease = RedisStore.DEFAULT_LOCK_LEASE;
        if (lease != null) {
            try {
                lockLease = Durations.parse("lockLease", lease);
            } catch (IllegalArgumentException e) {
                throw uri.invalid(e.getMessage());
            }
            if (lockLease.compareTo(MIN_LOCK_LEASE) < 0) {
                throw uri.invalid("lockLease '" + lease + "' must be at least 100ms");
            }
        }
        return new RedisStoreUri(uri, namespace, lockLease);
    }

    /**
     * Returns this URI with the password masked, as every message of this backend names it.
     *
     * @return the masked URI
     */
    @Override
    public String toString() {
        return uri.masked();
    }
}
