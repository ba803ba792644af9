package dev.stowage.jcache.configuration;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations of configuration files: a number and a unit, several of them in a row
 * ({@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}, {@code 1h30m}; units {@code ns},
 * {@code us}, {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}), or ISO-8601 ({@code PT5M},
 * {@code P1DT2H}, case ignored). Converts to JSR-107's {@link javax.cache.expiry.Duration}. Stateless.
 */
final class Durations {

    /** What an error message suggests. */
    static final String EXAMPLES = "use e.g. 10m, 30s, 500ms, 1h30m, PT5M";

    private static final Pattern WHOLE = Pattern.compile("(\\s*\\d+\\s*(ns|us|ms|s|m|h|d))+\\s*");
    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @param text the duration as written, not {@code null}
     * @return the duration, never negative
     * @throws IllegalArgumentException if {@code text} is not a duration of either form, is
     *     negative, or overflows; the message does not repeat the text
     */
    static Duration parse(String text) {
        String trimmed = text.strip();
        if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                Duration iso = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
                if (iso.isNegative()) {
                    throw new IllegalArgumentException("is negative");
                }
                return iso;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("is not a duration (" + EXAMPLES + ")", e);
            }
        }
        if (!WHOLE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("is not a duration (" + EXAMPLES + ")");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(trimmed);
        try {
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "ns" -> Duration.ofNanos(amount);
                    case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("is too long a duration", e);
        }
        return total;
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
