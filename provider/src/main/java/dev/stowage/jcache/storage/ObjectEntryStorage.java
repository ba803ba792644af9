package dev.stowage.jcache.storage;

import dev.stowage.store.NamespacedStore;
import dev.stowage.store.ObjectEntry;
import dev.stowage.store.ObjectStore;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * {@link EntryStorage} on a store namespace that offers an object-level view
 * ({@link NamespacedStore#objects()}, e.g. the memory backend): keys and values are held as Java
 * objects, by reference or, for store-by-value caches, through a {@link Copier}. Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ObjectEntryStorage<K, V> implements EntryStorage<K, V> {

    private final NamespacedStore namespace;
    private final ObjectStore store;
    private final Copier keyCopier;
    private final Copier valueCopier;

    /**
     * Creates the storage.
     *
     * @param namespace the cache's namespace, not {@code null}
     * @param store the namespace's object-level view, not {@code null}
     * @param keyCopier the copier of keys for store-by-value, or {@code null} for store-by-reference
     *     and for a key type whose every instance needs no copy ({@link Copier#sharesEvery(Class)})
     * @param valueCopier the same for values: with {@code null}, values are kept and returned as they are
     *     (a read then never loads a value to ask its class)
     */
    public ObjectEntryStorage(NamespacedStore namespace, ObjectStore store, Copier keyCopier, Copier valueCopier) {
        this.namespace = namespace;
        this.store = store;
        this.keyCopier = keyCopier;
        this.valueCopier = valueCopier;
    }

    /** A live entry of the store, decoding its value at most once. */
    private final class Held implements StoredEntry<V> {
        private final ObjectEntry entry;
        private V value;

        Held(ObjectEntry entry) {
            this.entry = entry;
        }

        @Override
        @SuppressWarnings("unchecked")
        public V value() {
            V result = value;
            if (result == null) {
                result = (V) (valueCopier == null ? entry.value() : valueCopier.fromStored(entry.value()));
                value = result;
            }
            return result;
        }

        @Override
        public Instant expiresAt() {
            return entry.expiresAt();
        }

        @Override
        public StoredEntry<V> withExpiresAt(Instant expiresAt) {
            return new Held(entry.withExpiresAt(expiresAt));
        }
    }

    @Override
    public StoredEntry<V> get(K key) {
        ObjectEntry entry = store.entry(key);
        return entry == null ? null : new Held(entry);
    }

    @Override
    public StoredEntry<V> compute(K key, UnaryOperator<StoredEntry<V>> remapping) {
        Object storedKey = keyCopier == null ? key : keyCopier.copy(key);
        ObjectEntry result = store.computeEntry(storedKey, current -> {
            StoredEntry<V> before = current == null ? null : new Held(current);
            StoredEntry<V> after = remapping.apply(before);
            if (after == before) {
                return current;
            }
            if (after == null) {
                return null;
            }
            if (after instanceof ObjectEntryStorage<?, ?>.Held held) {
                return held.entry;
            }
            Object value = valueCopier == null ? after.value() : valueCopier.toStored(after.value());
            return new ObjectEntry(value, after.expiresAt());
        });
        return result == null ? null : new Held(result);
    }

    /**
     * One lookup and no allocation for a store-by-reference hit, or a store-by-value hit of a type
     * {@link Copier#sharesEvery(Class) shared as it is}.
     */
    @Override
    @SuppressWarnings("unchecked")
    public V getValue(K key) {
        Object value = store.value(key);
        return (V) (valueCopier == null || value == null ? value : valueCopier.fromStored(value));
    }

    /** One lookup, no allocation. */
    @Override
    public boolean contains(K key) {
        return store.value(key) != null;
    }

    /** One atomic step that allocates nothing but the new entry. */
    @Override
    public void putKeepingExpiry(K key, V value, Instant expiresAtIfNew) {
        Object storedKey = keyCopier == null ? key : keyCopier.copy(key);
        Object stored = valueCopier == null ? value : valueCopier.toStored(value);
        store.putKeepingExpiry(storedKey, stored, expiresAtIfNew);
    }

    /** One atomic step of the store. */
    @Override
    @SuppressWarnings("unchecked")
    public V getAndPutKeepingExpiry(K key, V value, Instant expiresAtIfNew) {
        Object storedKey = keyCopier == null ? key : keyCopier.copy(key);
        Object stored = valueCopier == null ? value : valueCopier.toStored(value);
        Object[] before = new Object[1];
        store.computeEntry(storedKey, current -> {
            before[0] = current == null ? null : current.value();
            return new ObjectEntry(stored, current == null ? expiresAtIfNew : current.expiresAt());
        });
        return (V) (valueCopier == null || before[0] == null ? before[0] : valueCopier.fromStored(before[0]));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Runnable> onExpired(BiConsumer<K, V> listener) {
        return namespace.onExpired((key, value) -> listener.accept((K) (keyCopier == null ? key : keyCopier.copy(key)),
                (V) (valueCopier == null || value == null ? value : valueCopier.fromStored(value))));
    }

    @Override
    public StoredEntry<V> newEntry(V value, Instant expiresAt) {
        return new NewEntry<>(value, expiresAt);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<K> keys() {
        Iterator<Object> keys = store.entryKeys();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return keys.hasNext();
            }

            @Override
            public K next() {
                Object key = keys.next();
                return (K) (keyCopier == null ? key : keyCopier.copy(key));
            }
        };
    }

    @Override
    public void clear() {
        namespace.deleteAll();
    }
}
