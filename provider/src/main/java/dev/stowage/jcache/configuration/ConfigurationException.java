package dev.stowage.jcache.configuration;

import javax.cache.CacheException;

/**
 * A configuration file that cannot be used: unreadable, not YAML, or holding an unknown key, a bad
 * value, a missing class or an unset environment variable. The message names the file, the line,
 * the key and the value as written, e.g. {@code stowage.yaml:7: caches.users.expiry.duration:
 * '10 parsecs' is not a duration (use e.g. 500ms, 3s, 1m, 2h, 1d, PT5M)}. A {@link CacheException}, so that
 * {@link javax.cache.spi.CachingProvider#getCacheManager getCacheManager} throws what JSR-107
 * section 5.1 lets it throw. Immutable.
 */
public final class ConfigurationException extends CacheException {

    private final String source;
    private final String key;

    /**
     * Creates the exception.
     *
     * @param source the file's URI as given to the provider, not {@code null}
     * @param line the line of the bad key or value (1-based), or 0 when there is none
     * @param key the dotted path of the bad key (cache names quoted when they hold dots), or an
     *     empty string for the file as a whole; not {@code null}
     * @param problem what is wrong, naming the bad value; not {@code null}
     * @param cause the underlying failure, or {@code null}
     */
    public ConfigurationException(String source, int line, String key, String problem, Throwable cause) {
        super(location(source, line, key) + ": " + problem, cause);
        this.source = source;
        this.key = key;
    }

    /**
     * Formats where something is in a file: {@code <source>:<line>: <key>}, leaving out a line of 0
     * and an empty key.
     *
     * @param source the file's URI as given to the provider, not {@code null}
     * @param line the line (1-based), or 0
     * @param key the dotted path of the key, or empty; not {@code null}
     * @return the location
     */
    static String location(String source, int line, String key) {
        return source + (line > 0 ? ":" + line : "") + (key.isEmpty() ? "" : ": " + key);
    }

    /**
     * Returns the file the error is in.
     *
     * @return the file's URI as given to the provider
     */
    public String source() {
        return source;
    }

    /**
     * Returns the dotted path of the bad key, e.g. {@code caches.users.expiry.duration} or
     * {@code caches["com.acme.Book"].maximumSize}.
     *
     * @return the path, empty for an error of the whole file
     */
    public String key() {
        return key;
    }
}
