package dev.stowage.redis.store;

import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StoreException;
import dev.stowage.store.StoreFactory;
import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * Opens {@link RedisStore}s for {@code redis://}, {@code rediss://}, {@code valkey://} and
 * {@code valkeys://} URIs (see {@link RedisStoreUri} for the form); registered in
 * {@code META-INF/services/dev.stowage.store.StoreFactory}. Valkey speaks the Redis protocol, so one
 * backend serves both. This class loads without Redisson on the class path; opening a store without it
 * fails with a message that names the dependency. Thread-safe.
 */
public final class RedisStoreFactory implements StoreFactory {

    /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
    public RedisStoreFactory() {
    }

    @Override
    public Set<String> schemes() {
        return RedisStoreUri.SCHEMES;
    }

    /**
     * Opens a root store on the client shared by every Redis store and channels backend of this JVM with
     * the same connection settings ({@link dev.stowage.redis.RedisClients}).
     *
     * @param uri e.g. {@code redis://user:pass@host:6379/0/APP?timeout=3s}, not {@code null}
     * @return the root store
     * @throws NullPointerException if {@code uri} is {@code null}
     * @throws IllegalArgumentException if the URI is malformed; the message masks the password
     * @throws StoreException if Redisson is not on the class path, or the server cannot be reached
     *     within the timeout
     */
    @Override
    public NamespacedStore open(URI uri) {
        Objects.requireNonNull(uri, "uri");
        RedisStoreUri settings = RedisStoreUri.parse(uri.toString());
        try {
            Class.forName("org.redisson.api.RedissonClient", false, RedisStoreFactory.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new StoreException("the redis backend (" + settings
                    + ") needs org.redisson:redisson (3.50.0 or later) on the class path", e);
        }
        return RedisStore.open(settings);
    }
}
