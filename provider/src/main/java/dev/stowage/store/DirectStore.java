package dev.stowage.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Operations a backend does in one command without reading first, which the JCache layer uses on
 * its hot paths when the backend offers them (the Redis backend does; others go through
 * {@link NamespacedStore#compute}). Keys are this namespace's keys, as everywhere in the store SPI.
 * Thread-safe.
 */
public interface DirectStore {

    /**
     * Returns the live value of {@code key} and sets its expiry in the same step (Redis
     * {@code GETEX PXAT} / {@code GETEX PERSIST}). An expiry not after now removes the entry once read.
     *
     * @param key the key, not {@code null}
     * @param expiresAt the new absolute expiry, or {@code null} for none
     * @return the value, or {@code null} when absent (then nothing changes)
     * @throws StoreException if the backend fails
     */
    byte[] getAndExpireAt(String key, Instant expiresAt);

    /**
     * Returns the live values of several keys and sets the expiry of each in the same step, pipelined
     * in one round trip (Redis {@code GETEX PXAT} / {@code GETEX PERSIST} per key; each key's step is
     * atomic, the batch as a whole is not).
     *
     * @param keys the keys, not {@code null}
     * @param expiresAt the new absolute expiry, or {@code null} for none
     * @return the values found, by key; absent keys are missing from the map (and stay absent)
     * @throws StoreException if the backend fails
     */
    Map<String, byte[]> getAllAndExpireAt(List<String> keys, Instant expiresAt);

    /**
     * Writes {@code value}: an existing entry keeps the expiry it has, a new one gets
     * {@code expiresAtIfNew} (Redis {@code SET KEEPTTL} when that is {@code null}, else one
     * {@code EVALSHA} of {@code set_keeping_expiry_or_expiring_at.lua}). Atomic.
     *
     * @param key the key, not {@code null}
     * @param value the bytes, not {@code null}
     * @param expiresAtIfNew the absolute expiry of a new entry, after now; {@code null} for none
     * @throws StoreException if the backend fails
     */
    void setKeepingExpiry(String key, byte[] value, Instant expiresAtIfNew);

    /**
     * Reads several keys in one round trip (Redis {@code MGET}, per hash slot).
     *
     * @param keys the keys, not {@code null}
     * @return the live values by key; absent keys are missing from the map
     * @throws StoreException if the backend fails
     */
    Map<String, byte[]> getAll(List<String> keys);

    /**
     * {@link #setKeepingExpiry} for several entries, pipelined in one round trip.
     *
     * @param entries the keys and values, not {@code null}
     * @param expiresAtIfNew the absolute expiry of the new entries, after now; {@code null} for none
     * @throws StoreException if the backend fails
     */
    void setAllKeepingExpiry(Map<String, byte[]> entries, Instant expiresAtIfNew);

    /**
     * Deletes several keys, returning what they held, atomically in one round trip (Redis
     * {@code MULTI}, {@code GET} and {@code UNLINK} per key, {@code EXEC}).
     *
     * @param keys the keys, not {@code null}
     * @return the values that were deleted, by key; absent keys are missing from the map
     * @throws StoreException if the backend fails
     */
    Map<String, byte[]> getAndDeleteAll(List<String> keys);
}
