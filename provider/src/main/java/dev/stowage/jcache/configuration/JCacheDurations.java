package dev.stowage.jcache.configuration;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Converts the durations of configuration files (read by {@link dev.stowage.common.Durations}, the
 * one duration syntax) to JSR-107's {@link javax.cache.expiry.Duration}. Stateless.
 */
final class JCacheDurations {

    private JCacheDurations() {
    }

    /**
     * Converts to a JSR-107 duration in seconds when that is exact, else in milliseconds (rounded up:
     * JSR-107 durations have no finer unit).
     *
     * @param duration a non-negative duration, not {@code null}
     * @return the JSR-107 duration; {@link javax.cache.expiry.Duration#ZERO} for zero
     */
    static javax.cache.expiry.Duration toJCache(Duration duration) {
        if (duration.isZero()) {
            return javax.cache.expiry.Duration.ZERO;
        }
        if (duration.getNano() == 0) {
            return new javax.cache.expiry.Duration(TimeUnit.SECONDS, duration.getSeconds());
        }
        try {
            long millis = duration.toMillis();
            return new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS,
                    duration.getNano() % 1_000_000 == 0 ? millis : millis + 1);
        } catch (ArithmeticException e) {
            return new javax.cache.expiry.Duration(TimeUnit.SECONDS, duration.getSeconds());
        }
    }
}
