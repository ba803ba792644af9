package dev.stowage.store.file;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link FileStore} is opened: the clock expiry is measured with, the permissions of new files,
 * and whether writes are forced to the device. Immutable and thread-safe; the {@code with} methods
 * return changed copies.
 */
public final class FileStoreOptions {

    private final Clock clock;
    private final Set<PosixFilePermission> filePermissions;
    private final boolean sync;

    private FileStoreOptions(Clock clock, Set<PosixFilePermission> filePermissions, boolean sync) {
        this.clock = clock;
        this.filePermissions = filePermissions;
        this.sync = sync;
    }

    /**
     * Returns the defaults: the UTC system clock, owner-only permissions ({@code rw-------} files,
     * {@code rwx------} directories), no forced sync.
     *
     * @return the default options
     */
    public static FileStoreOptions defaults() {
        return new FileStoreOptions(Clock.systemUTC(), FilePermissions.OWNER_ONLY, false);
    }

    /**
     * Returns a copy that measures time with {@code clock}. Processes sharing a directory should use
     * clocks that agree, since expiry instants are stored as absolute times.
     *
     * @param clock the clock, not {@code null}
     * @return the changed copy
     * @throws NullPointerException if {@code clock} is {@code null}
     */
    public FileStoreOptions withClock(Clock clock) {
        return new FileStoreOptions(Objects.requireNonNull(clock, "clock"), filePermissions, sync);
    }

    /**
     * Returns a copy whose new files get {@code permissions} (POSIX file systems only); directories
     * get the same bits plus execute wherever read is set. E.g.
     * {@code PosixFilePermissions.fromString("rw-rw----")} shares the store with the owning group.
     *
     * @param permissions the file permissions, not {@code null}; must include owner read and write
     * @return the changed copy
     * @throws NullPointerException if {@code permissions} is {@code null}
     * @throws IllegalArgumentException if the owner could not read and write; names the permissions
     */
    public FileStoreOptions withFilePermissions(Set<PosixFilePermission> permissions) {
        Objects.requireNonNull(permissions, "permissions");
        new FilePermissions(permissions);
        return new FileStoreOptions(clock, Set.copyOf(permissions), sync);
    }

    /**
     * Returns a copy that forces every entry file to the storage device before renaming it into
     * place ({@link java.nio.channels.FileChannel#force(boolean)}), so that entries also survive a
     * power failure, at the cost of one device flush per write. Without it, a write survives a crash
     * of the process (even {@code SIGKILL}) but a power failure may leave a torn entry file, which
     * its checksum exposes and the store then treats as a miss.
     *
     * @param sync whether to force writes
     * @return the changed copy
     */
    public FileStoreOptions withSync(boolean sync) {
        return new FileStoreOptions(clock, filePermissions, sync);
    }

    /**
     * Returns the clock expiry is measured with.
     *
     * @return the clock, never {@code null}
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Returns the permissions of new files.
     *
     * @return an unmodifiable set, never {@code null}
     */
    public Set<PosixFilePermission> filePermissions() {
        return filePermissions;
    }

    /**
     * Tells whether writes are forced to the device.
     *
     * @return {@code true} when every write is synced
     */
    public boolean sync() {
        return sync;
    }

    @Override
    public String toString() {
        return "FileStoreOptions[clock=" + clock + ", permissions=" + PosixFilePermissions.toString(filePermissions)
                + ", sync=" + sync + "]";
    }
}
