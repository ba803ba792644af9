package dev.stowage.store;

import java.time.Instant;

/**
 * One entry of an {@link ObjectStore}: a value held by reference and its absolute expiry. Immutable
 * and thread-safe as far as the value itself is.
 *
 * <p>Values written through the byte-level {@link Store} API are {@code byte[]}; the JCache layer
 * also keeps other Java objects here (store-by-reference caches, or immutable values of a
 * store-by-value cache).
 *
 * @param value the value, not {@code null}
 * @param expiresAt the absolute expiry, {@code null} for an entry that never expires
 */
public record ObjectEntry(Object value, Instant expiresAt) {

    /**
     * Checks the value.
     *
     * @param value the value, not {@code null}
     * @param expiresAt the absolute expiry, {@code null} for none
     * @throws NullPointerException if {@code value} is {@code null}
     */
    public ObjectEntry {
        if (value == null) {
            throw new NullPointerException("value");
        }
    }

    /**
     * Tells whether the entry has expired at {@code now}; it is live up to and excluding its expiry.
     *
     * @param now the current instant, not {@code null}
     * @return {@code true} when it has an expiry that is not after {@code now}
     */
    public boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /**
     * Returns a copy with another expiry.
     *
     * @param newExpiresAt the new expiry, or {@code null} for none
     * @return the new entry, with the same value
     */
    public ObjectEntry withExpiresAt(Instant newExpiresAt) {
        return new ObjectEntry(value, newExpiresAt);
    }
}
