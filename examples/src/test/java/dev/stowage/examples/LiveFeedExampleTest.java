package dev.stowage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.testing.RedisServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LiveFeedExampleTest {

    private static final String EXPECTED = String.join("\n",
            "history {\"event\":\"goal\",\"minute\":12}",
            "history {\"event\":\"goal\",\"minute\":37}",
            "history {\"event\":\"goal\",\"minute\":55}",
            "live {\"event\":\"final whistle\",\"minute\":90}",
            "chat what a match!",
            "chat see you next week", "");

    private static String run(String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            LiveFeedExample.run(args, out);
        }
        return bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    @Test
    void runsOnMemory() throws Exception {
        assertThat(normalize(run())).isEqualTo(EXPECTED);
    }

    @Test
    void runsOnRedisStreams() throws Exception {
        assertThat(normalize(run("--redis", RedisServers.standalone()))).isEqualTo(EXPECTED);
    }

    /** Map.of has no order: JSON fields are sorted for the comparison. */
    private static String normalize(String output) {
        return output.replace("{\"minute\":12,\"event\":\"goal\"}", "{\"event\":\"goal\",\"minute\":12}")
                .replace("{\"minute\":37,\"event\":\"goal\"}", "{\"event\":\"goal\",\"minute\":37}")
                .replace("{\"minute\":55,\"event\":\"goal\"}", "{\"event\":\"goal\",\"minute\":55}")
                .replace("{\"minute\":90,\"event\":\"final whistle\"}", "{\"event\":\"final whistle\",\"minute\":90}");
    }
}
