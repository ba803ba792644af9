package dev.stowage.store.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
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
import java.util.function.UnaryOperator;

/**
 * The in-process store backend ({@code memory:}), on Caffeine: one Caffeine cache per namespace,
 * unbounded or, when a maximum size is set, with W-TinyLFU eviction per namespace. Nothing is
 * persisted; a new store starts empty (Litestar's {@code MemoryStore}, but thread-safe).
 *
 * <p>Expiry is decided by the store's {@link Clock}: an expired entry is never returned, and is
 * dropped when it is read or by {@link #deleteExpired()}; an {@link ExpiryIndex} of the expiring
 * entries also drops it on Caffeine's timer, so memory does not grow with entries nobody reads
 * again, while a read of an entry without expiry is a plain hash lookup. Besides the byte-level {@link NamespacedStore} API,
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
    private final Node node;
    private final AtomicBoolean handleClosed = new AtomicBoolean();

    /** Shared by a root store and all its namespaces. */
    private record Settings(Clock clock, long maximumSize, AtomicBoolean closed) {
    }

    /**
     * The data of one namespace, shared by every handle on it: a Caffeine cache without expiry of
     * its own (plain when unbounded, W-TinyLFU when a maximum size is set), and the
     * {@link ExpiryIndex} of its expiring entries.
     */
    private static final class Node {
        final List<String> namespace;
        final Cache<Object, MemoryEntry> cache;
        final ConcurrentMap<Object, MemoryEntry> map;
        final ExpiryIndex expiring;
        final ConcurrentMap<String, Node> children = new ConcurrentHashMap<>();

        Node(Settings settings, List<String> namespace) {
            this.namespace = namespace;
            Caffeine<Object, Object> builder = Caffeine.newBuilder();
            if (settings.maximumSize() >= 0) {
                this.cache = builder
                        .executor(Runnable::run)
                        .maximumSize(settings.maximumSize())
                        .removalListener((Object key, MemoryEntry entry, RemovalCause cause) -> {
                            if (cause == RemovalCause.SIZE && key != null && entry != null) {
                                expiring().evicted(key, entry);
                            }
                        })
                        .build();
            } else {
                this.cache = builder.build();
            }
            this.map = cache.asMap();
            this.expiring = new ExpiryIndex(settings.clock(), map);
        }

        private ExpiryIndex expiring() {
            return expiring;
        }

        /** Sets {@code key} to {@code next} ({@code null} removes it) and keeps the expiry index in step. */
        void put(Object key, MemoryEntry next) {
            map.compute(key, (k, previous) -> {
                expiring.replaced(k, previous, next);
                return next;
            });
        }

        void invalidateTree() {
            // the index first: an entry set in between is then at worst indexed needlessly
            expiring.clear();
            cache.invalidateAll();
            children.values().forEach(Node::invalidateTree);
        }

        long deleteExpiredTree(Instant now) {
            long[] removed = {0};
            map.values().removeIf(entry -> {
                boolean expired = entry.expired(now);
                removed[0] += expired ? 1 : 0;
                return expired;
            });
            for (Node child : children.values()) {
                removed[0] += child.deleteExpiredTree(now);
            }
            return removed[0];
        }
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
        this(settings, new Node(settings, namespace));
    }

    private MemoryStore(Settings settings, Node node) {
        this.settings = settings;
        this.node = node;
        this.cache = node.cache;
        this.map = node.map;
        this.namespace = node.namespace;
    }

    private final Cache<Object, MemoryEntry> cache;
    private final ConcurrentMap<Object, MemoryEntry> map;
    private final List<String> namespace;

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
        Node childNode = node.children.computeIfAbsent(child, name -> {
            List<String> path = new ArrayList<>(namespace);
            path.add(name);
            return new Node(settings, Collections.unmodifiableList(path));
        });
        return new MemoryStore(settings, childNode);
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
        MemoryEntry entry = cache.getIfPresent(key);
        if (entry == null || entry.expiresAt() == null || !entry.expired(settings.clock().instant())) {
            return entry;
        }
        map.remove(key, entry);
        return null;
    }

    /**
     * Atomically transforms the entry under {@code key}, like
     * {@link #compute(String, UnaryOperator)} but for any key object and value. The function runs
     * exactly once, while the key is locked; it must not touch this store. A returned entry that is
     * expired already (its expiry not after the clock's now) is not stored: the key is removed and
     * {@code null} returned.
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
        return map.compute(key, (k, current) -> {
            Instant now = settings.clock().instant();
            MemoryEntry live = current != null && current.expired(now) ? null : current;
            MemoryEntry next = remapping.apply(live);
            if (next == live && current == live) {
                return current;
            }
            // an entry that is expired already is not stored: the key is removed, as on every backend
            MemoryEntry stored = next == null || next.expired(now) ? null : next;
            node.expiring.replaced(k, current, stored);
            return stored;
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
        return liveKeys().iterator();
    }

    private java.util.stream.Stream<Object> liveKeys() {
        Instant now = settings.clock().instant();
        return map.entrySet().stream()
                .filter(entry -> !entry.getValue().expired(now))
                .map(java.util.Map.Entry::getKey);
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
        node.put(key, new MemoryEntry(value.clone(), expiry(expiresIn)));
    }

    @Override
    public byte[] get(String key, Duration renewFor) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        if (renewFor == null) {
            MemoryEntry entry = entry(key);
            return entry == null ? null : bytes(key, entry);
        }
        MemoryEntry[] read = new MemoryEntry[1];
        computeEntry(key, current -> {
            read[0] = current;
            return current == null || current.expiresAt() == null ? current : current.withExpiresAt(expiry(renewFor));
        });
        return read[0] == null ? null : bytes(key, read[0]);
    }

    @Override
    public void delete(String key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        node.put(key, null);
    }

    @Override
    public void deleteAll() {
        checkOpen();
        node.invalidateTree();
    }

    @Override
    public boolean exists(String key) {
        Objects.requireNonNull(key, "key");
        return entry(key) != null;
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
        return liveKeys()
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .iterator();
    }

    @Override
    public long deleteExpired() {
        checkOpen();
        return node.deleteExpiredTree(settings.clock().instant());
    }

    /**
     * Closes this handle; closing the root store closes every namespace and drops all data, closing
     * a child handle leaves the data and the parent open ({@link #withNamespace} gives a new handle).
     */
    @Override
    public void close() {
        if (handleClosed.compareAndSet(false, true) && namespace.isEmpty()
                && settings.closed().compareAndSet(false, true)) {
            node.invalidateTree();
        }
    }

    private Instant expiry(Duration expiresIn) {
        return expiresIn == null ? null : StorageObject.plus(settings.clock().instant(), expiresIn);
    }

    private void checkOpen() {
        if (handleClosed.get() || settings.closed().get()) {
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
