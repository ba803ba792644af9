package dev.stowage.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
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
 * <p>The SPI states what a backend can do, so that callers (the JCache layer) never test a backend's
 * class or URI scheme:
 * <ul>
 *   <li>A backend implements the abstract methods: {@link Store}'s, {@link #withNamespace(String)},
 *       {@link #namespace()}, {@link #compute}, {@link #read}, {@link #keys()} and
 *       {@link #deleteExpired()}; {@link #computeExclusive} (the function runs exactly once) defaults
 *       to {@link #compute} and backends whose {@code compute} may retry override it.</li>
 *   <li>The optional operations ({@link #getAndExpireAt}, {@link #getAllAndExpireAt},
 *       {@link #setKeepingExpiry}, {@link #getAll}, {@link #setAllKeepingExpiry},
 *       {@link #getAndDeleteAll}) have defaults built on {@link #compute} and {@link #read}, atomic
 *       per key as documented, so every backend has them; a backend overrides those it does faster
 *       (Redis: one command or one pipelined round trip each).</li>
 *   <li>The capabilities say what a backend offers beyond bytes: {@link #clock()} (the time it
 *       expires entries by), {@link #objects()} (an object-level view, for backends that hold Java
 *       objects in this JVM) and {@link #boundsNamespaces()} with
 *       {@link #withNamespace(String, long)} (namespaces with a maximum number of entries), and
 *       {@link #onExpired} (expired entries reported, for {@code EXPIRED} events), {@link #shared()}
 *       and {@link #changeFeed()} (data and events shared across processes). The defaults say
 *       "system clock, bytes only, unbounded, expiries not reported, this JVM only".</li>
 * </ul>
 *
 * <p>Thread-safe, like every {@link Store}; the defaults are as thread-safe as {@link #compute} and
 * {@link #read}.
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
     * new {@link StorageObject} to store (its {@link StorageObject#expiresAt()} is absolute). A new
     * object that is expired already (its expiry not after the {@link #clock()}'s now) is not
     * stored: the entry is deleted and {@code null} returned. Backends
     * with optimistic concurrency (Redis) may call {@code remapping} more than once, so it must have
     * no side effects beyond its result; a step with side effects goes through
     * {@link #computeExclusive}.
     *
     * @param key the key, not {@code null}
     * @param remapping the transformation, not {@code null}
     * @return the entry now stored, or {@code null} when there is none
     * @throws NullPointerException if {@code key} or {@code remapping} is {@code null}
     * @throws StoreException if the backend fails; the stored entry is then unchanged
     */
    StorageObject compute(String key, UnaryOperator<StorageObject> remapping);

    /**
     * Like {@link #compute}, but runs {@code remapping} exactly once per call (never again after a lost
     * race), so that it may have side effects: the JCache layer runs a cache writer, an entry
     * processor, or the step of a listener that needs the old value through it. Atomic like
     * {@link #compute}; if {@code remapping} throws, the entry is unchanged and the exception
     * propagates. If the backend fails after {@code remapping} ran (a lost connection, or on Redis a
     * lock lease that ran out before the write), a {@link StoreException} says so and the entry is
     * whatever the store holds: the step's side effect happened, its write may not have.
     *
     * <p>The default is {@link #compute}, which is right for backends whose {@code compute} runs its
     * function once already: memory (one Caffeine / {@code ConcurrentHashMap} compute) and file (under
     * the key's cross-process file lock). A backend with optimistic concurrency overrides it: Redis
     * takes a per-key lock with a lease, safe across processes, reads, runs the function, and writes
     * only if the key still holds what it read (see its documentation for the round trips).
     *
     * @param key the key, not {@code null}
     * @param remapping the transformation, not {@code null}; called exactly once
     * @return the entry now stored, or {@code null} when there is none
     * @throws NullPointerException if {@code key} or {@code remapping} is {@code null}
     * @throws StoreException if the backend fails, or cannot take the key's lock in time
     */
    default StorageObject computeExclusive(String key, UnaryOperator<StorageObject> remapping) {
        return compute(key, remapping);
    }

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

    // ---- capabilities ------------------------------------------------------------------------

    /**
     * Returns the asynchronous form of this namespace's hot-path operations ({@link AsyncStore}). The
     * default runs each blocking call on {@code executor} ({@link AsyncStore#onExecutor}), so every
     * backend has it unchanged: memory, file and third parties complete their stages there, never on the
     * caller's thread. A backend with an asynchronous client overrides it: Redis sends its commands
     * through Redisson's asynchronous API, parks no thread, and ignores {@code executor}.
     *
     * @param executor where the default runs the blocking calls (the JCache layer passes the caching
     *     provider's executor), not {@code null}
     * @return the view of this namespace; cheap to make, and as long-lived as the store
     * @throws NullPointerException if {@code executor} is {@code null}
     */
    default AsyncStore async(Executor executor) {
        return AsyncStore.onExecutor(this, executor);
    }

    /**
     * Returns the clock this store reads the time from: it turns times to live into absolute expiries
     * with it and decides by it whether an entry has expired. Callers that compute absolute expiries
     * for this store (the JCache layer does) use the same clock, so that both agree on the time, and
     * tests move it by hand.
     *
     * @return the clock; the default is {@link Clock#systemUTC()}
     */
    default Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Returns the object-level view of this namespace, when the backend keeps entries as Java objects
     * in this JVM (the memory backend does); the JCache layer then holds keys and values as they are
     * instead of encoding them. See {@link ObjectStore} for what an implementation owes.
     *
     * @return the view of this very namespace, or empty (the default) for a byte-level backend
     */
    default Optional<ObjectStore> objects() {
        return Optional.empty();
    }

    /**
     * Registers {@code listener} to hear of this namespace's entries (not its children's) that this
     * store finds expired and removes, in this JVM: the source of JSR-107 {@code EXPIRED} events. What
     * a backend reports: memory, an entry its expiry index removes when its time comes and one a read
     * or a write finds expired; file, an entry a read, a write or {@link #deleteExpired()} finds
     * expired. Entries of other handles of the same namespace (the same directory, the same memory
     * namespace) are reported to every listener of it.
     *
     * @param listener the listener, not {@code null}
     * @return what stops the listener, or empty (the default) when the backend does not report
     *     expiries; then no {@code EXPIRED} event is made
     * @throws NullPointerException if {@code listener} is {@code null}
     */
    default Optional<Runnable> onExpired(ExpiryListener listener) {
        Objects.requireNonNull(listener, "listener");
        return Optional.empty();
    }

    /**
     * Tells whether other processes may use this store's data too (file: processes sharing the
     * directory; Redis: every client of the server), so that a JCache cache on it behaves as one cache
     * across JVMs where it can ({@code events: cluster} by default).
     *
     * @return {@code false} by default (memory: the data lives in this JVM only)
     */
    default boolean shared() {
        return false;
    }

    /**
     * Opens this namespace's change feed across processes, the transport of cluster-wide JCache entry
     * events (see {@link ChangeFeed}). Each call opens a new feed, which the caller closes.
     *
     * @return the feed, or empty (the default) when the backend has none: its events stay in the JVM
     *     (memory, file)
     * @throws StoreException if the backend fails
     */
    default Optional<ChangeFeed> changeFeed() {
        return Optional.empty();
    }

    /**
     * Returns this namespace's source of invalidations, for a copy of its entries held in this process
     * (a JCache near cache) that must be dropped when any process changes them.
     *
     * @return the source, or empty (the default) when the backend reports none (memory: nothing to
     *     invalidate; file: no notifications between processes)
     */
    default Optional<InvalidationSource> invalidations() {
        return Optional.empty();
    }

    /**
     * Tells whether {@link #withNamespace(String, long)} is supported: whether this backend can keep a
     * namespace to a maximum number of entries, evicting others beyond it. The answer is the same for
     * every store of the backend, and its {@link StoreFactory#boundsNamespaces()} gives it before a
     * store is opened.
     *
     * @return {@code false} by default; {@code true} for the memory backend
     */
    default boolean boundsNamespaces() {
        return false;
    }

    /**
     * Returns the child namespace {@code namespace}, keeping at most {@code maximumSize} entries
     * (evicting others, by the backend's policy, beyond it; its own children are bounded alike).
     * Otherwise as {@link #withNamespace(String)}: the same name gives the same data. When the
     * namespace exists with another bound, it takes the new one.
     *
     * @param namespace the child's name: any non-empty string, not {@code null}
     * @param maximumSize the most entries the namespace keeps, 0 or more
     * @return the child store
     * @throws NullPointerException if {@code namespace} is {@code null}
     * @throws IllegalArgumentException if {@code namespace} is empty or {@code maximumSize} negative
     * @throws UnsupportedOperationException if the backend cannot bound a namespace
     *     ({@link #boundsNamespaces()} is {@code false}), which is the default
     */
    default NamespacedStore withNamespace(String namespace, long maximumSize) {
        Objects.requireNonNull(namespace, "namespace");
        if (maximumSize < 0) {
            throw new IllegalArgumentException("maximumSize " + maximumSize + " of namespace '" + namespace
                    + "' is negative; it must be 0 or more");
        }
        throw new UnsupportedOperationException(this + " cannot bound the size of namespace '" + namespace
                + "' (maximumSize " + maximumSize + "); the memory store can");
    }

    // ---- optional operations: defaults on compute and read, overridden where a backend is faster

    /**
     * Returns the live value of {@code key} and sets its expiry in the same atomic step (Redis
     * {@code GETEX PXAT} / {@code GETEX PERSIST}). An expiry not after now removes the entry once
     * read. The default is one {@link #compute}.
     *
     * @param key the key, not {@code null}
     * @param expiresAt the new absolute expiry, or {@code null} for none
     * @return a copy of the value, or {@code null} when absent or expired (then nothing changes)
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws StoreException if the backend fails
     */
    default byte[] getAndExpireAt(String key, Instant expiresAt) {
        Objects.requireNonNull(key, "key");
        byte[][] read = new byte[1][];
        compute(key, current -> {
            read[0] = current == null ? null : current.data();
            return current == null ? null : current.withExpiresAt(expiresAt);
        });
        return read[0];
    }

    /**
     * {@link #getAndExpireAt} for several keys: each key's step is atomic, the batch as a whole is not.
     * The default calls {@link #getAndExpireAt} per key; Redis pipelines one {@code GETEX} per key in
     * one round trip.
     *
     * @param keys the keys, not {@code null}, none {@code null}
     * @param expiresAt the new absolute expiry, or {@code null} for none
     * @return the values found, by key, in the order of {@code keys}; absent keys are missing (and
     *     stay absent)
     * @throws NullPointerException if {@code keys} or one of them is {@code null}
     * @throws StoreException if the backend fails
     */
    default Map<String, byte[]> getAllAndExpireAt(List<String> keys, Instant expiresAt) {
        Objects.requireNonNull(keys, "keys");
        Map<String, byte[]> found = new LinkedHashMap<>();
        for (String key : keys) {
            byte[] value = getAndExpireAt(key, expiresAt);
            if (value != null) {
                found.put(key, value);
            }
        }
        return found;
    }

    /**
     * Writes {@code value} in one atomic step: an existing live entry keeps the expiry it has, a new
     * one gets {@code expiresAtIfNew}. The default is one {@link #compute}; Redis sends
     * {@code SET KEEPTTL}, or one script when {@code expiresAtIfNew} is given.
     *
     * @param key the key, not {@code null}
     * @param value the bytes, not {@code null}; the store keeps its own copy
     * @param expiresAtIfNew the absolute expiry of a new entry, after now; {@code null} for none
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws StoreException if the backend fails
     */
    default void setKeepingExpiry(String key, byte[] value, Instant expiresAtIfNew) {
        Objects.requireNonNull(key, "key");
        StorageObject fresh = StorageObject.of(Objects.requireNonNull(value, "value"), expiresAtIfNew);
        compute(key, current -> current == null ? fresh : fresh.withExpiresAt(current.expiresAt()));
    }

    /**
     * Reads several keys; each read is atomic, the batch as a whole is not. The default calls
     * {@link #read} per key; Redis sends one {@code MGET}.
     *
     * @param keys the keys, not {@code null}, none {@code null}
     * @return copies of the live values by key, in the order of {@code keys}; absent keys are missing
     * @throws NullPointerException if {@code keys} or one of them is {@code null}
     * @throws StoreException if the backend fails
     */
    default Map<String, byte[]> getAll(List<String> keys) {
        Objects.requireNonNull(keys, "keys");
        Map<String, byte[]> found = new LinkedHashMap<>();
        for (String key : keys) {
            StorageObject object = read(Objects.requireNonNull(key, "key"));
            if (object != null) {
                found.put(key, object.data());
            }
        }
        return found;
    }

    /**
     * {@link #setKeepingExpiry} for several entries: each entry's step is atomic, the batch as a whole
     * is not. The default calls {@link #setKeepingExpiry} per entry; Redis pipelines them in one round
     * trip.
     *
     * @param entries the keys and values, not {@code null}, no key or value {@code null}
     * @param expiresAtIfNew the absolute expiry of the new entries, after now; {@code null} for none
     * @throws NullPointerException if {@code entries} or a key or value in it is {@code null}
     * @throws StoreException if the backend fails
     */
    default void setAllKeepingExpiry(Map<String, byte[]> entries, Instant expiresAtIfNew) {
        Objects.requireNonNull(entries, "entries");
        entries.forEach((key, value) -> setKeepingExpiry(key, value, expiresAtIfNew));
    }

    /**
     * Deletes several keys, returning what they held. Each key's read and delete are one atomic step;
     * the default makes one {@link #compute} per key, so the batch as a whole is not atomic, while
     * Redis deletes them all in one {@code MULTI}/{@code EXEC} transaction.
     *
     * @param keys the keys, not {@code null}, none {@code null}
     * @return the live values that were deleted, by key, in the order of {@code keys}; absent keys are
     *     missing
     * @throws NullPointerException if {@code keys} or one of them is {@code null}
     * @throws StoreException if the backend fails
     */
    default Map<String, byte[]> getAndDeleteAll(List<String> keys) {
        Objects.requireNonNull(keys, "keys");
        Map<String, byte[]> deleted = new LinkedHashMap<>();
        for (String key : keys) {
            byte[][] read = new byte[1][];
            compute(Objects.requireNonNull(key, "key"), current -> {
                read[0] = current == null ? null : current.data();
                return null;
            });
            if (read[0] != null) {
                deleted.put(key, read[0]);
            }
        }
        return deleted;
    }
}
