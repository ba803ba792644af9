package dev.stowage.store.file;

import dev.stowage.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped per-key locks that hold across threads and processes: stripe {@code i} is an in-JVM
 * {@link ReentrantLock} plus an exclusive {@link FileLock} on the file {@code .locks/i.lock} under
 * the store's root. A {@link FileLock} is held on behalf of the whole JVM (a second lock on the same
 * file from the same JVM throws {@link java.nio.channels.OverlappingFileLockException}), so every
 * store over the same directory in one JVM shares one table, found by the lock directory's real
 * path, and the in-JVM lock admits one thread at a time to the file lock. Lock files are created
 * once and never deleted: deleting a lock file another process holds would let two processes hold
 * "the" lock at once. The operating system releases the file locks of a process that dies, even by
 * {@code SIGKILL}.
 *
 * <p>Reentrant: a thread that holds a stripe may lock it again (the file lock is taken only by the
 * outermost hold). Thread-safe.
 */
final class LockTable {

    /** The number of stripes; a power of two. */
    static final int STRIPES = 64;

    private static final Map<Path, LockTable> TABLES = new HashMap<>();

    private final Path directory;
    private final FilePermissions permissions;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final FileChannel[] channels = new FileChannel[STRIPES];
    private final FileLock[] held = new FileLock[STRIPES];
    private int references;

    private LockTable(Path directory, FilePermissions permissions) {
        this.directory = directory;
        this.permissions = permissions;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * Returns the table of the lock directory {@code directory}, creating the directory and the
     * table when needed; each call must be matched by one {@link #release()}.
     *
     * @param directory the lock directory, which must exist or be creatable
     * @param permissions the permissions of new lock files
     * @return the shared table
     * @throws StoreException if the directory cannot be created or resolved; names the path
     */
    static LockTable acquire(Path directory, FilePermissions permissions) {
        Path real;
        try {
            permissions.createDirectories(directory);
            real = directory.toRealPath();
        } catch (IOException e) {
            throw new StoreException("cannot create the lock directory " + directory + ": " + e, e);
        }
        synchronized (TABLES) {
            LockTable table = TABLES.computeIfAbsent(real, path -> new LockTable(path, permissions));
            table.references++;
            return table;
        }
    }

    /**
     * Gives back one reference taken by {@link #acquire}; the last one closes the lock files.
     */
    void release() {
        synchronized (TABLES) {
            if (--references > 0) {
                return;
            }
            TABLES.remove(directory);
        }
        for (int i = 0; i < STRIPES; i++) {
            locks[i].lock();
            try {
                closeQuietly(i);
            } finally {
                locks[i].unlock();
            }
        }
    }

    /**
     * Locks stripe {@code stripe} for the calling thread, in this JVM and across processes; blocks
     * until it is free.
     *
     * @param stripe the stripe, {@code 0 <= stripe < STRIPES}
     * @return a handle whose {@link Hold#close()} unlocks
     * @throws StoreException if the lock file cannot be opened or locked; names the path
     */
    Hold lock(int stripe) {
        ReentrantLock lock = locks[stripe];
        lock.lock();
        if (lock.getHoldCount() > 1) {
            return () -> lock.unlock();
        }
        Path file = directory.resolve(stripe + ".lock");
        try {
            FileChannel channel = channels[stripe];
            if (channel == null || !channel.isOpen()) {
                channel = permissions.openForLocking(file);
                channels[stripe] = channel;
            }
            held[stripe] = channel.lock();
        } catch (IOException | RuntimeException e) {
            closeQuietly(stripe);
            lock.unlock();
            throw new StoreException("cannot lock " + file + ": " + e, e);
        }
        return () -> unlock(stripe);
    }

    private void unlock(int stripe) {
        try {
            FileLock fileLock = held[stripe];
            held[stripe] = null;
            if (fileLock != null && fileLock.isValid()) {
                fileLock.release();
            }
        } catch (IOException e) {
            closeQuietly(stripe);
        } finally {
            locks[stripe].unlock();
        }
    }

    private void closeQuietly(int stripe) {
        FileChannel channel = channels[stripe];
        channels[stripe] = null;
        held[stripe] = null;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing releases the file lock; nothing else to undo.
            }
        }
    }

    /** A held stripe; closing it unlocks. */
    @FunctionalInterface
    interface Hold extends AutoCloseable {

        /** Unlocks the stripe. Never throws. */
        @Override
        void close();
    }
}
