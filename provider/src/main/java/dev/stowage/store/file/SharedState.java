package dev.stowage.store.file;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a root {@link FileStore} and all its child namespaces share: the root directory, the clock,
 * the entry file helper and the lock table, and whether the root has been closed.
 *
 * <p>Thread-safe.
 */
final class SharedState {

    private final Path root;
    private final Clock clock;
    private final EntryFiles files;
    private final LockTable locks;
    private final AtomicBoolean closed = new AtomicBoolean();

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
