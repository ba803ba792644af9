package dev.stowage.store.file;

import dev.stowage.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The marker file {@value Names#MARKER_FILE} at a file store's root: one line,
 * {@code stowage-filestore <layout version>}. Written when a store is first opened over a directory;
 * checked on every later open, so that a future, incompatible layout is refused with a clear error
 * instead of being misread. Stateless and thread-safe.
 */
final class LayoutMarker {

    /** The on-disk layout this build reads and writes. */
    static final int LAYOUT_VERSION = 1;

    private static final String PREFIX = "stowage-filestore ";

    private LayoutMarker() {
    }

    /**
     * Writes the marker into {@code root} if it is missing, else checks it.
     *
     * @param root the store's root directory, which exists
     * @param files the entry file helper, for an atomic write
     * @throws StoreException if the marker names another layout version or is not a marker, or it
     *     cannot be read or written; names the path
     */
    static void ensure(Path root, EntryFiles files) {
        Path marker = root.resolve(Names.MARKER_FILE);
        try {
            String content = Files.readString(marker, StandardCharsets.UTF_8).strip();
            if (!content.equals(PREFIX + LAYOUT_VERSION)) {
                throw new StoreException("the file store directory " + root + " has the layout marker '" + content
                        + "' in " + marker + "; this build reads '" + PREFIX + LAYOUT_VERSION + "'");
            }
        } catch (NoSuchFileException e) {
            try {
                files.writeAtomically(root, Names.MARKER_FILE,
                        (PREFIX + LAYOUT_VERSION + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchFileException missing) {
                throw new StoreException("the file store directory " + root + " disappeared while opening it", missing);
            }
        } catch (IOException e) {
            throw new StoreException("cannot read the file store marker " + marker + ": " + e, e);
        }
    }
}
