package dev.stowage.store.file;

import dev.stowage.common.UriErrors;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StoreFactory;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Opens {@link FileStore}s for the URI scheme {@code filestore}; registered in
 * {@code META-INF/services/dev.stowage.store.StoreFactory}.
 *
 * <p>URI form: {@code filestore:/absolute/dir}, {@code filestore:///absolute/dir} or
 * {@code filestore:relative/dir} (against the working directory), with optional query parameters:
 * <ul>
 *   <li>{@code permissions=rw-rw----}: the POSIX permissions of new files (default
 *       {@code rw-------}; directories get execute wherever read is set);</li>
 *   <li>{@code sync=true|false}: force every write to the device (default {@code false}); see
 *       {@link FileStoreOptions#withSync(boolean)}.</li>
 * </ul>
 * A host ({@code filestore://host/dir}) is refused: the store is always local.
 *
 * <p>Stateless and thread-safe.
 */
public final class FileStoreFactory implements StoreFactory {

    /** What this backend's URI is called at the start of its error messages ({@link UriErrors}). */
    static final String KIND = "File store";

    /** The URI scheme this factory serves. */
    public static final String SCHEME = "filestore";

    /**
     * Creates the factory; called by {@link java.util.ServiceLoader}.
     */
    public FileStoreFactory() {
    }

    /**
     * Returns {@code {"filestore"}}.
     *
     * @return the scheme set
     */
    @Override
    public Set<String> schemes() {
        return Set.of(SCHEME);
    }

    /**
     * Opens the root file store that {@code uri} names, with the system UTC clock.
     *
     * @param uri a {@code filestore:} URI as described in the class comment, not {@code null}
     * @return the root store, which the caller closes
     * @throws NullPointerException if {@code uri} is {@code null}
     * @throws IllegalArgumentException if the URI has another scheme, a host, no path, an unknown
     *     or malformed parameter; the message names the URI and the problem
     * @throws dev.stowage.store.StoreException if the directory cannot be created or opened
     */
    @Override
    public NamespacedStore open(URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals(SCHEME)) {
            throw new IllegalArgumentException("'" + uri + "' is not a " + SCHEME + ": URI");
        }
        String path;
        String query;
        if (uri.isOpaque()) {
            String part = uri.getRawSchemeSpecificPart();
            int mark = part.indexOf('?');
            path = decode(mark < 0 ? part : part.substring(0, mark));
            query = mark < 0 ? null : part.substring(mark + 1);
        } else {
            if (uri.getRawAuthority() != null) {
                throw UriErrors.invalid(KIND, uri.toString(), "it names the host '" + uri.getRawAuthority()
                        + "'; a file store is local: use filestore:/path/to/dir");
            }
            path = uri.getPath();
            query = uri.getRawQuery();
        }
        if (path == null || path.isEmpty()) {
            throw UriErrors.invalid(KIND, uri.toString(), "it names no directory; use filestore:/path/to/dir");
        }
        FileStoreOptions options = options(uri, query);
        try {
            return FileStore.open(Path.of(path), options);
        } catch (InvalidPathException e) {
            IllegalArgumentException invalid = UriErrors.invalid(KIND, uri.toString(), "it names an invalid path: "
                    + e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }

    private static FileStoreOptions options(URI uri, String query) {
        FileStoreOptions options = FileStoreOptions.defaults();
        if (query == null || query.isEmpty()) {
            return options;
        }
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            String name = decode(equals < 0 ? parameter : parameter.substring(0, equals));
            String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
            switch (name) {
                case "permissions":
                    try {
                        options = options.withFilePermissions(PosixFilePermissions.fromString(value));
                    } catch (IllegalArgumentException e) {
                        IllegalArgumentException invalid = UriErrors.invalid(KIND, uri.toString(), "permissions '"
                                + value + "' is not nine characters such as rw-rw---- with owner read and write: "
                                + e.getMessage());
                        invalid.initCause(e);
                        throw invalid;
                    }
                    break;
                case "sync":
                    if (!value.equals("true") && !value.equals("false")) {
                        throw UriErrors.invalid(KIND, uri.toString(), "sync '" + value + "' is not true or false");
                    }
                    options = options.withSync(Boolean.parseBoolean(value));
                    break;
                default:
                    throw UriErrors.unknownParameter(KIND, uri.toString(), name, List.of("permissions", "sync"));
            }
        }
        return options;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
