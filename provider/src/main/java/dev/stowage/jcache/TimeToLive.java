package dev.stowage.jcache;

import dev.stowage.jcache.storage.StoredEntry;
import dev.stowage.store.StorageObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.cache.event.EventType;

/**
 * The per-entry times to live of the Stowage extensions ({@code put(key, value, timeToLive)},
 * {@code expiresIn}, {@code touch}), shared by {@link StowageCache} and {@link AsyncStowageCache}:
 * they ignore the cache's expiry policy. Stateless.
 */
final class TimeToLive {

    /** The time to live of {@code put(key, value, null)}: no expiry at all. */
    static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

    private TimeToLive() {
    }

    /** The remaining time of an entry, empty when absent or never expiring, zero when just expired. */
    static Optional<Duration> remaining(StoredEntry<?> entry, Instant now) {
        if (entry == null || entry.expiresAt() == null) {
            return Optional.empty();
        }
        return Optional.of(entry.expiresAt().isAfter(now) ? Duration.between(now, entry.expiresAt()) : Duration.ZERO);
    }

    /** The expiry {@code touch} gives: {@code now + timeToLive}, or {@code null} (none) for {@code null}. */
    static Instant touchedExpiry(Instant now, Duration timeToLive) {
        if (timeToLive != null && (timeToLive.isZero() || timeToLive.isNegative())) {
            throw new IllegalArgumentException("timeToLive " + timeToLive + " of touch is not positive");
        }
        return timeToLive == null ? null : StorageObject.plus(now, timeToLive);
    }

    /**
     * Inside a put's step: the entry that stores {@code value} for {@code timeToLive} ({@link #FOREVER}:
     * no expiry) over {@code current}, recording its event in {@code change}; zero or negative expires
     * it at once: nothing is created, and an existing entry is removed.
     */
    static <K, V> StoredEntry<V> write(CacheContext<K, V> context, Change<V> change, V value, StoredEntry<V> current,
            Duration timeToLive, Instant now) {
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            if (current != null) {
                change.removed(context.events.hasListeners() ? current.value() : null);
            }
            return null;
        }
        if (current == null) {
            change.type = EventType.CREATED;
        } else {
            change.type = EventType.UPDATED;
            if (change.oldValue == null && context.events.wants(EventType.UPDATED)) {
                change.oldValue = current.value();
            }
        }
        change.value = value;
        return context.storage.newEntry(value, timeToLive == FOREVER ? null : StorageObject.plus(now, timeToLive));
    }
}
