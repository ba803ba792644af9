package dev.stowage.examples.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The example program runs on its class path configuration and reports cache hits. */
class LibraryExampleTest {

    @Test
    void theSecondRoundIsServedFromTheCache() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LibraryExample.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("Frank Herbert wrote 2 books", "[Dune, Dune Messiah, The Dispossessed]");
        assertThat(output).containsPattern("second-level cache hits: [1-9]\\d*, misses: \\d+, query cache hits: 1");
    }
}
