package dev.stowage.store.file;

import java.nio.file.Path;
import dev.stowage.store.ExpiryListeners;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a root {@link FileStore} and all its child namespaces share: the root directory, the clock,
 * the entry file helper and the lock table, whether the root has been closed, and the listeners of
 * expired entries (this JVM's, per namespace directory).
 *
 * <p>Thread-safe.
 */
final class SharedState {

    private final Path root;
    private final Clock clock;
    private final EntryFiles files;
    private final LockTable locks;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The expiry listeners of this JVM, by namespace directory. */
    private final ConcurrentMap<Path, ExpiryListeners> expiryListeners = new ConcurrentHashMap<>();

    /**
     * Creates the shared state of an opened root.
     *
     * @param root the store's root directory
     * @param clock the clock expiry is measured with
     * @param files the entry file helper
     * @param locks the lock table, released when the root closes
     */
    SharedState(Path root, Clock clock, EntryFiles files, LockTable locks) {
        this.root = root;
        this.clock = clock;
        this.files = files;
        this.locks = locks;
    }

    Path root() {
        return root;
    }

    Clock clock() {
        return clock;
    }

    EntryFiles files() {
        return files;
    }

    /** Returns the expiry listeners of the namespace in {@code directory}, made when first asked. */
    ExpiryListeners expiryListeners(Path directory) {
        return expiryListeners.computeIfAbsent(directory, ignored -> new ExpiryListeners());
    }

    /**
     * Tells the listeners of the namespace in {@code directory} that {@code entry}, expired, was
     * removed; called after the entry's lock was released.
     */
    void expired(Path directory, EntryFormat.Entry entry) {
        ExpiryListeners listeners = expiryListeners.get(directory);
        if (listeners != null && listeners.any()) {
            listeners.expired(entry.key(), entry.object().data());
        }
    }

    boolean closed() {
        return closed.get();
    }

    /**
     * Marks the root closed and releases the lock table; only the first call does anything.
     */
    void close() {
        if (closed.compareAndSet(false, true)) {
            locks.release();
        }
    }
}
