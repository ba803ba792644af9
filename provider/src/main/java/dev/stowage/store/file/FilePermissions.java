package dev.stowage.store.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Creates the file store's files and directories with the configured POSIX permissions: by default
 * owner-only ({@code rw-------} for files, {@code rwx------} for directories; a directory gets the
 * execute bit wherever its file permissions have the read bit). The permissions are given at
 * creation (so a file is never visible with wider ones) and set again explicitly, because the
 * process umask may have narrowed them. On a file system without POSIX permissions (Windows) files
 * are created with the platform's defaults.
 *
 * <p>Immutable and thread-safe.
 */
final class FilePermissions {

    /** The default: read and write for the owner only. */
    static final Set<PosixFilePermission> OWNER_ONLY =
            Set.copyOf(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

    private final Set<PosixFilePermission> files;
    private final Set<PosixFilePermission> directories;

    /**
     * Creates the policy for files with {@code files} permissions.
     *
     * @param files the permissions of new files, not {@code null}; must include {@code OWNER_READ}
     *     and {@code OWNER_WRITE}
     * @throws IllegalArgumentException if the owner could not read and write its own files
     */
    FilePermissions(Set<PosixFilePermission> files) {
        Objects.requireNonNull(files, "files");
        if (!files.contains(PosixFilePermission.OWNER_READ) || !files.contains(PosixFilePermission.OWNER_WRITE)) {
            throw new IllegalArgumentException("file store permissions " + PosixFilePermissions.toString(files)
                    + " must let the owner read and write (rw-......)");
        }
        this.files = Set.copyOf(files);
        EnumSet<PosixFilePermission> dirs = EnumSet.copyOf(files);
        dirs.remove(PosixFilePermission.OWNER_EXECUTE);
        dirs.remove(PosixFilePermission.GROUP_EXECUTE);
        dirs.remove(PosixFilePermission.OTHERS_EXECUTE);
        dirs.add(PosixFilePermission.OWNER_EXECUTE);
        if (files.contains(PosixFilePermission.GROUP_READ)) {
            dirs.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if (files.contains(PosixFilePermission.OTHERS_READ)) {
            dirs.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        this.directories = Set.copyOf(dirs);
    }

    /**
     * Returns the permissions of new files.
     *
     * @return an unmodifiable set
     */
    Set<PosixFilePermission> files() {
        return files;
    }

    /**
     * Returns the permissions of new directories.
     *
     * @return an unmodifiable set
     */
    Set<PosixFilePermission> directories() {
        return directories;
    }

    /**
     * Creates {@code directory} and its missing parents with the directory permissions; a no-op for
     * directories that exist, and for one that another thread or process created and removed again while
     * this call ran (the caller's next use of it reports it missing, as after any concurrent removal).
     *
     * @param directory the directory
     * @throws IOException if a directory cannot be created, or a non-directory is in the way
     */
    void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createDirectories(parent);
        }
        try {
            if (posix(parent)) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(directories));
                Files.setPosixFilePermissions(directory, directories);
            } else {
                Files.createDirectory(directory);
            }
        } catch (FileAlreadyExistsException e) {
            // Another thread or process made it first; it may also have been removed again since (a
            // concurrent deleteAll), which the caller's next step on it finds as a missing directory.
            if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(directory)) {
                throw e;
            }
        }
    }

    /**
     * Creates the new file {@code file} with the file permissions and opens it for writing.
     *
     * @param file the file, which must not exist
     * @return the open channel
     * @throws IOException if the file exists or cannot be created
     */
    FileChannel createNew(Path file) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (!posix(file.getParent())) {
            return FileChannel.open(file, options);
        }
        FileChannel channel = FileChannel.open(file, options, attribute(files));
        try {
            Files.setPosixFilePermissions(file, files);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /**
     * Opens {@code file} for writing so that it can carry an exclusive lock, creating it with the
     * file permissions when it does not exist.
     *
     * @param file the lock file
     * @return the open channel
     * @throws IOException if the file cannot be opened or created
     */
    FileChannel openForLocking(Path file) throws IOException {
        try {
            return createNew(file);
        } catch (FileAlreadyExistsException e) {
            return FileChannel.open(file, StandardOpenOption.WRITE);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    private static boolean posix(Path directory) {
        Path probe = directory == null ? Path.of("").toAbsolutePath() : directory;
        return probe.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Override
    public String toString() {
        return PosixFilePermissions.toString(files);
    }
}
