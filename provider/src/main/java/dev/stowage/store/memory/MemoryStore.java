package dev.stowage.store.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StorageObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * The in-process store backend ({@code memory:}), on Caffeine: one Caffeine cache per namespace with
 * per-entry variable expiry and, when a maximum size is set, W-TinyLFU eviction per namespace.
 * Nothing is persisted; a new store starts empty (Litestar's {@code MemoryStore}, but thread-safe).
 *
 * <p>Expired entries are never returned; Caffeine drops them as it does its maintenance, and
 * {@link #deleteExpired()} drops them at once. Besides the byte-level {@link NamespacedStore} API,
 * this backend offers an object-level view ({@link #entry(Object)},
 * {@link #computeEntry(Object, UnaryOperator)}, {@link #entryKeys()}) under any key object, which the
 * JCache layer uses to hold values by reference. The byte-level API reads entries whose value is a
 * {@code byte[]} or a {@code String} (as UTF-8); reading an entry that holds another object through
 * it throws {@link IllegalStateException}.
 *
 * <p>Thread-safe. Operations on a closed store throw {@link IllegalStateException}.
 */
public final class MemoryStore implements NamespacedStore {

    private final Settings settings;
    private final List<String> namespace;
    private final Cache<Object, MemoryEntry> cache;
    private final ConcurrentMap<String, MemoryStore> children = new ConcurrentHashMap<>();
    private final LongAdder expiredRemovals = new LongAdder();

    /** Shared by a root store and all its namespaces. */
    private record Settings(Clock clock, long maximumSize, AtomicBoolean closed) {
    }

    /**
     * Creates an unbounded root store on the system clock.
     */
    public MemoryStore() {
        this(Clock.systemUTC(), -1);
    }

    /**
     * Creates a root store.
     *
     * @param clock the clock that decides expiry, not {@code null}; tests pass a controllable one
     * @param maximumSize the most entries each namespace keeps before W-TinyLFU evicts some, or a
     *     negative number for no bound
     * @throws NullPointerException if {@code clock} is {@code null}
     */
    public MemoryStore(Clock clock, long maximumSize) {
        this(new Settings(Objects.requireNonNull(clock, "clock"), maximumSize, new AtomicBoolean()), List.of());
    }

    private MemoryStore(Settings settings, List<String> namespace) {
        this.settings = settings;
        this.namespace = namespace;
        Caffeine<Object, MemoryEntry> builder = Caffeine.newBuilder()
                .executor(Runnable::run)
                .ticker(ticker(settings.clock()))
                .expireAfter(new EntryExpiry(settings.clock()))
                .evictionListener((Object key, MemoryEntry value, RemovalCause cause) -> {
                    if (cause == RemovalCause.EXPIRED) {
                        expiredRemovals.increment();
                    }
                });
        if (settings.maximumSize() >= 0) {
            builder.maximumSize(settings.maximumSize());
        }
        this.cache = builder.build();
    }

    private static Ticker ticker(Clock clock) {
        if (clock.equals(Clock.systemUTC())) {
            return Ticker.systemTicker();
        }
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    /**
     * Returns the clock this store decides expiry with.
     *
     * @return the clock given at construction
     */
    public Clock clock() {
        return settings.clock();
    }

    @Override
    public MemoryStore withNamespace(String child) {
        Objects.requireNonNull(child, "namespace");
        if (child.isEmpty()) {
            throw new IllegalArgumentException("namespace must not be empty");
        }
        checkOpen();
        return children.computeIfAbsent(child, name -> {
            List<String> path = new ArrayList<>(namespace);
            path.add(name);
            return new MemoryStore(settings, Collections.unmodifiableList(path));
        });
    }

    @Override
    public List<String> namespace() {
        return namespace;
    }

    // ---- object-level view -------------------------------------------------------------------

    /**
     * Returns the live entry under {@code key}, without renewing it.
     *
     * @param key any key object with value-based {@code equals}, not {@code null}
     * @return the entry, or {@code null} when absent or expired
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws IllegalStateException if the store is closed
     */
    public MemoryEntry entry(Object key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        return cache.getIfPresent(key);
    }

    /**
     * Atomically transforms the entry under {@code key}, like
     * {@link #compute(String, UnaryOperator)} but for any key object and value. The function runs
     * exactly once, while the key is locked; it must not touch this store.
     *
     * @param key any key object with value-based {@code equals}, not {@code null}
     * @param remapping receives the live entry or {@code null}, and returns the same instance to
     *     leave it, {@code null} to remove it, or a new entry to store; not {@code null}
     * @return the entry now stored, or {@code null}
     * @throws NullPointerException if {@code key} or {@code remapping} is {@code null}
     * @throws IllegalStateException if the store is closed
     */
    public MemoryEntry computeEntry(Object key, UnaryOperator<MemoryEntry> remapping) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(remapping, "remapping");
        checkOpen();
        return cache.asMap().compute(key, (k, current) -> {
            MemoryEntry live = current != null && current.expired(settings.clock().instant()) ? null : current;
            MemoryEntry next = remapping.apply(live);
            if (next == live) {
                return current == live ? current : null;
            }
            return next;
        });
    }

    /**
     * Lists the keys of this namespace's live entries, whatever their type. Weakly consistent.
     *
     * @return an iterator over the keys; {@link Iterator#remove()} removes the entry
     * @throws IllegalStateException if the store is closed
     */
    public Iterator<Object> entryKeys() {
        checkOpen();
        return cache.asMap().keySet().iterator();
    }

    /**
     * Returns about how many entries this namespace holds (not its children), expired ones not yet
     * dropped included.
     *
     * @return the estimate, at least 0
     */
    public long estimatedSize() {
        return cache.estimatedSize();
    }

    // ---- Store API ----------------------------------------------------------------------------

    @Override
    public void set(String key, byte[] value, Duration expiresIn) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        checkOpen();
        cache.put(key, new MemoryEntry(value.clone(), expiry(expiresIn)));
    }

    @Override
    public byte[] get(String key, Duration renewFor) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        if (renewFor == null) {
            MemoryEntry entry = cache.getIfPresent(key);
            return entry == null ? null : bytes(key, entry);
        }
        MemoryEntry entry = computeEntry(key, current -> current == null || current.expiresAt() == null
                ? current : current.withExpiresAt(expiry(renewFor)));
        return entry == null ? null : bytes(key, entry);
    }

    @Override
    public void delete(String key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        cache.invalidate(key);
    }

    @Override
    public void deleteAll() {
        checkOpen();
        cache.invalidateAll();
        children.values().forEach(MemoryStore::deleteAll);
    }

    @Override
    public boolean exists(String key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        return cache.getIfPresent(key) != null;
    }

    @Override
    public Optional<Duration> expiresIn(String key) {
        StorageObject object = read(key);
        return object == null ? Optional.empty() : object.expiresIn(settings.clock().instant());
    }

    @Override
    public StorageObject compute(String key, UnaryOperator<StorageObject> remapping) {
        Objects.requireNonNull(remapping, "remapping");
        MemoryEntry stored = computeEntry(key, current -> {
            StorageObject before = current == null ? null : toStorageObject(key, current);
            StorageObject after = remapping.apply(before);
            if (after == before) {
                return current;
            }
            return after == null ? null : new MemoryEntry(after.data(), after.expiresAt());
        });
        return stored == null ? null : toStorageObject(key, stored);
    }

    @Override
    public StorageObject read(String key) {
        Objects.requireNonNull(key, "key");
        MemoryEntry entry = entry(key);
        return entry == null ? null : toStorageObject(key, entry);
    }

    @Override
    public Iterator<String> keys() {
        checkOpen();
        return cache.asMap().keySet().stream()
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .iterator();
    }

    @Override
    public long deleteExpired() {
        checkOpen();
        long before = expiredRemovals.sum();
        cache.cleanUp();
        long removed = expiredRemovals.sum() - before;
        for (MemoryStore child : children.values()) {
            removed += child.deleteExpired();
        }
        return removed;
    }

    @Override
    public void close() {
        if (namespace.isEmpty() && settings.closed().compareAndSet(false, true)) {
            closeAll();
        }
    }

    private void closeAll() {
        cache.invalidateAll();
        children.values().forEach(MemoryStore::closeAll);
    }

    private Instant expiry(Duration expiresIn) {
        return expiresIn == null ? null : StorageObject.plus(settings.clock().instant(), expiresIn);
    }

    private void checkOpen() {
        if (settings.closed().get()) {
            throw new IllegalStateException("memory store " + this + " is closed");
        }
    }

    private static StorageObject toStorageObject(String key, MemoryEntry entry) {
        return StorageObject.of(bytes(key, entry), entry.expiresAt());
    }

    private static byte[] bytes(String key, MemoryEntry entry) {
        Object value = entry.value();
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalStateException("key '" + key + "' holds a " + value.getClass().getName()
                + " that the JCache layer stored by reference; read it through the cache, not the byte-level store API");
    }

    @Override
    public String toString() {
        return "memory:" + String.join("/", namespace);
    }
}
