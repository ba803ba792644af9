package dev.stowage.store;

/**
 * Thrown when a store backend fails: an unreachable server, a full disk, a file it may not write.
 * The message names the address or path involved, never a password. Unchecked, so that store calls
 * compose with functional code; the JCache layer wraps it in a {@code javax.cache.CacheException}.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names what failed.
     *
     * @param message what failed and where, not {@code null}
     */
    public StoreException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message that names what failed, and its cause.
     *
     * @param message what failed and where, not {@code null}
     * @param cause the underlying failure, may be {@code null}
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
