package dev.stowage.store.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import java.time.Clock;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;

/**
 * Drops the entries of one {@link MemoryStore} namespace that carry an expiry once their time has
 * come, so that memory does not grow with expired entries nobody reads again, while entries without
 * an expiry never pay for it: reads of the namespace never touch this index.
 *
 * <p>It is a Caffeine cache with per-entry variable expiry ({@link EntryExpiry}) that holds only the
 * expiring entries, woken by Caffeine's system {@link Scheduler}; when Caffeine expires one, the
 * namespace's entry is removed if it is still that very entry ({@link ConcurrentMap#remove(Object,
 * Object)}), so a newer value under the same key is never lost, and the namespace is told (for
 * {@code EXPIRED} events). The store's clock stays
 * authoritative: reads check the expiry themselves and never return an expired entry, whether or
 * not this index has caught up. Thread-safe.
 */
final class ExpiryIndex {

    private final Cache<Object, Expiring> timers;

    /**
     * Creates the index of one namespace.
     *
     * @param clock the store's clock, which the expiry durations are measured on
     * @param entries the namespace's entries, from which expired ones are removed
     * @param removed told of the key and value of each entry this index removed, after the removal
     */
    ExpiryIndex(Clock clock, ConcurrentMap<Object, Object> entries, BiConsumer<Object, Object> removed) {
        this.timers = Caffeine.newBuilder()
                .expireAfter(new EntryExpiry(clock))
                .scheduler(Scheduler.systemScheduler())
                .removalListener((Object key, Expiring entry, RemovalCause cause) -> {
                    if (cause == RemovalCause.EXPIRED && key != null && entry != null && entries.remove(key, entry)) {
                        removed.accept(key, entry.value());
                    }
                })
                .build();
    }

    /**
     * Records that {@code next} replaced {@code previous} under {@code key}. Called inside the atomic
     * step of the namespace that made the change, so the index follows each key's changes in order.
     *
     * @param key the key, not {@code null}
     * @param previous the slot before ({@link Expiring} or a bare value), or {@code null}
     * @param next the slot now stored, or {@code null} when removed
     */
    void replaced(Object key, Object previous, Object next) {
        if (next instanceof Expiring expiring) {
            timers.put(key, expiring);
        } else if (previous instanceof Expiring) {
            timers.invalidate(key);
        }
    }

    /**
     * Forgets {@code entry} if it is still the one indexed under {@code key} (the namespace evicted
     * it to keep its maximum size).
     *
     * @param key the key, not {@code null}
     * @param slot the evicted slot, not {@code null}
     */
    void evicted(Object key, Object slot) {
        if (slot instanceof Expiring) {
            timers.asMap().remove(key, slot);
        }
    }

    /** Forgets every entry (the namespace was cleared). */
    void clear() {
        timers.invalidateAll();
    }
}
