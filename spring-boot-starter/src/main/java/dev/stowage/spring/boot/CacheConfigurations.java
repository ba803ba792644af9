package dev.stowage.spring.boot;

import dev.stowage.jcache.configuration.StowageConfiguration;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.Factory;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/**
 * Turns the {@code stowage.caches.<name>.*} properties into the JSR-107 configuration of a cache
 * (a {@link StowageConfiguration} of {@code Object} keys and values, store-by-value, as Spring's
 * cache abstraction uses them). Immutable and thread-safe.
 */
final class CacheConfigurations {

    private final StowageProperties properties;

    /**
     * Creates the configurations of one application.
     *
     * @param properties the bound properties, not {@code null}
     */
    CacheConfigurations(StowageProperties properties) {
        this.properties = properties;
    }

    /**
     * Returns the configuration of a cache: its {@code stowage.caches} entry, else the defaults
     * (statistics as {@code stowage.statistics}, no expiry, no bound).
     *
     * @param name the cache's name, not {@code null}
     * @return a new configuration
     * @throws IllegalArgumentException if a setting is out of range; the message names the property
     */
    StowageConfiguration<Object, Object> forCache(String name) {
        StowageConfiguration<Object, Object> configuration = new StowageConfiguration<>();
        StowageProperties.CacheSettings settings = properties.getCaches().get(name);
        if (settings == null) {
            configuration.setStatisticsEnabled(properties.isStatistics());
            return configuration;
        }
        configuration.setStatisticsEnabled(settings.isStatistics());
        if (settings.getMaximumSize() != null) {
            if (settings.getMaximumSize() < 0) {
                throw new IllegalArgumentException("stowage.caches." + name + ".maximum-size is "
                        + settings.getMaximumSize() + "; it must be 0 or more (leave it unset for no bound)");
            }
            configuration.setMaximumSize(settings.getMaximumSize());
        }
        Duration timeToLive = settings.getTimeToLive();
        if (timeToLive != null) {
            if (timeToLive.isNegative() || timeToLive.isZero()) {
                throw new IllegalArgumentException("stowage.caches." + name + ".time-to-live is " + timeToLive
                        + "; it must be positive (leave it unset for no expiry)");
            }
            configuration.setExpiryPolicyFactory(policy(settings.getExpiryPolicy(), toJCache(timeToLive)));
        }
        return configuration;
    }

    private static javax.cache.expiry.Duration toJCache(Duration duration) {
        long nanos = duration.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : duration.toNanos();
        return nanos % 1_000_000 == 0 ? new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, nanos / 1_000_000)
                : new javax.cache.expiry.Duration(TimeUnit.NANOSECONDS, nanos);
    }

    private static Factory<ExpiryPolicy> policy(StowageProperties.ExpiryPolicy policy, javax.cache.expiry.Duration ttl) {
        return switch (policy) {
            case CREATED -> CreatedExpiryPolicy.factoryOf(ttl);
            case ACCESSED -> AccessedExpiryPolicy.factoryOf(ttl);
            case MODIFIED -> ModifiedExpiryPolicy.factoryOf(ttl);
            case TOUCHED -> TouchedExpiryPolicy.factoryOf(ttl);
        };
    }
}
