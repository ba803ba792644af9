package dev.stowage.store;

import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A {@link Store} with hierarchical namespaces, after Litestar's {@code NamespacedStore}, plus the
 * per-key atomic read-modify-write and key listing that a JCache cache needs on top of it.
 *
 * <p>Bulk operations ({@link #deleteAll()}, {@link #deleteExpired()}) on a namespace reach that
 * namespace and its children and nothing else; isolation between siblings is exact, never by string
 * prefix alone ({@code "a"} and {@code "ab"} are unrelated). Every other operation acts on this
 * namespace only.
 *
 * <p>Thread-safe, like every {@link Store}.
 */
public interface NamespacedStore extends Store {

    /**
     * Returns a store for the child namespace {@code namespace} of this one (Litestar
     * {@code with_namespace}). The child shares this store's connection or directory; closing the
     * child does not close the parent, closing the root closes every child.
     *
     * @param namespace the child's name: any non-empty string, not {@code null}
     * @return the child store; calling again with the same name gives an equivalent store
     * @throws NullPointerException if {@code namespace} is {@code null}
     * @throws IllegalArgumentException if {@code namespace} is empty
     */
    NamespacedStore withNamespace(String namespace);

    /**
     * Returns this store's namespace path from the root, e.g. {@code ["STOWAGE", "users"]}.
     *
     * @return an unmodifiable list; empty for a root store without a namespace
     */
    List<String> namespace();

    /**
     * Atomically reads, transforms and writes the entry of {@code key}; the JCache layer builds
     * {@code putIfAbsent}, {@code replace}, {@code getAndPut} and entry processors on it. Atomic
     * against every other operation on the same key, across threads and, for shared backends,
     * across processes.
     *
     * <p>{@code remapping} receives the live entry ({@code null} when absent or expired) and
     * returns: the very same instance to leave the entry untouched, {@code null} to delete it, or a
     * new {@link StorageObject} to store (its {@link StorageObject#expiresAt()} is absolute). Backends
     * with optimistic concurrency (Redis) may call {@code remapping} more than once, so it must have
     * no side effects beyond its result.
     *
     * @param key the key, not {@code null}
     * @param remapping the transformation, not {@code null}
     * @return the entry now stored, or {@code null} when there is none
     * @throws NullPointerException if {@code key} or {@code remapping} is {@code null}
     * @throws StoreException if the backend fails; the stored entry is then unchanged
     */
    StorageObject compute(String key, UnaryOperator<StorageObject> remapping);

    /**
     * Returns the live entry of {@code key} with its expiry, without renewing it.
     *
     * @param key the key, not {@code null}
     * @return the entry, or {@code null} when absent or expired
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws StoreException if the backend fails
     */
    StorageObject read(String key);

    /**
     * Lists the keys of this namespace's live entries (not its children's). Weakly consistent: keys
     * set or deleted while iterating may or may not appear, no key appears twice, and the iterator
     * never throws {@link java.util.ConcurrentModificationException}.
     *
     * @return an iterator over the keys; {@link Iterator#remove()} is not supported
     * @throws StoreException if the backend fails
     */
    Iterator<String> keys();

    /**
     * Removes the expired entries of this namespace and its children (Litestar
     * {@code delete_expired}). Backends with native expiry (Redis) have nothing to do and return 0.
     *
     * @return how many entries were removed
     * @throws StoreException if the backend fails
     */
    long deleteExpired();
}
