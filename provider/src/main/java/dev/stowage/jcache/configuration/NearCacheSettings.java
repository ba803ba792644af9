package dev.stowage.jcache.configuration;

import dev.stowage.common.Durations;
import dev.stowage.common.InvalidDurationException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.Objects;

/**
 * The near cache of a cache on a shared store: an in-process Caffeine tier (W-TinyLFU) of at most
 * {@code maximumSize} entries that this JVM read, each kept at most {@code timeToLive} after it was
 * read, in front of the store, and dropped when any JVM changes the entry (see
 * {@link dev.stowage.store.NamespacedStore#invalidations()}). Set per cache with
 * {@link StowageConfiguration#setNearCache}, in a configuration file with
 * {@code nearCache: { maximumSize: 10000, timeToLive: 5m }}, and as every cache's default of a
 * manager with the cache manager URI's parameters ({@link ManagerUri}, e.g.
 * {@code redis://host:6379/app?nearCache.maximumSize=10000&nearCache.timeToLive=5m}) or the JCache
 * property (or system property) {@value #PROPERTY}, e.g. {@code maximumSize=10000,timeToLive=5m}; a
 * cache's own setting wins over the URI, the URI over the JCache property, that over the system property.
 * Immutable and thread-safe.
 *
 * @param maximumSize the most entries the tier holds; {@code 0} turns the near cache off
 * @param timeToLive how long after it was read an entry is served at most, longer than zero
 */
public record NearCacheSettings(long maximumSize, Duration timeToLive) {

    /** The cache manager property, and system property, of every cache's default near cache. */
    public static final String PROPERTY = "stowage.nearCache";

    /** The time to live when none is given: 5 minutes. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(5);

    /** No near cache: what a cache sets to turn off a manager's default. */
    public static final NearCacheSettings OFF = new NearCacheSettings(0, DEFAULT_TIME_TO_LIVE);

    /**
     * Checks the settings.
     *
     * @param maximumSize the most entries, {@code 0} for none
     * @param timeToLive the longest time an entry is served after it was read, longer than zero
     * @throws NullPointerException if {@code timeToLive} is {@code null}
     * @throws IllegalArgumentException if {@code maximumSize} is negative or {@code timeToLive} not positive
     */
    public NearCacheSettings {
        Objects.requireNonNull(timeToLive, "timeToLive");
        if (maximumSize < 0) {
            throw new IllegalArgumentException("a near cache's maximumSize must not be negative, not " + maximumSize);
        }
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("a near cache's timeToLive must be longer than zero, not "
                    + Durations.format(timeToLive));
        }
    }

    /**
     * Tells whether these settings keep a near cache.
     *
     * @return {@code true} when {@link #maximumSize()} is above zero
     */
    public boolean enabled() {
        return maximumSize > 0;
    }

    /**
     * Reads the property form {@code maximumSize=N[,timeToLive=DURATION]} (durations as
     * {@link Durations} reads them, e.g. {@code 5m}); the time to live defaults to
     * {@link #DEFAULT_TIME_TO_LIVE}.
     *
     * @param text the property's value, not {@code null}
     * @return the settings
     * @throws IllegalArgumentException if a part is unknown, given twice, missing or malformed; the
     *     message names {@value #PROPERTY} and the part
     */
    public static NearCacheSettings parse(String text) {
        String where = PROPERTY + " '" + text + "'";
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException(where + ": '" + part.strip()
                        + "' is not name=value; use e.g. maximumSize=10000,timeToLive=5m");
            }
            if (values.put(pair[0].strip(), pair[1].strip()) != null) {
                throw new IllegalArgumentException(where + ": '" + pair[0].strip() + "' is given twice");
            }
        }
        return of("", values, problem -> new IllegalArgumentException(where + ": " + problem));
    }

    /**
     * Makes settings from named values, {@code <prefix>maximumSize} (a whole number, {@code _} allowed
     * between digits; required) and {@code <prefix>timeToLive} (a duration as {@link Durations} reads it;
     * default {@link #DEFAULT_TIME_TO_LIVE}): the one reading of the property form ({@link #parse}) and of
     * the cache manager URI's parameters ({@link ManagerUri}).
     *
     * @param prefix what the names start with ({@code ""} or {@code nearCache.}), named in messages
     * @param values name to value, not {@code null}
     * @param error makes the exception for a problem (a phrase naming the setting and its value), so that
     *     the message also names what gave the values
     * @return the settings
     * @throws IllegalArgumentException made by {@code error}, if a name is unknown, {@code maximumSize} is
     *     missing, or a value is malformed or out of range
     */
    static NearCacheSettings of(String prefix, Map<String, String> values,
            Function<String, IllegalArgumentException> error) {
        Long size = null;
        Duration timeToLive = DEFAULT_TIME_TO_LIVE;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue();
            if (name.equals(prefix + "maximumSize")) {
                try {
                    size = Long.parseLong(value.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw fail(error, name + " '" + value + "' is not a whole number", e);
                }
                if (size < 0) {
                    throw fail(error, name + " '" + value + "' must not be negative", null);
                }
            } else if (name.equals(prefix + "timeToLive")) {
                try {
                    timeToLive = Durations.parse(name, value);
                } catch (InvalidDurationException e) {
                    throw fail(error, e.getMessage(), e);
                }
                if (timeToLive.isZero()) {
                    throw fail(error, name + " '" + value + "' is zero; it must be longer than zero", null);
                }
            } else {
                throw fail(error, "unknown setting '" + name + "'; known: " + prefix + "maximumSize, " + prefix
                        + "timeToLive", null);
            }
        }
        if (size == null) {
            throw fail(error, "a near cache needs " + prefix + "maximumSize, e.g. " + prefix + "maximumSize=10000", null);
        }
        return new NearCacheSettings(size, timeToLive);
    }

    private static IllegalArgumentException fail(Function<String, IllegalArgumentException> error, String problem,
            Throwable cause) {
        IllegalArgumentException exception = error.apply(problem);
        if (cause != null) {
            exception.initCause(cause);
        }
        return exception;
    }
}
