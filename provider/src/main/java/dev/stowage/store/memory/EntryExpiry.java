package dev.stowage.store.memory;

import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Caffeine's per-entry variable expiry, read from each {@link Expiring} entry's absolute expiry, so that
 * Caffeine drops an entry exactly when the store considers it expired. Reads leave the expiry as it
 * is; renewing is a write. Thread-safe.
 */
final class EntryExpiry implements Expiry<Object, Expiring> {

    private final Clock clock;

    EntryExpiry(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long expireAfterCreate(Object key, Expiring entry, long currentTime) {
        return nanosLeft(entry);
    }

    @Override
    public long expireAfterUpdate(Object key, Expiring entry, long currentTime, long currentDuration) {
        return nanosLeft(entry);
    }

    @Override
    public long expireAfterRead(Object key, Expiring entry, long currentTime, long currentDuration) {
        return currentDuration;
    }

    private long nanosLeft(Expiring entry) {
        Instant expiresAt = entry.expiresAt();
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
