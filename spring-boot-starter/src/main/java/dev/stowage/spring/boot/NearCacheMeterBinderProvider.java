package dev.stowage.spring.boot;

import dev.stowage.jcache.management.ManagementRegistrar;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.JCacheMetrics;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.springframework.boot.actuate.metrics.cache.CacheMeterBinderProvider;
import org.springframework.cache.jcache.JCacheCache;
import org.springframework.core.Ordered;

/**
 * Binds a Spring cache backed by a Stowage JCache cache with a near cache to Micrometer: Micrometer's
 * {@link JCacheMetrics} (what Spring Boot binds for every JCache cache) plus the near tier's own
 * figures, read from its {@code dev.stowage:type=NearCache} MXBean: the function counters
 * {@code cache.near.hits} and {@code cache.near.misses}, and the gauge {@code cache.near.size}
 * (entries), tagged {@code cache} and the registrar's tags. For a cache without a near cache it gives
 * no binder, so Spring Boot's own provider binds it as before. Ordered first among providers.
 * Stateless and thread-safe.
 */
public final class NearCacheMeterBinderProvider implements CacheMeterBinderProvider<JCacheCache>, Ordered {

    /** Creates the provider. */
    public NearCacheMeterBinderProvider() {
    }

    /**
     * Returns the binder of a cache with a near cache.
     *
     * @param cache the Spring cache, not {@code null}
     * @param tags the registrar's tags, not {@code null}
     * @return the binder, or {@code null} when the cache has no near cache (its MXBean is not registered)
     */
    @Override
    public MeterBinder getMeterBinder(JCacheCache cache, Iterable<Tag> tags) {
        javax.cache.Cache<Object, Object> jcache = cache.getNativeCache();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName bean;
        try {
            bean = ManagementRegistrar.objectName(jcache, ManagementRegistrar.Kind.NearCache);
        } catch (RuntimeException e) {
            return null;
        }
        if (!server.isRegistered(bean)) {
            return null;
        }
        MeterBinder standard = new JCacheMetrics<>(jcache, tags);
        Tags near = Tags.concat(tags, "cache", jcache.getName());
        return registry -> {
            standard.bindTo(registry);
            FunctionCounter.builder("cache.near.hits", bean, b -> read(server, b, "NearHits")).tags(near)
                    .description("reads served by the near cache, without a round trip to the store").register(registry);
            FunctionCounter.builder("cache.near.misses", bean, b -> read(server, b, "NearMisses")).tags(near)
                    .description("reads the near cache could not serve, which went to the store").register(registry);
            Gauge.builder("cache.near.size", bean, b -> read(server, b, "Size")).tags(near)
                    .description("entries the near cache holds").register(registry);
        };
    }

    /** Reads one attribute; NaN once the cache is gone. */
    private static double read(MBeanServer server, ObjectName bean, String attribute) {
        try {
            return ((Number) server.getAttribute(bean, attribute)).doubleValue();
        } catch (JMException e) {
            return Double.NaN;
        }
    }

    /**
     * Orders this provider before Spring Boot's JCache one.
     *
     * @return {@link Ordered#HIGHEST_PRECEDENCE}
     */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
