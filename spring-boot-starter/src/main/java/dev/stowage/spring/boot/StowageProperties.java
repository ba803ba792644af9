package dev.stowage.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code stowage.*} properties of the Spring Boot starter: where the caches live, what the
 * {@code java} codec may deserialize besides its built-in list, and the settings of caches by name.
 * Bound by Spring Boot; its IDE metadata is generated from this class. Not thread-safe while being
 * bound, read-only afterwards.
 */
@ConfigurationProperties(prefix = "stowage")
public class StowageProperties {

    /** Whether Stowage is Spring's cache manager; false leaves caching to Spring Boot's own configuration. */
    private boolean enabled = true;

    /**
     * The cache manager URI: a store ("memory:", "filestore:/var/cache/app",
     * "redis://host:6379/0/app") or a Stowage YAML configuration file ("classpath:stowage.yaml").
     * Unset: spring.cache.jcache.config, else the provider's default (the stowage.uri system
     * property, the STOWAGE_URI environment variable, else "memory:").
     */
    private String uri;

    /** Whether caches that are neither declared nor configured get statistics (and so Micrometer metrics). */
    private boolean statistics = true;

    /** What the java codec of this application's caches may deserialize. */
    private final Codec codec = new Codec();

    /** Settings of caches by name, created at start-up; other names are created on first use with the defaults. */
    private final Map<String, CacheSettings> caches = new LinkedHashMap<>();

    /** Creates the defaults; Spring Boot calls this. */
    public StowageProperties() {
    }

    /**
     * Tells whether the starter configures Spring's cache manager.
     *
     * @return {@code true} by default
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether the starter configures Spring's cache manager.
     *
     * @param enabled {@code false} to leave caching to Spring Boot's own configuration
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Returns the cache manager URI.
     *
     * @return the URI as written, or {@code null} when unset
     */
    public String getUri() {
        return uri;
    }

    /**
     * Sets the cache manager URI.
     *
     * @param uri a store or configuration file URI, or {@code null}
     */
    public void setUri(String uri) {
        this.uri = uri;
    }

    /**
     * Tells whether caches created with the defaults record statistics.
     *
     * @return {@code true} by default
     */
    public boolean isStatistics() {
        return statistics;
    }

    /**
     * Sets whether caches created with the defaults record statistics.
     *
     * @param statistics {@code true} to record them (Micrometer reads them)
     */
    public void setStatistics(boolean statistics) {
        this.statistics = statistics;
    }

    /**
     * Returns the codec settings.
     *
     * @return the settings, never {@code null}
     */
    public Codec getCodec() {
        return codec;
    }

    /**
     * Returns the settings of caches by name.
     *
     * @return a modifiable map, in binding order
     */
    public Map<String, CacheSettings> getCaches() {
        return caches;
    }

    /** The java codec's additions to its allow-list, for this application's cache manager only. */
    public static class Codec {

        /**
         * JDK deserialization filter patterns admitted besides the java.base value types, the
         * caches' declared types and the named Spring and Hibernate classes, e.g. "com.acme.**"
         * (a package and its sub-packages), "com.acme.*" (one package), "com.acme.Dto" (a class).
         */
        private List<String> allow = new ArrayList<>();

        /** Creates the defaults. */
        public Codec() {
        }

        /**
         * Returns the admitted patterns.
         *
         * @return a modifiable list, empty by default
         */
        public List<String> getAllow() {
            return allow;
        }

        /**
         * Sets the admitted patterns.
         *
         * @param allow JDK filter patterns, not {@code null}
         */
        public void setAllow(List<String> allow) {
            this.allow = allow;
        }
    }

    /** How one cache expires its entries (JSR-107 section 6 expiry policies). */
    public enum ExpiryPolicy {
        /** Entries live for the time to live from their creation (JSR-107 {@code CreatedExpiryPolicy}). */
        CREATED,
        /** From their last access, read or write (JSR-107 {@code AccessedExpiryPolicy}). */
        ACCESSED,
        /** From their last creation or update (JSR-107 {@code ModifiedExpiryPolicy}). */
        MODIFIED,
        /** From their last creation, update or read (JSR-107 {@code TouchedExpiryPolicy}). */
        TOUCHED
    }

    /** The settings of one cache. */
    public static class CacheSettings {

        /** How long an entry lives, counted as expiry-policy says; unset: for ever. */
        private Duration timeToLive;

        /** What the time to live is counted from. */
        private ExpiryPolicy expiryPolicy = ExpiryPolicy.CREATED;

        /** The most entries the cache keeps (memory store only); unset: no bound. */
        private Long maximumSize;

        /** Whether the cache records statistics (and so Micrometer metrics). */
        private boolean statistics = true;

        /** Creates the defaults. */
        public CacheSettings() {
        }

        /**
         * Returns the time to live.
         *
         * @return the duration, or {@code null} for no expiry
         */
        public Duration getTimeToLive() {
            return timeToLive;
        }

        /**
         * Sets the time to live.
         *
         * @param timeToLive a positive duration, or {@code null} for no expiry
         */
        public void setTimeToLive(Duration timeToLive) {
            this.timeToLive = timeToLive;
        }

        /**
         * Returns what the time to live is counted from.
         *
         * @return the policy, {@link ExpiryPolicy#CREATED} by default
         */
        public ExpiryPolicy getExpiryPolicy() {
            return expiryPolicy;
        }

        /**
         * Sets what the time to live is counted from.
         *
         * @param expiryPolicy the policy, not {@code null}
         */
        public void setExpiryPolicy(ExpiryPolicy expiryPolicy) {
            this.expiryPolicy = expiryPolicy;
        }

        /**
         * Returns the maximum size.
         *
         * @return the most entries, or {@code null} for no bound
         */
        public Long getMaximumSize() {
            return maximumSize;
        }

        /**
         * Sets the maximum size.
         *
         * @param maximumSize a non-negative count of entries, or {@code null} for no bound
         */
        public void setMaximumSize(Long maximumSize) {
            this.maximumSize = maximumSize;
        }

        /**
         * Tells whether the cache records statistics.
         *
         * @return {@code true} by default
         */
        public boolean isStatistics() {
            return statistics;
        }

        /**
         * Sets whether the cache records statistics.
         *
         * @param statistics {@code true} to record them
         */
        public void setStatistics(boolean statistics) {
            this.statistics = statistics;
        }
    }
}
