package dev.stowage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.testing.RedisServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AsyncExampleTest {

    private static final List<String> EXPECTED = List.of(
            "put 1 (no expiry) and 2 (10 min) -> done",
            "get(1) -> ada",
            "getAll(1, 2, 9) -> {1=ada, 2=grace}",
            "touch(2, 1 h) -> true, expires in about 60 min",
            "touch(9, 1 h) -> false",
            "getOrSet(3) from 10 callers -> 1 load, every caller got 'user-3 from the database'",
            "removeAll(1, 2, 3) -> left: {}");

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void printsTheSameOnMemoryAndRedis(String backend) {
        String uri = backend.equals("memory") ? "memory:/async-example-" + UUID.randomUUID()
                : RedisServers.standalone() + "/0/async-example-" + UUID.randomUUID();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            AsyncExample.run(uri, out);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactlyElementsOf(EXPECTED);
    }
}
