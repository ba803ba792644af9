package dev.stowage.channels.memory;

import dev.stowage.channels.ChannelsBackend;
import dev.stowage.channels.ChannelsBackendFactory;
import dev.stowage.channels.ChannelsUri;
import java.util.Set;

/**
 * Serves {@code memory:} URIs: {@code memory:} or {@code memory:?history=N&buffer=M} where
 * {@code history} is the messages kept per channel (default 0: none) and {@code buffer} each
 * events subscriber's buffer in events (default 256). Thread-safe.
 */
public final class MemoryChannelsBackendFactory implements ChannelsBackendFactory {

    /** Creates the factory; called by {@link java.util.ServiceLoader}. */
    public MemoryChannelsBackendFactory() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("memory");
    }

    @Override
    public ChannelsBackend create(ChannelsUri uri) {
        uri.requireOnly(Set.of("history", "buffer"));
        if (!uri.hosts().isEmpty() || !uri.path().isEmpty()) {
            throw new IllegalArgumentException("memory: takes no host nor path: " + uri);
        }
        int history = uri.intParameter("history", 0, 0);
        int buffer = uri.intParameter("buffer", 256, 1);
        return new MemoryChannelsBackend(history, buffer);
    }
}
