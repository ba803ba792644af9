package dev.stowage.examples.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/** The example application on the file store, in a directory of its own. */
class FileLibraryApplicationTest extends LibraryApplicationContract {

    private static final Path DIRECTORY;

    static {
        try {
            DIRECTORY = Files.createTempDirectory("stowage-library-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("stowage.uri", () -> "filestore:" + DIRECTORY.toAbsolutePath());
    }

    @AfterAll
    static void removeDirectory() throws IOException {
        FileSystemUtils.deleteRecursively(DIRECTORY);
    }

    @Override
    String expectedUriPrefix() {
        return "filestore:" + DIRECTORY.toAbsolutePath();
    }
}
