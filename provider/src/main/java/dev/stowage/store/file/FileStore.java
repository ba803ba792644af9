package dev.stowage.store.file;

import dev.stowage.store.ExpiryListener;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StorageObject;
import dev.stowage.store.StoreException;
import dev.stowage.store.file.EntryFormat.Entry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * A {@link NamespacedStore} that keeps one file per entry on disk, after Litestar's
 * {@code FileStore}, made safe for arbitrary keys and for several processes sharing the directory.
 * The layout is described in {@code docs/file-store.md}:
 * <ul>
 *   <li>a namespace is a directory, named by the SHA-256 of its name ({@link Names}), nested in
 *       its parent's; the root store's entries sit in the root directory itself;</li>
 *   <li>an entry is a file named by the SHA-256 of its key, holding a versioned header with the
 *       expiry and the original key, the value, and a checksum ({@link EntryFormat});</li>
 *   <li>writes are atomic by rename; read-modify-write operations ({@link #compute},
 *       {@link #get(String, Duration)} with renewal, {@link #set}, {@link #delete}) hold the key's
 *       lock, which is exclusive across threads and processes ({@link LockTable}); plain reads
 *       take no lock; a write whose namespace directory a concurrent {@link #deleteAll()} (in this
 *       process or another) removes re-creates it and tries again;</li>
 *   <li>expired entries are never returned; like Litestar's, they are removed when read, and by
 *       {@link #deleteExpired()}, which sweeps the namespace tree;</li>
 *   <li>a corrupt entry file is a miss, moved aside and reported once ({@link EntryFiles}); an I/O
 *       failure is a {@link StoreException} naming the path, and leaves what is stored intact.</li>
 * </ul>
 * A key whose hash names a file that holds another key (a SHA-256 collision, or a file copied by
 * hand) reads as absent, and writing it throws a {@link StoreException} rather than overwrite the
 * other key's entry.
 *
 * <p>Data survives a restart: a store opened later over the same directory sees every entry with
 * its remaining time to live, since expiry instants are stored as absolute times.
 *
 * <p>Thread-safe and process-safe.
 */
public final class FileStore implements NamespacedStore {

    /** How long a write keeps re-creating a directory that concurrent {@code deleteAll}s remove under it. */
    static final Duration WRITE_RETRY_LIMIT = Duration.ofSeconds(10);
    /** Attempts made back to back before a write backs off between them. */
    private static final int EAGER_WRITE_ATTEMPTS = 3;
    private static final long MAX_WRITE_BACK_OFF_NANOS = 2_000_000;

    private final SharedState shared;
    private final FileStore parent;
    private final List<String> namespace;
    private final Path directory;
    private final EntryFiles files;
    private final TreeSweeper sweeper;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FileStore(SharedState shared, FileStore parent, List<String> namespace, Path directory) {
        this.shared = shared;
        this.parent = parent;
        this.namespace = namespace;
        this.directory = directory;
        this.files = shared.files();
        this.sweeper = new TreeSweeper(files, shared.clock(), shared::expired);
    }

    /**
     * Opens the root store over {@code directory} with {@link FileStoreOptions#defaults()}.
     *
     * @param directory the store's directory; created (owner-only) with its parents when missing
     * @return the root store, without a namespace; the caller closes it
     * @throws NullPointerException if {@code directory} is {@code null}
     * @throws StoreException if the directory cannot be created or is not a file store of a layout
     *     this build reads; names the path
     */
    public static FileStore open(Path directory) {
        return open(directory, FileStoreOptions.defaults());
    }

    /**
     * Opens the root store over {@code directory}.
     *
     * @param directory the store's directory; created with its parents when missing
     * @param options the clock, permissions and sync setting, not {@code null}
     * @return the root store, without a namespace; the caller closes it
     * @throws NullPointerException if an argument is {@code null}
     * @throws StoreException if the directory cannot be created or is not a file store of a layout
     *     this build reads; names the path
     */
    public static FileStore open(Path directory, FileStoreOptions options) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(options, "options");
        Path root = directory.toAbsolutePath().normalize();
        FilePermissions permissions = new FilePermissions(options.filePermissions());
        try {
            permissions.createDirectories(root);
        } catch (IOException e) {
            throw new StoreException("cannot create the file store directory " + root + ": " + e, e);
        }
        LockTable locks = LockTable.acquire(root.resolve(Names.LOCK_DIRECTORY), permissions);
        try {
            EntryFiles files = new EntryFiles(permissions, locks, options.sync());
            LayoutMarker.ensure(root, files);
            return new FileStore(new SharedState(root, options.clock(), files, locks), null, List.of(), root);
        } catch (RuntimeException e) {
            locks.release();
            throw e;
        }
    }

    /**
     * Returns the directory of this namespace (which may not exist until an entry is written).
     *
     * @return the absolute directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * Returns the clock this store measures expiry with ({@link FileStoreOptions}).
     *
     * @return the clock shared by the root and every namespace
     */
    @Override
    public Clock clock() {
        return shared.clock();
    }

    @Override
    public NamespacedStore withNamespace(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        if (namespace.isEmpty()) {
            throw new IllegalArgumentException("a namespace name must not be empty (namespace path " + this.namespace + ")");
        }
        checkOpen();
        List<String> path = new ArrayList<>(this.namespace);
        path.add(namespace);
        return new FileStore(shared, this, List.copyOf(path), directory.resolve(Names.namespaceDirectory(namespace)));
    }

    @Override
    public List<String> namespace() {
        return namespace;
    }

    @Override
    public void set(String key, byte[] value, Duration expiresIn) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        checkOpen();
        StorageObject object = StorageObject.create(value, expiresIn, shared.clock());
        String fileName = Names.entryFile(key);
        Path file = directory.resolve(fileName);
        LockTable.Hold hold = files.lock(fileName);
        try {
            String stored = files.storedKey(file);
            refuseCollision(key, stored, file);
            if (object.expired(shared.clock().instant())) {
                files.delete(file);
            } else {
                write(fileName, key, object);
            }
        } finally {
            hold.close();
        }
    }

    @Override
    public byte[] get(String key, Duration renewFor) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        if (renewFor == null) {
            StorageObject live = live(key);
            return live == null ? null : live.data();
        }
        String fileName = Names.entryFile(key);
        Entry[] expired = new Entry[1];
        LockTable.Hold hold = files.lock(fileName);
        try {
            StorageObject current = liveLocked(key, fileName, expired);
            if (current == null || current.expiresAt() == null) {
                return current == null ? null : current.data();
            }
            Instant now = shared.clock().instant();
            StorageObject renewed = current.withExpiresAt(StorageObject.plus(now, renewFor));
            if (renewed.expired(now)) {
                files.delete(directory.resolve(fileName));
            } else {
                write(fileName, key, renewed);
            }
            return current.data();
        } finally {
            hold.close();
            tellExpired(expired[0]);
        }
    }

    @Override
    public void delete(String key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        String fileName = Names.entryFile(key);
        Path file = directory.resolve(fileName);
        LockTable.Hold hold = files.lock(fileName);
        try {
            String stored = files.storedKey(file);
            if (stored == null || stored.equals(key)) {
                files.delete(file);
            }
        } finally {
            hold.close();
        }
    }

    /**
     * Deletes every entry of this namespace and of its child namespaces, and the child namespaces'
     * directories (Litestar {@code delete_all}). Only files named as this store names them are
     * removed; foreign files in the directory are left alone.
     *
     * @throws IllegalStateException if the store is closed
     * @throws StoreException if a file cannot be removed; names the path
     */
    @Override
    public void deleteAll() {
        checkOpen();
        sweeper.deleteAll(directory, parent == null);
    }

    @Override
    public boolean exists(String key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        return live(key) != null;
    }

    @Override
    public Optional<Duration> expiresIn(String key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        StorageObject live = live(key);
        return live == null ? Optional.empty() : live.expiresIn(shared.clock().instant());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Holds the key's lock, across threads and processes, while {@code remapping} runs: it must
     * not call this store's other keys (two such calls could wait on each other). An exception it
     * throws propagates unchanged, and the entry is then unchanged.
     */
    @Override
    public StorageObject compute(String key, UnaryOperator<StorageObject> remapping) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(remapping, "remapping");
        checkOpen();
        String fileName = Names.entryFile(key);
        Path file = directory.resolve(fileName);
        Entry expired = null;
        LockTable.Hold hold = files.lock(fileName);
        try {
            Entry entry = files.read(file);
            refuseCollision(key, entry == null ? null : entry.key(), file);
            StorageObject current = entry == null || entry.object().expired(shared.clock().instant()) ? null : entry.object();
            StorageObject result = remapping.apply(current);
            if (result == current && (entry == null || current != null)) {
                return current;
            }
            // an expired entry is replaced or deleted here, and told of once that is done
            Entry replaced = entry != null && current == null ? entry : null;
            if (result == null || result.expired(shared.clock().instant())) {
                files.delete(file);
                expired = replaced;
                return null;
            }
            write(fileName, key, result);
            expired = replaced;
            return result;
        } finally {
            hold.close();
            tellExpired(expired);
        }
    }

    /**
     * Tells that other processes may share this store's directory. Its events stay in the JVM all the
     * same: it has no change feed ({@link #changeFeed()} is empty).
     *
     * @return {@code true}
     */
    @Override
    public boolean shared() {
        return true;
    }

    /**
     * Reports the expired entries of this namespace that a read, a write or {@link #deleteExpired()}
     * of this JVM finds and removes (on that thread, after the entry's lock is released). Another
     * process's removals are not reported here: file-store events are local to the JVM.
     *
     * @param listener the listener, not {@code null}
     * @return what stops it
     */
    @Override
    public Optional<Runnable> onExpired(ExpiryListener listener) {
        Objects.requireNonNull(listener, "listener");
        return Optional.of(shared.expiryListeners(directory).add(listener));
    }

    @Override
    public StorageObject read(String key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        return live(key);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Lists the entry files present when called; each is read when the iterator reaches it, and
     * skipped when it has gone, expired, or is corrupt by then.
     */
    @Override
    public Iterator<String> keys() {
        checkOpen();
        List<Path> entryFiles = new ArrayList<>();
        for (Path child : TreeSweeper.list(directory)) {
            if (Names.isEntryFile(child.getFileName().toString())) {
                entryFiles.add(child);
            }
        }
        return new KeyIterator(entryFiles);
    }

    @Override
    public long deleteExpired() {
        checkOpen();
        return sweeper.deleteExpired(directory);
    }

    /**
     * Closes this store; closing the root closes every namespace of it and releases its lock
     * files. Stored data is kept. Closing twice is a no-op.
     */
    @Override
    public void close() {
        closed.set(true);
        if (parent == null) {
            shared.close();
        }
    }

    @Override
    public String toString() {
        return "FileStore[" + shared.root() + ", namespace=" + namespace + "]";
    }

    private void checkOpen() {
        if (closed.get() || shared.closed()) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private StorageObject live(String key) {
        String fileName = Names.entryFile(key);
        Entry entry = files.read(directory.resolve(fileName));
        if (entry == null || !entry.key().equals(key)) {
            return null;
        }
        if (entry.object().expired(shared.clock().instant())) {
            Entry[] expired = new Entry[1];
            LockTable.Hold hold = files.lock(fileName);
            try {
                liveLocked(key, fileName, expired);
            } finally {
                hold.close();
                tellExpired(expired[0]);
            }
            return null;
        }
        return entry.object();
    }

    /** Tells this namespace's expiry listeners of an expired entry removed, if any; after the lock is released. */
    private void tellExpired(Entry expired) {
        if (expired != null) {
            shared.expired(directory, expired);
        }
    }

    /**
     * Returns the live entry of {@code key} under its lock, deleting it when expired (then recorded in
     * {@code expired[0]}, to be told once the lock is released).
     */
    private StorageObject liveLocked(String key, String fileName, Entry[] expired) {
        Path file = directory.resolve(fileName);
        Entry entry = files.read(file);
        if (entry == null) {
            return null;
        }
        if (!entry.key().equals(key)) {
            return null;
        }
        if (entry.object().expired(shared.clock().instant())) {
            if (files.delete(file)) {
                expired[0] = entry;
            }
            return null;
        }
        return entry.object();
    }

    private static void refuseCollision(String key, String stored, Path file) {
        if (stored != null && !stored.equals(key)) {
            throw new StoreException("the entry file " + file + " holds the key '" + abbreviate(stored)
                    + "', not '" + abbreviate(key) + "' (a hash collision, or a file copied by hand);"
                    + " refusing to overwrite it");
        }
    }

    private static String abbreviate(String key) {
        return key.length() <= 80 ? key : key.substring(0, 80) + "...(" + key.length() + " chars)";
    }

    /**
     * Writes an entry file, re-creating this namespace's directory when a concurrent
     * {@code deleteAll} (in this process or another) removed it under the write: the first attempts
     * follow each other at once, later ones after a random back-off of up to 2 ms (so that a writer
     * falls out of step with a clearing loop), for up to {@link #WRITE_RETRY_LIMIT}. A directory this write had to create is labelled with its
     * {@value Names#NAMESPACE_FILE} file only once the entry is in place: a directory holding nothing
     * but that file is what {@code deleteAll} removes, so labelling it first would widen the race.
     */
    private void write(String fileName, String key, StorageObject object) {
        byte[] bytes = EntryFormat.encode(key, object);
        boolean created = false;
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                files.writeAtomically(directory, fileName, bytes);
                break;
            } catch (NoSuchFileException e) {
                long waited = System.nanoTime() - start;
                if (waited >= WRITE_RETRY_LIMIT.toNanos()) {
                    throw new StoreException("cannot write the entry file " + directory.resolve(fileName)
                            + ": its directory was removed " + attempt + " times while writing, over "
                            + Duration.ofNanos(waited).toMillis() + " ms", e);
                }
                if (attempt >= EAGER_WRITE_ATTEMPTS) {
                    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, MAX_WRITE_BACK_OFF_NANOS));
                }
                createDirectory();
                created = true;
            }
        }
        if (created) {
            label();
        }
    }

    private void createDirectory() {
        try {
            files.permissions().createDirectories(directory);
        } catch (NoSuchFileException e) {
            // An ancestor was removed again by a concurrent deleteAll; the next attempt re-creates it.
        } catch (IOException e) {
            throw new StoreException("cannot create the namespace directory " + directory + ": " + e, e);
        }
    }

    /** Writes the {@value Names#NAMESPACE_FILE} files missing in this namespace and its ancestors. */
    private void label() {
        for (FileStore store = this; store.parent != null; store = store.parent) {
            Path label = store.directory.resolve(Names.NAMESPACE_FILE);
            if (Files.exists(label)) {
                continue;
            }
            String name = store.namespace.get(store.namespace.size() - 1);
            try {
                files.writeAtomically(store.directory, Names.NAMESPACE_FILE, name.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                // Removed again by a concurrent deleteAll, with the entry just written: nothing to label.
            }
        }
    }

    /** Yields the live keys among a snapshot of entry files, reading each when reached. */
    private final class KeyIterator implements Iterator<String> {

        private final List<Path> entryFiles;
        private int index;
        private String next;

        KeyIterator(List<Path> entryFiles) {
            this.entryFiles = entryFiles;
        }

        @Override
        public boolean hasNext() {
            while (next == null && index < entryFiles.size()) {
                Path file = entryFiles.get(index++);
                Entry entry = files.read(file);
                if (entry != null && !entry.object().expired(shared.clock().instant())
                        && Names.entryFile(entry.key()).equals(file.getFileName().toString())) {
                    next = entry.key();
                }
            }
            return next != null;
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            String key = next;
            next = null;
            return key;
        }
    }
}
