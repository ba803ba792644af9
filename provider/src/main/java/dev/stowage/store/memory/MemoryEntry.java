package dev.stowage.store.memory;

import java.time.Instant;

/**
 * One entry of a {@link MemoryStore}: a value held by reference and its absolute expiry. Immutable
 * and thread-safe as far as the value itself is.
 *
 * <p>Values set through the {@link dev.stowage.store.Store} API are {@code byte[]}; the JCache layer
 * also keeps other Java objects here (store-by-reference, or immutable values of a store-by-value
 * cache).
 *
 * @param value the value, not {@code null}
 * @param expiresAt the absolute expiry, {@code null} for an entry that never expires
 */
public record MemoryEntry(Object value, Instant expiresAt) {

    /**
     * Checks the value.
     *
     * @param value the value, not {@code null}
     * @param expiresAt the absolute expiry, {@code null} for none
     * @throws NullPointerException if {@code value} is {@code null}
     */
    public MemoryEntry {
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
    public MemoryEntry withExpiresAt(Instant newExpiresAt) {
        return new MemoryEntry(value, newExpiresAt);
    }
}
