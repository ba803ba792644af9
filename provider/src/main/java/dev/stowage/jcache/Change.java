package dev.stowage.jcache;

import dev.stowage.jcache.event.EventDispatcher;
import dev.stowage.jcache.event.EventTicket;
import dev.stowage.jcache.event.StowageCacheEntryEvent;
import dev.stowage.jcache.expiry.ExpiryCalculator;
import dev.stowage.jcache.storage.EntryStorage;
import dev.stowage.jcache.storage.StoredEntry;
import java.time.Instant;
import java.util.List;
import javax.cache.event.EventType;

/**
 * What one atomic step did to one entry: whether the entry existed, which event it makes, and the
 * values the event and the caller need, and the places its event holds in the asynchronous listeners'
 * lanes ({@link EventTicket}). Filled in inside {@link EntryStorage#compute}, which may run its
 * function more than once, so {@link #reset} starts every run afresh. Used by one thread.
 *
 * @param <V> the value type
 */
final class Change<V> {

    boolean existed;
    EventType type;
    V value;
    V oldValue;
    /** The places reserved for this step's event, settled by {@link CacheContext#dispatch}; or {@code null}. */
    EventTicket<?, V> ticket;

    void reset(StoredEntry<V> current) {
        existed = current != null;
        type = null;
        value = null;
        oldValue = null;
    }

    /** Records a removal of {@code removed} (which may be {@code null} when nobody needs it). */
    void removed(V removed) {
        type = EventType.REMOVED;
        value = removed;
        oldValue = removed;
    }

    /**
     * Makes the entry that stores {@code newValue} over {@code current}, with the creation or update
     * expiry of the policy (JSR-107 section 6), and records a {@code CREATED} or {@code UPDATED}
     * event; returns {@code null} (no entry) when the policy makes it expire at once.
     */
    StoredEntry<V> write(EntryStorage<?, V> storage, V newValue, StoredEntry<V> current, ExpiryCalculator expiry,
            Instant now, EventDispatcher<?, V> events) {
        Instant expiresAt;
        if (current == null) {
            expiresAt = expiry.onCreate(now);
            if (ExpiryCalculator.isExpired(expiresAt, now)) {
                return null;
            }
            type = EventType.CREATED;
        } else {
            if (oldValue == null && events.wants(EventType.UPDATED)) {
                oldValue = current.value();
            }
            expiresAt = ExpiryCalculator.resolve(expiry.onUpdate(now), current.expiresAt());
            type = EventType.UPDATED;
            if (ExpiryCalculator.isExpired(expiresAt, now)) {
                return null;
            }
        }
        value = newValue;
        return storage.newEntry(newValue, expiresAt);
    }

    /** Adds this change's event, if it made one, to {@code batch}. */
    <K> void addEvent(K key, EventDispatcher<K, V> events, List<StowageCacheEntryEvent<K, V>> batch) {
        if (type != null && events.hasListeners()) {
            batch.add(events.event(type, key, value, oldValue));
        }
    }
}
