package dev.stowage.store.memory;

import dev.stowage.common.UriErrors;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StoreFactory;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Opens {@link MemoryStore}s for {@code memory:} URIs. The only parameter is
 * {@code memory:?maximumSize=N} (entries per namespace, W-TinyLFU eviction beyond it); without it a
 * namespace is unbounded. Thread-safe.
 */
public final class MemoryStoreFactory implements StoreFactory {

    /** What this backend's URI is called at the start of its error messages ({@link UriErrors}). */
    static final String KIND = "Memory store";

    /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
    public MemoryStoreFactory() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("memory");
    }

    /**
     * Tells that memory stores bound namespaces ({@link MemoryStore#withNamespace(String, long)}).
     *
     * @return {@code true}
     */
    @Override
    public boolean boundsNamespaces() {
        return true;
    }

    /**
     * Opens a new, empty memory store.
     *
     * @param uri {@code memory:} or {@code memory:?maximumSize=N}, not {@code null}
     * @return a new root store on the system clock
     * @throws IllegalArgumentException if the URI has another parameter, or a maximum size that is
     *     not a non-negative integer; the message names the URI
     */
    @Override
    public NamespacedStore open(URI uri) {
        String part = uri.getRawSchemeSpecificPart() == null ? "" : uri.getRawSchemeSpecificPart();
        int question = part.indexOf('?');
        long maximumSize = -1;
        if (question >= 0) {
            for (String parameter : part.substring(question + 1).split("&")) {
                if (parameter.isEmpty()) {
                    continue;
                }
                String[] pair = parameter.split("=", 2);
                if (!pair[0].equals("maximumSize")) {
                    throw UriErrors.unknownParameter(KIND, uri.toString(), pair[0], List.of("maximumSize"));
                }
                if (pair.length != 2) {
                    throw UriErrors.invalid(KIND, uri.toString(), "parameter 'maximumSize' has no value (write maximumSize=N)");
                }
                try {
                    maximumSize = Long.parseLong(pair[1]);
                } catch (NumberFormatException e) {
                    maximumSize = -1;
                }
                if (maximumSize < 0) {
                    throw UriErrors.invalid(KIND, uri.toString(), "maximumSize '" + pair[1]
                            + "' is not a non-negative integer");
                }
            }
        }
        return new MemoryStore(Clock.systemUTC(), maximumSize);
    }
}
