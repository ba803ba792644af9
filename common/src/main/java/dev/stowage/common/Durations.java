package dev.stowage.common;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of Stowage, for configuration files and URIs alike: a whole number and a
 * unit, several of them in a row ({@code 500ms}, {@code 3s}, {@code 1m}, {@code 2h}, {@code 1d},
 * {@code 1h30m}; units {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m}, {@code h},
 * {@code d}, lower case, blanks allowed between the parts), or ISO-8601 ({@code PT5M},
 * {@code P1DT2H}, case ignored). A bare number without unit is an error everywhere: nothing guesses
 * whether {@code 250} means milliseconds or seconds. Stateless and thread-safe.
 */
public final class Durations {

    /** What an error message suggests. */
    public static final String EXAMPLES = "use e.g. 500ms, 3s, 1m, 2h, 1d, PT5M";

    private static final Pattern WHOLE = Pattern.compile("(\\s*\\d+\\s*(ns|us|ms|s|m|h|d))+\\s*");
    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m|h|d)");
    private static final Pattern BARE_NUMBER = Pattern.compile("\\s*[+-]?\\d+(\\.\\d*)?\\s*");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @param name what the duration is, named in the error, e.g. {@code "timeout"}; not {@code null}
     * @param text the duration as written, not {@code null}
     * @return the duration, zero or positive
     * @throws NullPointerException if an argument is {@code null}
     * @throws InvalidDurationException if {@code text} is not a duration of either form, is a bare
     *     number, is negative, or overflows; the message names {@code name} and {@code text}, e.g.
     *     {@code timeout '5x' is not a duration (use e.g. 500ms, 3s, 1m, 2h, 1d, PT5M)}
     */
    public static Duration parse(String name, String text) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
            Duration iso;
            try {
                iso = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new InvalidDurationException(name, text, "is not a duration (" + EXAMPLES + ")", e);
            }
            if (iso.isNegative()) {
                throw new InvalidDurationException(name, text, "is negative", null);
            }
            return iso;
        }
        if (BARE_NUMBER.matcher(trimmed).matches()) {
            throw new InvalidDurationException(name, text,
                    "is not a duration: a number needs a unit (" + EXAMPLES + ")", null);
        }
        if (!WHOLE.matcher(trimmed).matches()) {
            throw new InvalidDurationException(name, text, "is not a duration (" + EXAMPLES + ")", null);
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
            throw new InvalidDurationException(name, text, "is too long a duration", e);
        }
        return total;
    }

    /**
     * Writes a duration in the syntax {@link #parse} reads, largest units first, so that messages
     * show durations as users write them: {@code 3s}, {@code 500ms}, {@code 1h30m}, {@code 0s}.
     *
     * @param duration a zero or positive duration, not {@code null}
     * @return the text, e.g. {@code "1m30s"}; {@code parse(name, format(d))} equals {@code d}
     * @throws NullPointerException if {@code duration} is {@code null}
     * @throws IllegalArgumentException if {@code duration} is negative (the message shows it)
     */
    public static String format(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("cannot write the negative duration " + duration);
        }
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        append(out, duration.toDaysPart(), "d");
        append(out, duration.toHoursPart(), "h");
        append(out, duration.toMinutesPart(), "m");
        append(out, duration.toSecondsPart(), "s");
        int nanos = duration.toNanosPart();
        append(out, nanos / 1_000_000, "ms");
        append(out, nanos / 1_000 % 1_000, "us");
        append(out, nanos % 1_000, "ns");
        return out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount != 0) {
            out.append(amount).append(unit);
        }
    }
}
