package dev.stowage.redis;

/**
 * A call of a Redis channels backend failed: the message names the backend (its URI, password
 * masked) and the cause as {@link RedisFailures#describe} says it, e.g. {@code the Redis server at
 * 127.0.0.1:6379 is unreachable (...)} or {@code ... did not answer within 3s}. The Redis store throws
 * a {@link dev.stowage.store.StoreException} with the same text instead. Immutable.
 */
public final class RedisCallException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the whole message, without any password
     * @param cause Redisson's failure
     */
    public RedisCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
