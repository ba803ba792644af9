package dev.stowage.spring.boot;

import dev.stowage.jcache.StowageCachingProvider;
import io.micrometer.core.instrument.Tag;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.metrics.cache.CacheMetricsRegistrar;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Makes Stowage Spring's cache manager (before Spring Boot's own {@link CacheAutoConfiguration},
 * which then backs off): a {@link StowageSpringCacheManager} over the Stowage JCache manager of
 * {@code stowage.uri}, opened from Stowage's provider by name whatever other JCache provider is on
 * the class path. Caches of {@code stowage.caches} and {@code spring.cache.cache-names} are created
 * at start-up, any other on first use. With actuator: the {@code stowage} health indicator, and
 * Micrometer metrics for caches created after start-up too (Spring Boot binds those of start-up).
 * Off with {@code stowage.enabled=false}, or when the application defines a Spring
 * {@code CacheManager} of its own.
 */
@AutoConfiguration(before = CacheAutoConfiguration.class)
@ConditionalOnClass({StowageCachingProvider.class, JCacheCacheManager.class})
@ConditionalOnMissingBean(org.springframework.cache.CacheManager.class)
@ConditionalOnProperty(prefix = "stowage", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(StowageProperties.class)
public class StowageAutoConfiguration {

    /** The tag Spring Boot gives the metrics of the caches of the {@code cacheManager} bean. */
    static final String CACHE_MANAGER_TAG = "cache.manager";

    /** Creates the configuration; Spring calls this. */
    public StowageAutoConfiguration() {
    }

    /**
     * This context's hold on the Stowage JCache manager; released when the context closes.
     *
     * @param properties the {@code stowage.*} properties
     * @param environment for {@code spring.cache.jcache.config}, used when {@code stowage.uri} is unset
     * @param context the application context, for its class loader
     * @return the lease
     */
    @Bean
    @ConditionalOnMissingBean
    public StowageCacheManagerLease stowageCacheManagerLease(StowageProperties properties, Environment environment,
            ApplicationContext context) {
        String uri = properties.getUri() != null ? properties.getUri()
                : environment.getProperty("spring.cache.jcache.config");
        ClassLoader loader = context.getClassLoader() != null ? context.getClassLoader()
                : StowageAutoConfiguration.class.getClassLoader();
        return new StowageCacheManagerLease(uri, String.join(";", properties.getCodec().getAllow()), loader);
    }

    /**
     * The JCache manager itself, for applications that use the JCache API too; closed by its lease,
     * not by this bean's destruction.
     *
     * @param lease the context's lease
     * @return the manager
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    public javax.cache.CacheManager stowageJCacheManager(StowageCacheManagerLease lease) {
        return lease.cacheManager();
    }

    /**
     * Spring's cache manager: the caches of {@code stowage.caches} and {@code spring.cache.cache-names}
     * exist when it starts; others are created on first use.
     *
     * @param lease the context's lease
     * @param properties the {@code stowage.*} properties
     * @param environment for {@code spring.cache.cache-names}
     * @return the cache manager
     */
    @Bean
    public StowageSpringCacheManager cacheManager(StowageCacheManagerLease lease, StowageProperties properties,
            Environment environment) {
        StowageSpringCacheManager manager = new StowageSpringCacheManager(lease.cacheManager(),
                new CacheConfigurations(properties));
        Set<String> names = new LinkedHashSet<>(properties.getCaches().keySet());
        names.addAll(Binder.get(environment).bind("spring.cache.cache-names", Bindable.listOf(String.class))
                .orElse(List.of()));
        manager.createCaches(names);
        return manager;
    }

    /** The health of the manager's store, with actuator on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.AbstractHealthIndicator")
    static class Health {

        /**
         * The {@code stowage} health component.
         *
         * @param lease the context's lease
         * @return the indicator
         */
        @Bean
        @ConditionalOnMissingBean(name = "stowageHealthIndicator")
        StowageHealthIndicator stowageHealthIndicator(StowageCacheManagerLease lease) {
            return new StowageHealthIndicator(lease.cacheManager());
        }
    }

    /** Micrometer metrics of the caches created after start-up, with actuator and Micrometer on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.actuate.metrics.cache.CacheMetricsRegistrar",
            "io.micrometer.core.instrument.MeterRegistry"})
    static class Metrics {

        /**
         * Binds each cache created on first use to the meter registry, as Spring Boot binds those
         * that exist at start-up (tag {@code cache.manager=cacheManager}).
         *
         * @param registrar Spring Boot's registrar, present when there is a meter registry
         * @param manager the cache manager
         * @return the binder, run once every singleton exists
         */
        /**
         * Adds the near cache's meters ({@code cache.near.hits}, {@code cache.near.misses},
         * {@code cache.near.size}) to the metrics of the caches that have one.
         *
         * @return the provider, which Spring Boot's {@link CacheMetricsRegistrar} asks first
         */
        @Bean
        @ConditionalOnMissingBean
        NearCacheMeterBinderProvider stowageNearCacheMeterBinderProvider() {
            return new NearCacheMeterBinderProvider();
        }

        @Bean
        SmartInitializingSingleton stowageCacheMetricsBinder(ObjectProvider<CacheMetricsRegistrar> registrar,
                StowageSpringCacheManager manager) {
            return () -> registrar.ifAvailable(metrics -> manager.onCacheCreated(
                    cache -> metrics.bindCacheToRegistry(cache, Tag.of(CACHE_MANAGER_TAG, "cacheManager"))));
        }
    }
}
