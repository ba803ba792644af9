package dev.stowage.redis.store;

import dev.stowage.redis.RedisUri;
import java.util.Objects;
import java.util.Set;

/**
 * A Redis / Valkey store URI: the one grammar of {@link RedisUri} with the store's own parameter,
 * {@code namespace}:
 * <pre>
 * redis://[user[:password]@]host[:port][,host[:port]...][/DB-OR-cluster[/namespace]][?namespace=NAME&amp;timeout=3s&amp;cluster=true&amp;nodes=h:p,h:p]
 * </pre>
 * The root namespace is {@value RedisStore#DEFAULT_NAMESPACE} when absent; an empty
 * {@code namespace=} disables namespacing (Litestar's {@code namespace=None}). Prefer the path form
 * ({@code redis://host/0/APP}, {@code redis://host:7000/cluster/APP}), which keeps the URI free of
 * {@code ?}: a JCache manager's URI becomes part of JMX object names, where tools (and the JSR-107
 * TCK) put it unquoted and a {@code ?} would make the name a pattern. Immutable and thread-safe;
 * {@link #toString()} masks the password.
 *
 * @param uri the parsed URI, not {@code null}
 * @param namespace the root namespace, or {@code null} when namespacing is disabled
 */
public record RedisStoreUri(RedisUri uri, String namespace) {

    /** The URI schemes this backend serves. */
    public static final Set<String> SCHEMES = Set.copyOf(RedisUri.Kind.STORE.schemes());

    /** The parameters of a store URI besides {@link RedisUri#COMMON_PARAMETERS}. */
    static final Set<String> PARAMETERS = Set.of("namespace");

    /**
     * Checks the parts.
     *
     * @param uri the parsed URI, not {@code null}
     * @param namespace the root namespace, or {@code null} when namespacing is disabled
     * @throws NullPointerException if {@code uri} is {@code null}
     */
    public RedisStoreUri {
        Objects.requireNonNull(uri, "uri");
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
        return new RedisStoreUri(uri, namespace);
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
