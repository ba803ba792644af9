package dev.stowage.jcache.storage;

import dev.stowage.codec.CodecException;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StoreException;
import java.util.Arrays;

/**
 * What a cache does with an entry of a byte-level store that it cannot decode (a class the
 * {@code java} codec refuses, corrupt bytes, a class that changed): every read path treats it as a
 * miss, logs one WARNING that names the store key and the codec's reason (which names the class),
 * and deletes it — only if the store still holds those very bytes, so a value another process
 * wrote meanwhile survives. Such an entry is never an obstacle to {@code clear}, {@code removeAll},
 * iteration over the other entries, or a {@code put} over it. Stateless and thread-safe.
 */
final class UndecodableEntries {

    private static final System.Logger LOG = System.getLogger(UndecodableEntries.class.getName());

    private UndecodableEntries() {
    }

    /**
     * Reports an undecodable value and deletes it if it is still stored.
     *
     * @param store the cache's namespace, not {@code null}
     * @param storeKey the entry's store key, not {@code null}
     * @param data the bytes read, not {@code null}
     * @param failure the codec's failure, not {@code null}
     */
    static void drop(NamespacedStore store, String storeKey, byte[] data, CodecException failure) {
        warn(store, storeKey, "value", failure);
        try {
            store.compute(storeKey, current -> current != null && Arrays.equals(current.data(), data) ? null : current);
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete the undecodable entry '" + storeKey + "' of " + store
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reports an entry that is treated as a miss (inside an atomic step, which removes it unless the
     * step writes a new value).
     *
     * @param store the cache's namespace, not {@code null}
     * @param storeKey the entry's store key, not {@code null}
     * @param what {@code "key"} or {@code "value"}
     * @param failure the codec's failure, not {@code null}
     */
    static void warn(NamespacedStore store, String storeKey, String what, CodecException failure) {
        LOG.log(System.Logger.Level.WARNING, "the entry '" + storeKey + "' of " + store + " is treated as absent and"
                + " removed: its " + what + " cannot be decoded: " + failure.getMessage());
    }

    /**
     * Reports a store key that is not in the cache's key format (written by another program); it is
     * skipped, not deleted.
     *
     * @param store the cache's namespace, not {@code null}
     * @param storeKey the store key, not {@code null}
     * @param failure why it is not a key of this cache, not {@code null}
     */
    static void foreignKey(NamespacedStore store, String storeKey, RuntimeException failure) {
        LOG.log(System.Logger.Level.WARNING, "iteration of " + store + " skips the store key '" + storeKey + "': "
                + failure.getMessage());
    }
}
