package dev.stowage.jcache.configuration;

import dev.stowage.common.Durations;
import dev.stowage.common.InvalidDurationException;
import java.time.Duration;
import java.util.Objects;

/**
 * The near cache of a cache on a shared store: an in-process Caffeine tier (W-TinyLFU) of at most
 * {@code maximumSize} entries that this JVM read, each kept at most {@code timeToLive} after it was
 * read, in front of the store, and dropped when any JVM changes the entry (see
 * {@link dev.stowage.store.NamespacedStore#invalidations()}). Set per cache with
 * {@link StowageConfiguration#setNearCache}, in a configuration file with
 * {@code nearCache: { maximumSize: 10000, timeToLive: 5m }}, and as every cache's default of a
 * manager with the JCache property (or system property) {@value #PROPERTY}, e.g.
 * {@code maximumSize=10000,timeToLive=5m}. Immutable and thread-safe.
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
     * @throws IllegalArgumentException if a part is unknown, missing or malformed; the message names
     *     {@value #PROPERTY} and the part
     */
    public static NearCacheSettings parse(String text) {
        Long size = null;
        Duration timeToLive = DEFAULT_TIME_TO_LIVE;
        for (String part : text.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException(PROPERTY + " '" + text + "': '" + part.strip()
                        + "' is not name=value; use e.g. maximumSize=10000,timeToLive=5m");
            }
            String name = pair[0].strip();
            String value = pair[1].strip();
            if (name.equals("maximumSize")) {
                try {
                    size = Long.parseLong(value.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(PROPERTY + " '" + text + "': maximumSize '" + value
                            + "' is not a whole number", e);
                }
            } else if (name.equals("timeToLive")) {
                try {
                    timeToLive = Durations.parse("timeToLive", value);
                } catch (InvalidDurationException e) {
                    throw new IllegalArgumentException(PROPERTY + " '" + text + "': " + e.getMessage(), e);
                }
            } else {
                throw new IllegalArgumentException(PROPERTY + " '" + text + "': unknown setting '" + name
                        + "'; known: maximumSize, timeToLive");
            }
        }
        if (size == null) {
            throw new IllegalArgumentException(PROPERTY + " '" + text + "' needs maximumSize, e.g. maximumSize=10000");
        }
        try {
            return new NearCacheSettings(size, timeToLive);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " '" + text + "': " + e.getMessage(), e);
        }
    }
}
