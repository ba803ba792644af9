package dev.stowage.store.file;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The names the file store gives to entry files and namespace directories: the lower-case hex
 * SHA-256 of the key or namespace name, so that no string (such as {@code ../../etc/passwd},
 * {@code NUL}, or 4 KB of Unicode) can name a path outside the store's directory, collide with a
 * reserved device name, or exceed a file system's name length. The hash is taken over the string's
 * UTF-16 code units, two bytes each, big-endian (not through a charset, which would replace unpaired
 * surrogates), so that distinct strings give distinct inputs.
 *
 * <p>Stateless and thread-safe.
 */
final class Names {

    /** Suffix of an entry file. */
    static final String ENTRY_SUFFIX = ".entry";
    /** Suffix of a namespace directory. */
    static final String NAMESPACE_SUFFIX = ".ns";
    /** Prefix of a temporary file being written. */
    static final String TEMP_PREFIX = ".tmp-";
    /** The metadata file in a namespace directory that holds the namespace's name. */
    static final String NAMESPACE_FILE = ".namespace";
    /** The directory, under the root, that holds the lock files. */
    static final String LOCK_DIRECTORY = ".locks";
    /** The directory, in a namespace directory, that corrupt entry files are moved to. */
    static final String CORRUPT_DIRECTORY = ".corrupt";
    /** The marker file at the root that records the layout version. */
    static final String MARKER_FILE = ".stowage-filestore";

    private static final int HASH_HEX_LENGTH = 64;

    private Names() {
    }

    /**
     * Returns the file name of {@code key}'s entry.
     *
     * @param key the key, not {@code null}
     * @return 64 hex digits and {@value #ENTRY_SUFFIX}
     */
    static String entryFile(String key) {
        return sha256Hex(key) + ENTRY_SUFFIX;
    }

    /**
     * Returns the directory name of the child namespace {@code namespace}.
     *
     * @param namespace the namespace's name, not {@code null}
     * @return 64 hex digits and {@value #NAMESPACE_SUFFIX}
     */
    static String namespaceDirectory(String namespace) {
        return sha256Hex(namespace) + NAMESPACE_SUFFIX;
    }

    /**
     * Tells whether {@code fileName} is named like an entry file.
     *
     * @param fileName a file name
     * @return {@code true} for 64 lower-case hex digits and {@value #ENTRY_SUFFIX}
     */
    static boolean isEntryFile(String fileName) {
        return isHashed(fileName, ENTRY_SUFFIX);
    }

    /**
     * Tells whether {@code fileName} is named like a namespace directory.
     *
     * @param fileName a file name
     * @return {@code true} for 64 lower-case hex digits and {@value #NAMESPACE_SUFFIX}
     */
    static boolean isNamespaceDirectory(String fileName) {
        return isHashed(fileName, NAMESPACE_SUFFIX);
    }

    /**
     * Tells whether {@code fileName} is named like a temporary file of an entry being written.
     *
     * @param fileName a file name
     * @return {@code true} when it starts with {@value #TEMP_PREFIX}
     */
    static boolean isTempFile(String fileName) {
        return fileName.startsWith(TEMP_PREFIX);
    }

    /**
     * Returns the lock stripe of an entry file: derived from its name, so that every process maps
     * a key to the same stripe without reading anything.
     *
     * @param entryFileName a name for which {@link #isEntryFile} holds
     * @param stripes the number of stripes, a power of two up to 256
     * @return the stripe, {@code 0 <= stripe < stripes}
     */
    static int stripe(String entryFileName, int stripes) {
        return Integer.parseInt(entryFileName, 0, 2, 16) & (stripes - 1);
    }

    private static boolean isHashed(String fileName, String suffix) {
        if (fileName.length() != HASH_HEX_LENGTH + suffix.length() || !fileName.endsWith(suffix)) {
            return false;
        }
        for (int i = 0; i < HASH_HEX_LENGTH; i++) {
            char c = fileName.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] units = new byte[text.length() * 2];
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                units[2 * i] = (byte) (c >>> 8);
                units[2 * i + 1] = (byte) c;
            }
            return HexFormat.of().formatHex(digest.digest(units));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
