package dev.stowage.redis;

/**
 * No Redis server answered where a URI said, within its timeout. The message reads
 * {@code cannot connect to Redis at <nodes> (URI '<URI, password masked>') within <timeout>: <cause>},
 * the same for stores and channels. Immutable.
 */
public final class RedisConnectException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the whole message, without any password
     * @param cause Redisson's failure
     */
    RedisConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
