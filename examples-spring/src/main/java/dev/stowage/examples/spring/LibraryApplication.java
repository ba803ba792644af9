package dev.stowage.examples.spring;

import dev.stowage.jcache.configuration.StowageConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot 3 application whose Spring caches are Stowage JCache caches: the provider and the
 * configuration file are chosen in {@code application.properties} ({@code spring.cache.jcache.provider},
 * {@code spring.cache.jcache.config}); caches declared in the file are created on first use, and
 * those listed in {@code spring.cache.cache-names} are created by Spring Boot with
 * {@link #cacheNamesConfiguration()}. Micrometer's cache metrics are under {@code /actuator/metrics}.
 */
@SpringBootApplication
@EnableCaching
public class LibraryApplication {

    /** Creates the application; Spring calls this. */
    public LibraryApplication() {
    }

    /**
     * Runs the application.
     *
     * @param args Spring Boot arguments, e.g. {@code --server.port=8081}
     */
    public static void main(String[] args) {
        SpringApplication.run(LibraryApplication.class, args);
    }

    /**
     * The JSR-107 configuration Spring Boot gives the caches of {@code spring.cache.cache-names}
     * (it looks for a bean of type {@code javax.cache.configuration.Configuration}): statistics on,
     * so that Micrometer's {@code JCacheMetrics} finds them, and a Stowage bound on their size, the
     * property {@code library.recent.maximum-size} (entries; default 1000, -1 for none: only the
     * memory store bounds a cache's size).
     *
     * @param maximumSize the most entries each such cache keeps, or -1 for no bound
     * @return a new configuration
     */
    @Bean
    public javax.cache.configuration.Configuration<Object, Object> cacheNamesConfiguration(
            @Value("${library.recent.maximum-size:1000}") long maximumSize) {
        StowageConfiguration<Object, Object> configuration = new StowageConfiguration<>();
        configuration.setStatisticsEnabled(true);
        return configuration.setMaximumSize(maximumSize);
    }
}
