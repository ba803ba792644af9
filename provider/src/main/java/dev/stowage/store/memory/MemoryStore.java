package dev.stowage.store.memory;

import dev.stowage.store.ExpiryListener;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.ObjectEntry;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.StorageObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The in-process store backend ({@code memory:}), on Caffeine: one Caffeine cache per namespace,
 * unbounded or, when a maximum size is set, with W-TinyLFU eviction per namespace. Nothing is
 * persisted; a new store starts empty (Litestar's {@code MemoryStore}, but thread-safe).
 *
 * <p>Expiry is decided by the store's {@link Clock}: an expired entry is never returned, and is
 * dropped when it is read or by {@link #deleteExpired()}; an {@link ExpiryIndex} of the expiring
 * entries also drops it on Caffeine's timer, so memory does not grow with entries nobody reads
 * again, while a read of an entry without expiry is a plain hash lookup: such an entry is held as its
 * bare value, with no wrapper ({@link Expiring}).
 *
 * <p>Capabilities ({@link NamespacedStore}): the object-level view {@link ObjectStore} (this store
 * itself, under any key object), which the JCache layer uses to hold values by reference; bounded
 * namespaces ({@link #withNamespace(String, long)}); the clock given at construction. The byte-level
 * API reads entries whose value is a {@code byte[]} or a {@code String} (as UTF-8); reading an entry
 * that holds another object through it throws {@link IllegalStateException}. The optional bulk
 * operations are the {@link NamespacedStore} defaults, each step one atomic hash-map compute.
 *
 * <p>Thread-safe. Operations on a closed store throw {@link IllegalStateException}.
 */
public final class MemoryStore implements NamespacedStore, ObjectStore {

    private final Settings settings;
    private final MemoryNamespace node;
    private final AtomicBoolean handleClosed = new AtomicBoolean();

    /** Shared by a root store and all its namespaces. */
    private record Settings(Clock clock, AtomicBoolean closed) {
    }

    /**
     * Creates an unbounded root store on the system clock.
     */
    public MemoryStore() {
        this(Clock.systemUTC(), MemoryNamespace.UNBOUNDED);
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
        this(new Settings(Objects.requireNonNull(clock, "clock"), new AtomicBoolean()),
                new MemoryNamespace(clock, List.of(), maximumSize < 0 ? MemoryNamespace.UNBOUNDED : maximumSize));
    }

    private MemoryStore(Settings settings, MemoryNamespace node) {
        this.settings = settings;
        this.node = node;
    }

    // ---- capabilities ------------------------------------------------------------------------

    /**
     * Returns the clock this store decides expiry with.
     *
     * @return the clock given at construction
     */
    @Override
    public Clock clock() {
        return settings.clock();
    }

    /**
     * Returns this store, whose object-level view holds any key and value object.
     *
     * @return this store
     */
    @Override
    public Optional<ObjectStore> objects() {
        return Optional.of(this);
    }

    /**
     * Reports this namespace's expired entries: those its expiry index removes when their time comes
     * (on Caffeine's scheduler thread), and those a read or a write finds expired (on that thread,
     * after the key's step).
     *
     * @param listener the listener, not {@code null}
     * @return what stops it
     */
    @Override
    public Optional<Runnable> onExpired(ExpiryListener listener) {
        return Optional.of(node.expiryListeners().add(listener));
    }

    /**
     * Tells that this backend bounds namespaces.
     *
     * @return {@code true}
     */
    @Override
    public boolean boundsNamespaces() {
        return true;
    }

    /**
     * Returns the child namespace {@code child}, a new one with the bound of this one when it does not
     * exist yet (every namespace of a root made with a maximum size has that size).
     */
    @Override
    public MemoryStore withNamespace(String child) {
        checkName(child);
        checkOpen();
        return new MemoryStore(settings, node.child(child));
    }

    /**
     * {@inheritDoc}
     *
     * <p>W-TinyLFU eviction; evicted entries make no event. Re-bounding an existing namespace keeps as
     * many of its entries as the new bound allows; it is not atomic against writes to that namespace
     * made meanwhile.
     */
    @Override
    public MemoryStore withNamespace(String child, long maximumSize) {
        checkName(child);
        if (maximumSize < 0) {
            throw new IllegalArgumentException("maximumSize " + maximumSize + " of namespace '" + child
                    + "' is negative; it must be 0 or more");
        }
        checkOpen();
        return new MemoryStore(settings, node.child(child, maximumSize));
    }

    private static void checkName(String child) {
        Objects.requireNonNull(child, "namespace");
        if (child.isEmpty()) {
            throw new IllegalArgumentException("namespace must not be empty");
        }
    }

    @Override
    public List<String> namespace() {
        return node.path();
    }

    // ---- object-level view -------------------------------------------------------------------

    @Override
    public ObjectEntry entry(Object key) {
        return (ObjectEntry) read(key, true);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One hash lookup; an entry without expiry is returned without touching any other object.
     */
    @Override
    public Object value(Object key) {
        return read(key, false);
    }

    /**
     * Reads the live entry under {@code key}: its {@link ObjectEntry} when {@code asEntry}, else its
     * value. The slot's class is looked at only in a namespace that has held an {@link Expiring}.
     */
    private Object read(Object key, boolean asEntry) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        MemoryNamespace.Data data = node.data();
        Object slot = data.map().get(key);
        if (slot == null) {
            return null;
        }
        if (!data.holdsExpiring() || !(slot instanceof Expiring expiring)) {
            return asEntry ? new ObjectEntry(slot, null) : slot;
        }
        if (!live(data, key, expiring)) {
            return null;
        }
        return asEntry ? new ObjectEntry(expiring.value(), expiring.expiresAt()) : expiring.value();
    }

    /** Tells whether {@code expiring} is live; if not, removes it from under {@code key} and reports it. */
    private boolean live(MemoryNamespace.Data data, Object key, Expiring expiring) {
        if (!expiring.expired(settings.clock().instant())) {
            return true;
        }
        if (data.map().remove(key, expiring)) {
            node.expired(key, expiring.value());
        }
        return false;
    }

    /**
     * {@inheritDoc}
     *
     * <p>While the namespace holds no entry with an expiry, a value without one is stored with one
     * hash-map {@code put}.
     */
    @Override
    public void putKeepingExpiry(Object key, Object value, Instant expiresAtIfNew) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        checkOpen();
        MemoryNamespace.Data data = node.data();
        if (expiresAtIfNew != null || data.holdsExpiring()) {
            ObjectStore.super.putKeepingExpiry(key, value, expiresAtIfNew);
            return;
        }
        Object previous = data.map().put(key, value);
        if (data.holdsExpiring() && previous instanceof Expiring replaced) {
            // an entry with an expiry was stored meanwhile and this put replaced it: it keeps that expiry,
            // as if this put had come after it through computeEntry
            Instant now = settings.clock().instant();
            if (replaced.expired(now)) {
                node.expired(key, replaced.value());
            } else {
                computeEntry(key, current -> current != null && current.value() == value && current.expiresAt() == null
                        ? current.withExpiresAt(replaced.expiresAt()) : current);
            }
        }
    }

    @Override
    public ObjectEntry computeEntry(Object key, UnaryOperator<ObjectEntry> remapping) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(remapping, "remapping");
        checkOpen();
        MemoryNamespace.Data data = node.data();
        Object[] expired = new Object[1];
        Object result = data.map().compute(key, (k, currentSlot) -> {
            Instant expiresAt = currentSlot == null || !data.holdsExpiring() ? null : Expiring.expiresAtOf(currentSlot);
            Instant now = expiresAt == null ? null : settings.clock().instant();
            boolean stale = now != null && !expiresAt.isAfter(now);
            ObjectEntry live = currentSlot == null || stale ? null : Expiring.entryOf(currentSlot);
            expired[0] = stale ? ((Expiring) currentSlot).value() : null;
            ObjectEntry next = remapping.apply(live);
            if (next == live && !stale) {
                return currentSlot;
            }
            // an entry that is expired already is not stored: the key is removed, as on every backend
            boolean storable = next != null
                    && (next.expiresAt() == null || next.expiresAt().isAfter(now == null ? settings.clock().instant() : now));
            Object slot = storable ? Expiring.slotOf(next) : null;
            data.replacing(k, currentSlot, slot);
            return slot;
        });
        if (expired[0] != null) {
            // told after the map's step, so that a listener may use this key again
            node.expired(key, expired[0]);
        }
        return Expiring.entryOf(result);
    }

    @Override
    public Iterator<Object> entryKeys() {
        checkOpen();
        return liveKeys().iterator();
    }

    private Stream<Object> liveKeys() {
        Instant now = settings.clock().instant();
        return node.data().map().entrySet().stream()
                .filter(entry -> !(entry.getValue() instanceof Expiring expiring && expiring.expired(now)))
                .map(Map.Entry::getKey);
    }

    /**
     * Returns about how many entries this namespace holds (not its children), expired ones not yet
     * dropped included.
     *
     * @return the estimate, at least 0
     */
    public long estimatedSize() {
        return node.data().cache().estimatedSize();
    }

    // ---- Store API ----------------------------------------------------------------------------

    @Override
    public void set(String key, byte[] value, Duration expiresIn) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        checkOpen();
        Instant expiresAt = expiry(expiresIn);
        node.data().put(key, expiresAt != null && !expiresAt.isAfter(settings.clock().instant()) ? null
                : new ObjectEntry(value.clone(), expiresAt));
    }

    @Override
    public byte[] get(String key, Duration renewFor) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        if (renewFor == null) {
            ObjectEntry entry = entry(key);
            return entry == null ? null : bytes(key, entry);
        }
        ObjectEntry[] read = new ObjectEntry[1];
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
        node.data().put(key, null);
    }

    @Override
    public void deleteAll() {
        checkOpen();
        node.clearTree();
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
        ObjectEntry stored = computeEntry(key, current -> {
            StorageObject before = current == null ? null : toStorageObject(key, current);
            StorageObject after = remapping.apply(before);
            if (after == before) {
                return current;
            }
            return after == null ? null : new ObjectEntry(after.data(), after.expiresAt());
        });
        return stored == null ? null : toStorageObject(key, stored);
    }

    @Override
    public StorageObject read(String key) {
        Objects.requireNonNull(key, "key");
        ObjectEntry entry = entry(key);
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
        if (handleClosed.compareAndSet(false, true) && node.path().isEmpty()
                && settings.closed().compareAndSet(false, true)) {
            node.clearTree();
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

    private static StorageObject toStorageObject(String key, ObjectEntry entry) {
        return StorageObject.of(bytes(key, entry), entry.expiresAt());
    }

    private static byte[] bytes(String key, ObjectEntry entry) {
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
        return "memory:" + String.join("/", node.path());
    }
}
