package dev.stowage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickStartTest {

    @Test
    void printsReadThroughListenerEventsAndStatistics() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            QuickStart.run(out);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "provider: dev.stowage.jcache.StowageCachingProvider",
                "cache manager: memory:/",
                "  database: load 1 -> ada lovelace",
                "  listener: created 1 = ada lovelace",
                "get(1) -> ada lovelace",
                "get(1) -> ada lovelace",
                "  listener: created 2 = grace",
                "  listener: updated 2 = grace hopper (was grace)",
                "  listener: updated 2 = GRACE HOPPER (was grace hopper)",
                "invoke(2, upper case) -> GRACE HOPPER",
                "  listener: removed 2 (was GRACE HOPPER)",
                "remove(2) -> true",
                "  database: load 3 -> null",
                "get(3) -> null (the database has no user 3)",
                "contains 1 and 3 -> true, false",
                "statistics: hits=2 misses=2 puts=3 removals=1");
    }
}
