package dev.stowage.codec;

import javax.cache.CacheException;

/**
 * Thrown when a {@link Codec} cannot encode a value or decode bytes. Unchecked; a
 * {@link CacheException}, so it reaches JCache callers as the exception type they already handle.
 * The message names the class involved and the reason (and, for a class the {@code java} codec
 * refuses, how to admit it).
 */
public class CodecException extends CacheException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names the class and the reason.
     *
     * @param message what could not be encoded or decoded and why, not {@code null}
     */
    public CodecException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message that names the class and the reason, and its cause.
     *
     * @param message what could not be encoded or decoded and why, not {@code null}
     * @param cause the underlying failure, may be {@code null}
     */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
