package dev.stowage.store.memory;

import com.github.benmanes.caffeine.cache.Expiry;
import dev.stowage.store.ObjectEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Caffeine's per-entry variable expiry, read from each {@link ObjectEntry}'s absolute expiry, so that
 * Caffeine drops an entry exactly when the store considers it expired. Reads leave the expiry as it
 * is; renewing is a write. Thread-safe.
 */
final class EntryExpiry implements Expiry<Object, ObjectEntry> {

    private final Clock clock;

    EntryExpiry(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long expireAfterCreate(Object key, ObjectEntry entry, long currentTime) {
        return nanosLeft(entry);
    }

    @Override
    public long expireAfterUpdate(Object key, ObjectEntry entry, long currentTime, long currentDuration) {
        return nanosLeft(entry);
    }

    @Override
    public long expireAfterRead(Object key, ObjectEntry entry, long currentTime, long currentDuration) {
        return currentDuration;
    }

    private long nanosLeft(ObjectEntry entry) {
        Instant expiresAt = entry.expiresAt();
        if (expiresAt == null) {
            return Long.MAX_VALUE;
        }
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now)) {
            return 0;
        }
        try {
            return Duration.between(now, expiresAt).toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
