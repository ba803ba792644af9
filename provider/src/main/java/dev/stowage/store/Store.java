package dev.stowage.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A thread- and process-safe key/value store of {@code byte[]} values under {@code String} keys,
 * after Litestar's {@code litestar.stores.base.Store}.
 *
 * <p>Keys are non-empty-or-empty Java strings; every method throws {@link NullPointerException}
 * (naming the argument) for a {@code null} key or value. Durations are {@link Duration}s of any
 * length (a duration too long to add to the current instant means "for ever", never a truncated
 * value); {@code null} means "no expiry" for {@code expiresIn} and "do not renew" for
 * {@code renewFor}. A zero or negative {@code expiresIn} stores an entry that is already expired,
 * i.e. it behaves as a delete.
 *
 * <p>Implementations must be safe for concurrent use by multiple threads; backends that share data
 * between processes (file, Redis) are also safe across processes. A backend that cannot reach its
 * storage throws {@link StoreException} naming the address or path.
 */
public interface Store extends AutoCloseable {

    /**
     * Sets {@code key} to {@code value}, replacing any previous value and its expiry (Litestar
     * {@code set}).
     *
     * @param key the key, not {@code null}
     * @param value the bytes to store, not {@code null}; the store keeps its own copy
     * @param expiresIn time to live from now, or {@code null} for an entry that never expires
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws StoreException if the backend fails
     */
    void set(String key, byte[] value, Duration expiresIn);

    /**
     * Sets {@code key} to the UTF-8 encoding of {@code value} (Litestar stores {@code str} values
     * as UTF-8 bytes).
     *
     * @param key the key, not {@code null}
     * @param value the text to store, not {@code null}
     * @param expiresIn time to live from now, or {@code null} for no expiry
     * @throws NullPointerException if {@code key} or {@code value} is {@code null}
     * @throws StoreException if the backend fails
     */
    default void set(String key, String value, Duration expiresIn) {
        Objects.requireNonNull(value, "value");
        set(key, value.getBytes(StandardCharsets.UTF_8), expiresIn);
    }

    /**
     * Returns the value of {@code key}, or {@code null} when it is absent or expired (Litestar
     * {@code get}). When {@code renewFor} is given and the entry was set with an expiry, its time to
     * live is reset to {@code renewFor} from now, atomically with the read; an entry set without
     * expiry is never given one.
     *
     * @param key the key, not {@code null}
     * @param renewFor new time to live for an entry that has one, or {@code null} to leave it as is
     * @return a copy of the stored bytes, or {@code null}
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws StoreException if the backend fails
     */
    byte[] get(String key, Duration renewFor);

    /**
     * Returns the value of {@code key} without renewing it; same as {@code get(key, null)}.
     *
     * @param key the key, not {@code null}
     * @return a copy of the stored bytes, or {@code null} when absent or expired
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws StoreException if the backend fails
     */
    default byte[] get(String key) {
        return get(key, null);
    }

    /**
     * Deletes {@code key}; a no-op when it is absent (Litestar {@code delete}).
     *
     * @param key the key, not {@code null}
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws StoreException if the backend fails
     */
    void delete(String key);

    /**
     * Deletes every value of this store, including those of its child namespaces when it is a
     * {@link NamespacedStore}, and nothing else (Litestar {@code delete_all}).
     *
     * @throws UnsupportedOperationException if this store has namespacing disabled and so cannot
     *     tell its own keys from other programs' keys
     * @throws StoreException if the backend fails
     */
    void deleteAll();

    /**
     * Tells whether {@code key} holds a value that has not expired (Litestar {@code exists}).
     *
     * @param key the key, not {@code null}
     * @return {@code true} if a live value is stored
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws StoreException if the backend fails
     */
    boolean exists(String key);

    /**
     * Returns the time {@code key} has left to live (Litestar {@code expires_in}, as a
     * {@link Duration} rather than whole seconds).
     *
     * @param key the key, not {@code null}
     * @return the remaining time to live, or empty when the key is absent, expired, or was set
     *     without expiry
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws StoreException if the backend fails
     */
    Optional<Duration> expiresIn(String key);

    /**
     * Releases the resources this store holds (connections, file handles). Stored data is kept by
     * persistent backends. Closing twice is a no-op; using a closed store throws
     * {@link IllegalStateException}.
     *
     * @throws StoreException if releasing fails
     */
    @Override
    void close();
}
