package dev.stowage.redis.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The arguments {@link RedisStore} passes to Redis commands and scripts: absolute expiries as
 * {@code PXAT} milliseconds and numbers and words as ASCII bytes. Stateless.
 */
final class RedisArgs {

    private static final long MAX_PXAT = Long.MAX_VALUE / 2;

    private RedisArgs() {
    }

    /**
     * Converts an absolute expiry to the Unix milliseconds of {@code PXAT}, rounded up so that an entry
     * never expires before its instant, and clamped to Redis's range.
     *
     * @param expiresAt the instant, not {@code null}
     * @return milliseconds in 1..{@code Long.MAX_VALUE / 2}
     */
    static long pxat(Instant expiresAt) {
        if (expiresAt.getEpochSecond() <= 0) {
            return 1;
        }
        if (expiresAt.getEpochSecond() >= MAX_PXAT / 1000) {
            return MAX_PXAT;
        }
        long millis = expiresAt.toEpochMilli();
        return expiresAt.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }

    /** Returns the decimal digits of {@code number} as ASCII bytes. */
    static byte[] text(long number) {
        return text(Long.toString(number));
    }

    /** Returns {@code ascii} as ASCII bytes. */
    static byte[] text(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
