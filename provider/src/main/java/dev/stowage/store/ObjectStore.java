package dev.stowage.store;

import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The object-level view of one {@link NamespacedStore} namespace, offered by a backend that keeps
 * its entries as Java objects in this JVM (the memory backend does), through
 * {@link NamespacedStore#objects()}: values held by reference under any key object, so the JCache
 * layer neither encodes keys nor serializes values. It is a view of the same namespace: its entries
 * are that namespace's, {@link NamespacedStore#deleteAll()} removes them, and entries written through
 * the byte-level API appear here with {@code byte[]} values.
 *
 * <p>What a third-party backend implements: expiry decided by {@link NamespacedStore#clock()} exactly
 * as for the byte-level API (an expired entry is never returned); keys compared by
 * {@code equals}/{@code hashCode}; {@link #computeEntry} atomic per key and running its function
 * exactly once. A backend that cannot hold objects in this JVM does not offer the view; the JCache
 * layer then encodes keys and values for the byte-level API.
 *
 * <p>Thread-safe. Methods of a closed store throw {@link IllegalStateException}.
 */
public interface ObjectStore {

    /**
     * Returns the live entry under {@code key}, without renewing it.
     *
     * @param key any key object with value-based {@code equals}, not {@code null}
     * @return the entry, or {@code null} when absent or expired
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalStateException if the store is closed
     */
    ObjectEntry entry(Object key);

    /**
     * Returns the value of the live entry under {@code key}, without renewing it: what
     * {@code entry(key).value()} gives, for the read path that needs nothing else (a backend may
     * answer it without making an {@link ObjectEntry}). The default asks {@link #entry}.
     *
     * @param key any key object with value-based {@code equals}, not {@code null}
     * @return the value, or {@code null} when absent or expired
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalStateException if the store is closed
     */
    default Object value(Object key) {
        ObjectEntry entry = entry(key);
        return entry == null ? null : entry.value();
    }

    /**
     * Sets {@code value} under {@code key} in one atomic step, keeping the expiry of a live entry it
     * replaces and giving a new entry {@code expiresAtIfNew} (JSR-107 {@code put} under a policy whose
     * update duration is "unchanged"). The default is one {@link #computeEntry}.
     *
     * @param key any key object with value-based {@code equals}, not {@code null}
     * @param value the value, not {@code null}
     * @param expiresAtIfNew the absolute expiry of a new entry, {@code null} for none
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws IllegalStateException if the store is closed
     */
    default void putKeepingExpiry(Object key, Object value, Instant expiresAtIfNew) {
        Objects.requireNonNull(value, "value");
        computeEntry(key, current -> new ObjectEntry(value, current == null ? expiresAtIfNew : current.expiresAt()));
    }

    /**
     * Atomically transforms the entry under {@code key}, like {@link NamespacedStore#compute} but for
     * any key object and value. The function runs exactly once, while the key is locked against
     * every other operation on it, so it may have side effects (a JCache writer or entry processor
     * runs in it); it must not touch this store. A returned entry that is expired already (its expiry
     * not after the clock's now) is not stored: the key is removed and {@code null} returned.
     *
     * @param key any key object with value-based {@code equals}, not {@code null}
     * @param remapping receives the live entry or {@code null}, and returns the same instance to
     *     leave it, {@code null} to remove it, or a new entry to store; not {@code null}
     * @return the entry now stored, or {@code null}
     * @throws NullPointerException if {@code key} or {@code remapping} is {@code null}
     * @throws IllegalStateException if the store is closed
     */
    ObjectEntry computeEntry(Object key, UnaryOperator<ObjectEntry> remapping);

    /**
     * Lists the keys of this namespace's live entries (not its children's), whatever their type.
     * Weakly consistent, like {@link NamespacedStore#keys()}.
     *
     * @return an iterator over the keys; {@link Iterator#remove()} is not supported
     * @throws IllegalStateException if the store is closed
     */
    Iterator<Object> entryKeys();
}
