package dev.stowage.jcache.storage;

import java.time.Instant;

/**
 * An entry the cache made and an {@link EntryStorage} has not stored yet, as
 * {@link EntryStorage#newEntry(Object, Instant)} returns it. Immutable.
 *
 * @param <V> the value type
 * @param value the value, not {@code null}
 * @param expiresAt the absolute expiry, or {@code null} for none
 */
public record NewEntry<V>(V value, Instant expiresAt) implements StoredEntry<V> {

    @Override
    public StoredEntry<V> withExpiresAt(Instant newExpiresAt) {
        return new NewEntry<>(value, newExpiresAt);
    }
}
