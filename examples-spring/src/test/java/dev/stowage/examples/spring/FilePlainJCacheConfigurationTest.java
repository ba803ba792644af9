package dev.stowage.examples.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/** Spring Boot's own JCache configuration with the caches on the file store. */
class FilePlainJCacheConfigurationTest extends PlainJCacheConfigurationContract {

    private static final Path DIRECTORY;

    static {
        try {
            DIRECTORY = Files.createTempDirectory("stowage-plain-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry registry) {
        registry.add("spring.cache.jcache.config", () -> configuration("filestore:" + DIRECTORY.toAbsolutePath()));
    }

    @AfterAll
    static void removeDirectory() throws IOException {
        FileSystemUtils.deleteRecursively(DIRECTORY);
    }
}
