package dev.stowage.jcache.event;

import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;

/**
 * One entry event (JSR-107 section 8 "Cache Entry Listeners"). For {@code CREATED} the old value is
 * unavailable; for {@code UPDATED} it is the replaced value; for {@code REMOVED} and {@code EXPIRED}
 * both {@link #getValue()} and {@link #getOldValue()} are the value that was removed, as JSR-107 1.1
 * asks. Immutable and thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class StowageCacheEntryEvent<K, V> extends CacheEntryEvent<K, V> {

    private static final long serialVersionUID = 1L;

    /** The key of the entry. */
    private final K key;
    /** The new value, or for removals and expiries the removed one. */
    private final V value;
    /** The previous value, or {@code null}. */
    private final V oldValue;

    /**
     * Creates an event.
     *
     * @param source the cache the event happened in, not {@code null}
     * @param type the event type, not {@code null}
     * @param key the key, not {@code null}
     * @param value the new value, or for {@code REMOVED}/{@code EXPIRED} the removed one
     * @param oldValue the previous value, or {@code null} when there was none
     */
    public StowageCacheEntryEvent(Cache<K, V> source, EventType type, K key, V value, V oldValue) {
        super(source, type);
        this.key = key;
        this.value = value;
        this.oldValue = oldValue;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        return value;
    }

    @Override
    public V getOldValue() {
        return oldValue;
    }

    @Override
    public boolean isOldValueAvailable() {
        return oldValue != null;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        throw new IllegalArgumentException("a cache entry event cannot be unwrapped to " + clazz.getName());
    }

    @Override
    public String toString() {
        return "CacheEntryEvent[" + getEventType() + " " + key + "]";
    }
}
