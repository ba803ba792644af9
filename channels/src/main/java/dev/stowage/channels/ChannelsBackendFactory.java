package dev.stowage.channels;

import java.util.Set;

/**
 * Creates backends for the URI schemes it serves; found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.stowage.channels.ChannelsBackendFactory}) so a third party can add
 * a backend. See {@link ChannelsBackends} for the schemes this module ships.
 *
 * <p>Implementations have a public no-argument constructor, are thread-safe, and must load even
 * when their backend's optional dependencies are missing: such a factory throws from
 * {@link #create(ChannelsUri)} instead, naming the dependency to add.
 */
public interface ChannelsBackendFactory {

    /**
     * The URI schemes served, lower case.
     *
     * @return e.g. {@code Set.of("memory")}; never null nor empty
     */
    Set<String> schemes();

    /**
     * Creates an unstarted backend for the URI.
     *
     * @param uri a parsed URI whose scheme is one of {@link #schemes()}; never null
     * @return a new, unstarted backend; never null
     * @throws IllegalArgumentException when the URI holds a bad or unknown parameter (named)
     * @throws IllegalStateException when a dependency the backend needs is missing (named)
     */
    ChannelsBackend create(ChannelsUri uri);
}
