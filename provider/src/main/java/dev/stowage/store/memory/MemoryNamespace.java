package dev.stowage.store.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.stowage.store.ExpiryListeners;
import dev.stowage.store.ObjectEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The data of one {@link MemoryStore} namespace, shared by every handle on it, and its child
 * namespaces. The entries sit in a {@link Data}: a Caffeine cache without expiry of its own (plain
 * when unbounded, W-TinyLFU when the namespace has a maximum size) and the {@link ExpiryIndex} of its
 * expiring entries. Giving the namespace another bound ({@link #child(String, long)}) replaces its
 * {@code Data} with a new one holding the same entries, so every handle sees the new bound.
 * Thread-safe.
 */
final class MemoryNamespace {

    /** The bound of a namespace that has none. */
    static final long UNBOUNDED = -1;

    private final Clock clock;
    private final List<String> path;
    private final ConcurrentMap<String, MemoryNamespace> children = new ConcurrentHashMap<>();
    private final ExpiryListeners expiryListeners = new ExpiryListeners();
    private volatile Data data;

    /**
     * One generation of a namespace's entries: a map from key to slot, where a slot is the bare value
     * of an entry without expiry or an {@link Expiring} (see there), and the index of the expiring
     * ones. Thread-safe.
     */
    static final class Data {
        private final long maximumSize;
        private final Cache<Object, Object> cache;
        private final ConcurrentMap<Object, Object> map;
        private final ExpiryIndex expiring;
        /**
         * Set, before it is stored, by the first {@link Expiring} slot of this generation and never
         * cleared: while it is {@code false} every slot is a bare value. A reader that found a slot
         * reads this after it, so it sees {@code true} whenever that slot is an {@code Expiring}.
         */
        private volatile boolean holdsExpiring;

        Data(long maximumSize, Cache<Object, Object> cache, ExpiryIndex expiring) {
            this.maximumSize = maximumSize;
            this.cache = cache;
            this.map = cache.asMap();
            this.expiring = expiring;
        }

        long maximumSize() {
            return maximumSize;
        }

        Cache<Object, Object> cache() {
            return cache;
        }

        /** Returns the map of key to slot. */
        ConcurrentMap<Object, Object> map() {
            return map;
        }

        /** Tells whether a slot of this generation may be an {@link Expiring}; see the field. */
        boolean holdsExpiring() {
            return holdsExpiring;
        }

        /**
         * Keeps the expiry index in step with a change of {@code key} from {@code previous} to
         * {@code next}; called inside the key's atomic step, before {@code next} is stored.
         *
         * @param key the key
         * @param previous the slot before, or {@code null}
         * @param next the slot to store, or {@code null} for none
         */
        void replacing(Object key, Object previous, Object next) {
            if (next instanceof Expiring) {
                if (!holdsExpiring) {
                    holdsExpiring = true;
                }
                expiring.replaced(key, previous, next);
            } else if (holdsExpiring) {
                expiring.replaced(key, previous, next);
            }
        }

        /** Sets {@code key} to {@code next} ({@code null} removes it) and keeps the expiry index in step. */
        void put(Object key, ObjectEntry next) {
            Object slot = Expiring.slotOf(next);
            map.compute(key, (k, previous) -> {
                replacing(k, previous, slot);
                return slot;
            });
        }

        void clear() {
            // the index first: an entry set in between is then at worst indexed needlessly
            expiring.clear();
            cache.invalidateAll();
        }
    }

    /**
     * Creates a namespace without entries.
     *
     * @param clock the store's clock, which the expiry index measures on
     * @param path the namespace path from the root, unmodifiable
     * @param maximumSize the most entries kept, or {@link #UNBOUNDED}
     */
    MemoryNamespace(Clock clock, List<String> path, long maximumSize) {
        this.clock = clock;
        this.path = path;
        this.data = newData(maximumSize);
    }

    private Data newData(long maximumSize) {
        if (maximumSize == UNBOUNDED) {
            Cache<Object, Object> cache = Caffeine.newBuilder().build();
            return new Data(maximumSize, cache, new ExpiryIndex(clock, cache.asMap(), this::expired));
        }
        ExpiryIndex[] index = new ExpiryIndex[1];
        Cache<Object, Object> cache = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(maximumSize)
                .removalListener((Object key, Object slot, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE && key != null && slot != null) {
                        index[0].evicted(key, slot);
                    }
                })
                .build();
        index[0] = new ExpiryIndex(clock, cache.asMap(), this::expired);
        return new Data(maximumSize, cache, index[0]);
    }

    /** Returns the listeners told of this namespace's expired entries (every handle's). */
    ExpiryListeners expiryListeners() {
        return expiryListeners;
    }

    /** Tells the expiry listeners that the entry of {@code value}, expired, was removed from under {@code key}. */
    void expired(Object key, Object value) {
        if (expiryListeners.any()) {
            expiryListeners.expired(key, value);
        }
    }

    /** Returns the current generation of this namespace's entries. */
    Data data() {
        return data;
    }

    List<String> path() {
        return path;
    }

    /** Returns the child {@code name}, made with this namespace's bound when it does not exist yet. */
    MemoryNamespace child(String name) {
        return children.computeIfAbsent(name, ignored -> new MemoryNamespace(clock, childPath(name), data.maximumSize()));
    }

    /** Returns the child {@code name} with the bound {@code maximumSize}, re-bounding it when it exists. */
    MemoryNamespace child(String name, long maximumSize) {
        MemoryNamespace child = children.computeIfAbsent(name,
                ignored -> new MemoryNamespace(clock, childPath(name), maximumSize));
        child.rebound(maximumSize);
        return child;
    }

    private List<String> childPath(String name) {
        List<String> childPath = new ArrayList<>(path);
        childPath.add(name);
        return Collections.unmodifiableList(childPath);
    }

    /**
     * Gives this namespace another bound, keeping its entries (as many as the bound allows). Not
     * atomic against writes to the namespace made meanwhile, which may be lost.
     */
    private synchronized void rebound(long maximumSize) {
        Data old = data;
        if (old.maximumSize() == maximumSize) {
            return;
        }
        Data fresh = newData(maximumSize);
        old.map().forEach((key, slot) -> fresh.put(key, Expiring.entryOf(slot)));
        data = fresh;
        old.clear();
    }

    /** Removes every entry of this namespace and its children. */
    void clearTree() {
        data.clear();
        children.values().forEach(MemoryNamespace::clearTree);
    }

    /** Removes the entries of this namespace and its children that have expired at {@code now}. */
    long deleteExpiredTree(Instant now) {
        long[] removed = {0};
        data.map().values().removeIf(slot -> {
            boolean expired = slot instanceof Expiring expiring && expiring.expired(now);
            removed[0] += expired ? 1 : 0;
            return expired;
        });
        for (MemoryNamespace child : children.values()) {
            removed[0] += child.deleteExpiredTree(now);
        }
        return removed[0];
    }
}
