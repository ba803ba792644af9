package dev.stowage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoresExampleTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"memory:/", "filestore:"})
    void namespacesFromTheRegistryAreIsolatedAndExpiryIsKept(String scheme) {
        URI uri = URI.create(scheme.equals("filestore:") ? "filestore:" + directory.toUri().getPath() : scheme);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            StoresExample.run(uri, out);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "sessions/alice = cart=3 items, expires in about 30 min",
                "the registry hands out one store per name: true",
                "after sessions.deleteAll(): sessions/alice = (none), rate-limits/alice = 7");
    }
}
