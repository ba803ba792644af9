package dev.stowage.jcache.processor;

import dev.stowage.jcache.integration.LoaderWriter;
import java.util.Objects;
import javax.cache.processor.MutableEntry;

/**
 * The {@link MutableEntry} an {@link javax.cache.processor.EntryProcessor} sees (JSR-107 section
 * 7.4 "Entry Processors"). It records what the processor did, as one {@link Operation}, for the cache
 * to apply atomically afterwards: reading an entry is an access, reading a missing one through a
 * read-through loader is a load, setting is a create or an update, removing an entry that existed
 * before is a remove (and so is removing a missing one, which a write-through cache passes on to its
 * writer), and removing what the processor itself created undoes it. Used by one thread
 * at a time, under the key's lock.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ProcessorEntry<K, V> implements MutableEntry<K, V> {

    /** What the processor did to the entry. */
    public enum Operation {
        /** Nothing visible. */
        NONE,
        /** Read an existing value. */
        ACCESS,
        /** Loaded a missing value through the loader. */
        LOAD,
        /** Set a value where there was none. */
        CREATE,
        /** Replaced an existing value. */
        UPDATE,
        /** Removed an existing value. */
        REMOVE
    }

    private final K key;
    private final V original;
    private final LoaderWriter<K, V> loaderWriter;
    private V value;
    private Operation operation = Operation.NONE;

    /**
     * Creates the entry.
     *
     * @param key the key, not {@code null}
     * @param original the value before the processor runs, or {@code null} when absent
     * @param loaderWriter the cache's loader, used by {@link #getValue()} for read-through
     */
    public ProcessorEntry(K key, V original, LoaderWriter<K, V> loaderWriter) {
        this.key = key;
        this.original = original;
        this.value = original;
        this.loaderWriter = loaderWriter;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        if (operation == Operation.NONE) {
            if (original == null) {
                if (loaderWriter.readThrough()) {
                    value = loaderWriter.load(key);
                    if (value != null) {
                        operation = Operation.LOAD;
                    }
                }
            } else {
                operation = Operation.ACCESS;
            }
        }
        return value;
    }

    @Override
    public boolean exists() {
        return value != null;
    }

    @Override
    public void remove() {
        value = null;
        operation = switch (operation) {
            case CREATE, LOAD -> Operation.NONE;
            default -> Operation.REMOVE;
        };
    }

    @Override
    public void setValue(V newValue) {
        Objects.requireNonNull(newValue, "value");
        value = newValue;
        operation = original == null || operation == Operation.LOAD ? Operation.CREATE : Operation.UPDATE;
    }

    /**
     * Returns what the processor did.
     *
     * @return the operation to apply
     */
    public Operation operation() {
        return operation;
    }

    /**
     * Returns the value before the processor ran.
     *
     * @return the original value, or {@code null}
     */
    public V original() {
        return original;
    }

    /**
     * Returns the value the processor left.
     *
     * @return the value, or {@code null} when removed or absent
     */
    public V value() {
        return value;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        throw new IllegalArgumentException("a mutable entry cannot be unwrapped to " + clazz.getName());
    }
}
