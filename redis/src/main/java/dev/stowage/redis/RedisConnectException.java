package dev.stowage.redis;

/**
 * A Redis client could not connect where a URI said. The message reads
 * {@code cannot connect to Redis at <nodes> (URI '<URI, password masked>'): <cause>}, the same for
 * stores and channels, the cause first as {@link RedisFailures#describe} says it: refused credentials
 * ({@code WRONGPASS}, {@code NOAUTH}), an untrusted or mismatching TLS certificate, a missing client
 * certificate, an unreachable server, no answer within the timeout. Immutable.
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
