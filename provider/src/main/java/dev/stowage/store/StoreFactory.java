package dev.stowage.store;

import java.net.URI;
import java.util.Set;

/**
 * Opens stores for the URI schemes it serves; found through {@link java.util.ServiceLoader} from
 * {@code META-INF/services/dev.stowage.store.StoreFactory}, so a third party can add a backend.
 * Implementations must have a public no-argument constructor and be thread-safe.
 */
public interface StoreFactory {

    /**
     * Returns the URI schemes this factory opens, lower case, e.g. {@code "memory"} or
     * {@code "redis"}.
     *
     * @return a non-empty set of schemes
     */
    Set<String> schemes();

    /**
     * Opens the root store that {@code uri} describes.
     *
     * @param uri the store URI, whose scheme is one of {@link #schemes()}; not {@code null}
     * @return a new root store, which the caller closes
     * @throws IllegalArgumentException if the URI is malformed for this backend; the message names
     *     the URI (with any password masked) and what is wrong
     * @throws StoreException if the backend cannot be reached
     */
    NamespacedStore open(URI uri);

    /**
     * Tells, before any store is opened, whether the stores this factory opens support
     * {@link NamespacedStore#withNamespace(String, long)}: namespaces kept to a maximum number of
     * entries. A configuration file's reader asks it to refuse {@code maximumSize} on a store that
     * cannot honour it. Must agree with {@link NamespacedStore#boundsNamespaces()} of those stores.
     *
     * @return {@code false} by default; {@code true} for the memory backend
     */
    default boolean boundsNamespaces() {
        return false;
    }
}
