package dev.stowage.store.file;

import dev.stowage.store.StoreException;
import dev.stowage.store.file.EntryFormat.Entry;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The bulk operations of the file store over one namespace directory and the namespace directories
 * nested in it (Litestar {@code delete_all} and {@code delete_expired}). Only files and directories
 * named as the store names them are touched; anything else in the tree is left alone. Each entry is
 * removed under its key's lock after a fresh read, so a value that a concurrent writer has just
 * stored is never removed by mistake.
 *
 * <p>Also removes the temporary files of writes that a crash interrupted, once they are older than
 * {@link #STALE_TEMP_AGE} by the file system's clock.
 *
 * <p>Stateless apart from its collaborators; thread-safe.
 */
final class TreeSweeper {

    /** Temporary files older than this are leftovers of interrupted writes. */
    static final Duration STALE_TEMP_AGE = Duration.ofMinutes(10);

    /** The largest namespace label written back after a lost race; a larger one is not kept. */
    private static final long MAX_LABEL_BYTES = 1024 * 1024;

    private final EntryFiles files;
    private final Clock clock;
    private final BiConsumer<Path, Entry> expired;

    /**
     * Creates a sweeper.
     *
     * @param files the entry file helper
     * @param clock the clock expiry is measured with
     * @param expired told of each expired entry removed, with its namespace directory, after its lock
     *     was released
     */
    TreeSweeper(EntryFiles files, Clock clock, BiConsumer<Path, Entry> expired) {
        this.files = files;
        this.clock = clock;
        this.expired = expired;
    }

    /**
     * Removes every entry of {@code directory} and of the namespaces nested in it, the namespaces'
     * quarantined files, and then, unless {@code keepDirectory}, the directory itself when nothing
     * foreign is left in it.
     *
     * @param directory a namespace directory; a missing one is a no-op
     * @param keepDirectory whether to keep {@code directory} itself (the root's)
     * @throws StoreException if a file cannot be removed; names the path
     */
    void deleteAll(Path directory, boolean keepDirectory) {
        for (Path child : list(directory)) {
            String name = child.getFileName().toString();
            if (Names.isEntryFile(name)) {
                LockTable.Hold hold = files.lock(name);
                try {
                    files.delete(child);
                } finally {
                    hold.close();
                }
            } else if (Names.isNamespaceDirectory(name)) {
                deleteAll(child, false);
            } else if (name.equals(Names.CORRUPT_DIRECTORY)) {
                for (Path quarantined : list(child)) {
                    files.delete(quarantined);
                }
                deleteDirectoryIfEmpty(child);
            } else if (Names.isTempFile(name)) {
                deleteIfStale(child);
            }
        }
        if (!keepDirectory) {
            removeNamespaceDirectory(directory);
        }
    }

    /**
     * Removes a namespace directory that holds nothing but its {@value Names#NAMESPACE_FILE} label.
     * When a concurrent writer puts a file in it between the label's removal and the directory's,
     * the directory stays and the label is written back, so a namespace directory in use keeps its
     * label.
     */
    private void removeNamespaceDirectory(Path directory) {
        List<Path> left = list(directory);
        byte[] label = null;
        if (left.size() == 1 && left.get(0).getFileName().toString().equals(Names.NAMESPACE_FILE)) {
            label = readLabel(left.get(0));
            files.delete(left.get(0));
        }
        if (!deleteDirectoryIfEmpty(directory) && label != null) {
            try {
                files.writeAtomically(directory, Names.NAMESPACE_FILE, label);
            } catch (NoSuchFileException e) {
                // Removed meanwhile by another deleteAll: nothing left to label.
            }
        }
    }

    /** Reads a namespace label to write it back; {@code null} when absent or too large to keep. */
    private static byte[] readLabel(Path file) {
        try {
            return Files.size(file) > MAX_LABEL_BYTES ? null : Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StoreException("cannot read the namespace label " + file + ": " + e, e);
        }
    }

    /**
     * Removes the expired entries of {@code directory} and of the namespaces nested in it, and stale
     * temporary files; corrupt entries met on the way are moved aside.
     *
     * @param directory a namespace directory; a missing one is a no-op
     * @return how many expired entries were removed
     * @throws StoreException if a file cannot be read or removed; names the path
     */
    long deleteExpired(Path directory) {
        long removed = 0;
        for (Path child : list(directory)) {
            String name = child.getFileName().toString();
            if (Names.isEntryFile(name)) {
                removed += deleteIfExpired(child, name);
            } else if (Names.isNamespaceDirectory(name)) {
                removed += deleteExpired(child);
            } else if (Names.isTempFile(name)) {
                deleteIfStale(child);
            }
        }
        return removed;
    }

    private int deleteIfExpired(Path file, String name) {
        Entry entry = files.read(file);
        if (entry == null || !entry.object().expired(clock.instant())) {
            return 0;
        }
        Entry removed = null;
        LockTable.Hold hold = files.lock(name);
        try {
            Entry again = files.read(file);
            if (again != null && again.object().expired(clock.instant()) && files.delete(file)) {
                removed = again;
                return 1;
            }
            return 0;
        } finally {
            hold.close();
            if (removed != null) {
                expired.accept(file.getParent(), removed);
            }
        }
    }

    private void deleteIfStale(Path temp) {
        try {
            FileTime modified = Files.getLastModifiedTime(temp);
            if (modified.toInstant().isBefore(Instant.now().minus(STALE_TEMP_AGE))) {
                Files.deleteIfExists(temp);
            }
        } catch (NoSuchFileException e) {
            // Renamed into place or removed meanwhile.
        } catch (IOException e) {
            throw new StoreException("cannot remove the stale temporary file " + temp + ": " + e, e);
        }
    }

    /** Removes {@code directory} if it is empty; tells whether it is gone (removed, or absent). */
    private static boolean deleteDirectoryIfEmpty(Path directory) {
        try {
            Files.deleteIfExists(directory);
            return true;
        } catch (DirectoryNotEmptyException e) {
            // A concurrent writer has put an entry there, or a foreign file is present: keep it.
            return false;
        } catch (IOException e) {
            throw new StoreException("cannot remove the directory " + directory + ": " + e, e);
        }
    }

    /**
     * Lists a directory's children, as a snapshot.
     *
     * @param directory the directory
     * @return its children; empty when it does not exist
     * @throws StoreException if it exists and cannot be listed; names the path
     */
    static List<Path> list(Path directory) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(children::add);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StoreException("cannot list the directory " + directory + ": " + e, e);
        } catch (DirectoryIteratorException e) {
            throw new StoreException("cannot list the directory " + directory + ": " + e.getCause(), e.getCause());
        }
        return children;
    }
}
