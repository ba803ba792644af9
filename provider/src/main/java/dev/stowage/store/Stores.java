package dev.stowage.store;

import dev.stowage.common.UriMask;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Opens a store from its URI, choosing the {@link StoreFactory} by scheme through
 * {@link ServiceLoader}. Stateless and thread-safe.
 */
public final class Stores {

    /** The Maven coordinates of the module that serves the Redis and Valkey schemes, named in errors. */
    public static final String REDIS_ARTIFACT = "dev.stowage:stowage-redis";

    private Stores() {
    }

    /**
     * Opens the root store that {@code uri} describes, e.g. {@code memory:} or
     * {@code filestore:/var/cache/app}.
     *
     * @param uri the store URI, not {@code null}
     * @param classLoader the class loader to find factories with, or {@code null} for this class's
     * @return a new root store, which the caller closes
     * @throws NullPointerException if {@code uri} is {@code null}
     * @throws IllegalArgumentException if {@code uri} has no scheme or no factory serves it; the
     *     message names the URI and the schemes that are available
     * @throws StoreException if the backend cannot be reached
     */
    public static NamespacedStore open(URI uri, ClassLoader classLoader) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw new IllegalArgumentException("store URI '" + UriMask.mask(uri.toString()) + "' has no scheme; use one of "
                    + schemes(classLoader));
        }
        String wanted = scheme.toLowerCase(Locale.ROOT);
        Optional<StoreFactory> factory = factory(uri, classLoader);
        if (factory.isPresent()) {
            return factory.get().open(uri);
        }
        throw new IllegalArgumentException("no store backend serves the scheme '" + scheme + "' of URI '" + UriMask.mask(uri.toString())
                + "'; available: " + schemes(classLoader)
                + (wanted.startsWith("redis") || wanted.startsWith("valkey")
                        ? " (the Redis and Valkey backend is in the artifact " + REDIS_ARTIFACT + ": add it)" : ""));
    }

    /**
     * Finds the factory that serves the scheme of {@code uri}, without opening anything, so that a
     * caller can ask it what its stores can do (e.g. {@link StoreFactory#boundsNamespaces()}).
     *
     * @param uri the store URI, not {@code null}
     * @param classLoader the class loader to find factories with, or {@code null} for this class's
     * @return the factory, or empty when the URI has no scheme or no factory serves it
     * @throws NullPointerException if {@code uri} is {@code null}
     */
    public static Optional<StoreFactory> factory(URI uri, ClassLoader classLoader) {
        Objects.requireNonNull(uri, "uri");
        if (uri.getScheme() == null) {
            return Optional.empty();
        }
        String wanted = uri.getScheme().toLowerCase(Locale.ROOT);
        for (StoreFactory factory : loader(classLoader)) {
            if (factory.schemes().contains(wanted)) {
                return Optional.of(factory);
            }
        }
        return Optional.empty();
    }

    /**
     * Lists the URI schemes of every {@link StoreFactory} that {@code classLoader} finds.
     *
     * @param classLoader the class loader to search, or {@code null} for this class's
     * @return the schemes, sorted
     */
    public static TreeSet<String> schemes(ClassLoader classLoader) {
        TreeSet<String> schemes = new TreeSet<>();
        loader(classLoader).forEach(factory -> schemes.addAll(factory.schemes()));
        return schemes;
    }

    private static ServiceLoader<StoreFactory> loader(ClassLoader classLoader) {
        return ServiceLoader.load(StoreFactory.class, classLoader == null ? Stores.class.getClassLoader() : classLoader);
    }
}
