package dev.stowage.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/**
 * A Spring Boot 3 application whose Spring caches are Stowage caches through
 * {@code stowage-spring-boot-starter}: {@code stowage.uri} in {@code application.properties} chooses
 * the store, caches are created on first use (with statistics, so Micrometer's {@code cache.gets}
 * counts their hits and misses), and the {@code stowage} health component probes the store.
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
     * @param args Spring Boot arguments, e.g. {@code --server.port=8081 --stowage.uri=filestore:/tmp/library}
     */
    public static void main(String[] args) {
        SpringApplication.run(LibraryApplication.class, args);
    }
}
