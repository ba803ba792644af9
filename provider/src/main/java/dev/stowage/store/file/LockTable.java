package dev.stowage.store.file;

import dev.stowage.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped per-key locks that hold across threads and processes: stripe {@code i} is an in-JVM
 * {@link ReentrantLock} plus an exclusive {@link FileLock} on the file {@code .locks/i.lock} under
 * the store's root. A {@link FileLock} (a POSIX {@code fcntl} record lock) is held on behalf of the
 * whole JVM (a second lock on the same file from the same JVM throws
 * {@link java.nio.channels.OverlappingFileLockException}), so every store over the same directory in
 * one JVM shares one table, found by the lock directory's real path, and a thread first takes the
 * stripe's in-JVM lock and only then the file lock: threads of one JVM are held apart in the JVM,
 * and each lock file is locked by at most one thread of a process at a time. Lock files are created
 * once and never deleted: deleting a lock file another process holds would let two processes hold
 * "the" lock at once. The operating system releases the file locks of a process that dies, even by
 * {@code SIGKILL}.
 *
 * <p>The kernel's deadlock detection also sees a process as one owner across lock files: while a
 * thread of process A holds stripe 1 and another thread of A waits for stripe 2, held by process B,
 * a thread of B asking for stripe 1 is refused with {@code EDEADLK} ("Resource deadlock avoided"),
 * although no thread waits for itself: each holds one stripe, and the one holding stripe 1 will let
 * go. Such a refusal is retried after a short random back-off (up to
 * {@link #DEADLOCK_RETRY_LIMIT}; a real deadlock, which needs a thread holding one stripe to ask for
 * another, ends there with a {@link StoreException}). A failed blocking lock is told apart from
 * other failures by a non-blocking attempt, which never reports a deadlock: it fails the same way
 * for a real error, finds the lock taken (retry), or takes it.
 *
 * <p>Reentrant: a thread that holds a stripe may lock it again (the file lock is taken only by the
 * outermost hold). Thread-safe.
 */
final class LockTable {

    /** The number of stripes; a power of two. */
    static final int STRIPES = 64;
    /** How long a lock request is retried while the kernel keeps refusing it as a deadlock. */
    static final Duration DEADLOCK_RETRY_LIMIT = Duration.ofSeconds(30);

    private static final long MIN_BACK_OFF_NANOS = 50_000;
    private static final long MAX_BACK_OFF_NANOS = 5_000_000;

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
            held[stripe] = lockFile(channel);
        } catch (IOException | RuntimeException e) {
            closeQuietly(stripe);
            lock.unlock();
            throw new StoreException("cannot lock " + file + ": " + e, e);
        }
        return () -> unlock(stripe);
    }

    /**
     * Takes the exclusive lock on {@code channel}'s file, blocking until it is free; a refusal as a
     * deadlock is retried after a random back-off growing from 50 µs to 5 ms, for up to
     * {@link #DEADLOCK_RETRY_LIMIT}.
     */
    private static FileLock lockFile(FileChannel channel) throws IOException {
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return channel.lock();
            } catch (IOException refused) {
                FileLock lock = tryAfterRefusal(channel, refused);
                if (lock != null) {
                    return lock;
                }
                long waited = System.nanoTime() - start;
                if (waited >= DEADLOCK_RETRY_LIMIT.toNanos()) {
                    throw new IOException("still refused after " + attempt + " attempts over "
                            + Duration.ofNanos(waited).toMillis() + " ms (a compute function that locks another key"
                            + " can deadlock): " + refused.getMessage(), refused);
                }
                backOff(attempt);
            }
        }
    }

    /**
     * After a blocking lock failed: a non-blocking attempt takes the lock, finds it held elsewhere
     * ({@code null}: the failure was a deadlock refusal, worth a retry), or fails the same way (a real
     * error, rethrown as {@code refused}).
     */
    private static FileLock tryAfterRefusal(FileChannel channel, IOException refused) throws IOException {
        try {
            return channel.tryLock();
        } catch (IOException | RuntimeException again) {
            refused.addSuppressed(again);
            throw refused;
        }
    }

    private static void backOff(int attempt) {
        long bound = Math.min(MAX_BACK_OFF_NANOS, MIN_BACK_OFF_NANOS << Math.min(attempt, 10));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(MIN_BACK_OFF_NANOS, bound + 1));
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
