package dev.stowage.store.file;

import dev.stowage.store.StoreException;
import dev.stowage.store.file.EntryFormat.CorruptEntryException;
import dev.stowage.store.file.EntryFormat.Entry;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads, writes and removes entry files for one store directory tree, following Litestar's
 * {@code FileStore} (one file per entry, written to a temporary file and renamed into place) with
 * the safety this project adds:
 * <ul>
 *   <li>a write goes to a temporary file in the entry's own directory and is then renamed over the
 *       entry with {@link StandardCopyOption#ATOMIC_MOVE}, so a reader in any process sees the old
 *       file or the new one, never a torn one; a failed write (disk full) removes its temporary file
 *       and leaves the old entry as it was;</li>
 *   <li>a file that does not decode (see {@link EntryFormat}) is a miss: it is moved aside to the
 *       namespace's {@value Names#CORRUPT_DIRECTORY} directory (or removed when that fails) under the
 *       key's lock, and reported once through {@link System.Logger} {@code dev.stowage.store.file};
 *       it never makes a read throw; its header and declared lengths are checked against its size
 *       before the rest is read, so a file of any size is never read whole unless it is an entry
 *       ({@link EntryFormat#readFile});</li>
 *   <li>an I/O error other than a missing file (permission denied, disk full, a directory in the
 *       way) is a {@link StoreException} naming the path.</li>
 * </ul>
 *
 * <p>Thread-safe; the caller holds the key's lock for read-modify-write sequences.
 */
final class EntryFiles {

    private static final System.Logger LOGGER = System.getLogger("dev.stowage.store.file");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FilePermissions permissions;
    private final LockTable locks;
    private final boolean sync;
    private final Set<Path> reported = ConcurrentHashMap.newKeySet();

    /**
     * Creates the helper.
     *
     * @param permissions the permissions of new files and directories
     * @param locks the lock table of the store's root
     * @param sync whether to force each file to the device before renaming it
     */
    EntryFiles(FilePermissions permissions, LockTable locks, boolean sync) {
        this.permissions = permissions;
        this.locks = locks;
        this.sync = sync;
    }

    /**
     * Returns the permissions new files and directories get.
     *
     * @return the permissions
     */
    FilePermissions permissions() {
        return permissions;
    }

    /**
     * Locks the key whose entry file is named {@code entryFileName}, across threads and processes.
     *
     * @param entryFileName the entry file's name
     * @return the hold, which the caller closes
     * @throws StoreException if the lock file cannot be locked
     */
    LockTable.Hold lock(String entryFileName) {
        return locks.lock(Names.stripe(entryFileName, LockTable.STRIPES));
    }

    /**
     * Reads and decodes an entry file; a corrupt one (also one of any size whose header does not
     * declare its size, which is never read whole) is moved aside and reported, and reads as absent.
     *
     * @param file the entry file
     * @return the entry, or {@code null} when the file is absent or corrupt
     * @throws StoreException if the file exists but cannot be read; names the path
     */
    Entry read(Path file) {
        try {
            return load(file);
        } catch (CorruptEntryException e) {
            quarantine(file, e.getMessage());
            return null;
        }
    }

    /**
     * Reads only the key stored in an entry file's header.
     *
     * @param file the entry file
     * @return the stored key, or {@code null} when the file is absent or its header is corrupt
     * @throws StoreException if the file exists but cannot be read; names the path
     */
    String storedKey(Path file) {
        try (FileChannel channel = FileChannel.open(file)) {
            return EntryFormat.readKey(channel);
        } catch (NoSuchFileException e) {
            return null;
        } catch (CorruptEntryException e) {
            return null;
        } catch (IOException e) {
            throw new StoreException("cannot read the entry file " + file + ": " + e, e);
        }
    }

    private static Entry load(Path file) throws CorruptEntryException {
        try (FileChannel channel = FileChannel.open(file)) {
            return EntryFormat.decode(EntryFormat.readFile(channel));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StoreException("cannot read the entry file " + file + ": " + e, e);
        }
    }

    /**
     * Writes {@code bytes} as the file {@code fileName} in {@code directory}, atomically.
     *
     * @param directory the directory, which must exist
     * @param fileName the file's name
     * @param bytes the content
     * @throws NoSuchFileException if {@code directory} or the temporary file vanished (a concurrent
     *     {@code deleteAll}, in this process or another, removed the directory, which may exist again
     *     by now); nothing was written, and the caller re-creates the directory and retries
     * @throws StoreException if writing fails otherwise; names the path. The old file is unchanged.
     */
    void writeAtomically(Path directory, String fileName, byte[] bytes) throws NoSuchFileException {
        Path target = directory.resolve(fileName);
        Path temp = directory.resolve(Names.TEMP_PREFIX + fileName + "-" + HexFormat.of().toHexDigits(RANDOM.nextLong()));
        boolean moved = false;
        try {
            try (FileChannel channel = permissions.createNew(temp)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (sync) {
                    channel.force(true);
                }
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new StoreException("cannot write the entry file " + target + " (nothing stored was changed): " + e, e);
        } finally {
            if (!moved) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * Deletes a file if it exists.
     *
     * @param file the file
     * @return {@code true} if it was deleted by this call
     * @throws StoreException if it exists and cannot be deleted; names the path
     */
    boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StoreException("cannot delete " + file + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A stale temporary file is removed later by deleteExpired.
        }
    }

    /**
     * Moves a corrupt entry file aside (or removes it), under its key's lock, if it is still corrupt
     * then; reports it once. Never throws.
     *
     * @param file the entry file
     * @param reason why it does not decode
     */
    void quarantine(Path file, String reason) {
        String fileName = file.getFileName().toString();
        try {
            LockTable.Hold hold = lock(fileName);
            try {
                if (!stillCorrupt(file)) {
                    return;
                }
                Path corruptDirectory = file.resolveSibling(Names.CORRUPT_DIRECTORY);
                Path aside = corruptDirectory.resolve(fileName + "." + System.currentTimeMillis() + "-"
                        + HexFormat.of().toHexDigits(RANDOM.nextInt()));
                try {
                    permissions.createDirectories(corruptDirectory);
                    Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
                    LOGGER.log(Level.WARNING, "corrupt entry file {0} ({1}) was moved to {2}; it is treated as a miss",
                            file, reason, aside);
                } catch (IOException moveFailed) {
                    Files.delete(file);
                    LOGGER.log(Level.WARNING, "corrupt entry file {0} ({1}) was removed, since it could not be moved"
                            + " aside ({2}); it is treated as a miss", file, reason, moveFailed);
                }
            } finally {
                hold.close();
            }
        } catch (IOException | RuntimeException e) {
            if (reported.add(file)) {
                LOGGER.log(Level.WARNING, "corrupt entry file {0} ({1}) could be neither moved aside nor removed ({2});"
                        + " it is treated as a miss", file, reason, e);
            }
        }
    }

    private static boolean stillCorrupt(Path file) {
        try {
            load(file);
            return false;
        } catch (CorruptEntryException e) {
            return true;
        }
    }
}
