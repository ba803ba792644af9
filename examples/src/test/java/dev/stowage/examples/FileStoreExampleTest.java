package dev.stowage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreExampleTest {

    @Test
    void aSecondManagerSeesWhatTheFirstStoredWithItsRemainingTimeToLive(@TempDir Path directory) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            FileStoreExample.run(directory, out);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "first run stored 2 sessions in filestore: and closed",
                "second run: alice -> cart=3 items, expires in about 60 min",
                "second run: bob -> cart=empty, expires in about 5 min");
    }
}
