package dev.stowage.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the memory backend adds to the contract: expired entries that nobody reads are dropped on
 * Caffeine's timer (so memory does not grow with them), without touching entries that replaced them.
 * Runs on the system clock, with short times to live.
 */
class MemoryStoreExpiryTest {

    private MemoryStore root;

    @AfterEach
    void close() {
        if (root != null) {
            root.close();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitSize(MemoryStore store, long size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.estimatedSize() != size && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 1_000})
    void expiredEntriesNobodyReadsAreDropped(long maximumSize) throws InterruptedException {
        root = new MemoryStore(Clock.systemUTC(), maximumSize);
        MemoryStore store = root.withNamespace("timer");
        for (int i = 0; i < 100; i++) {
            store.set("short-" + i, bytes("v"), Duration.ofMillis(100));
        }
        store.set("eternal", bytes("v"), null);
        store.set("long", bytes("v"), Duration.ofHours(1));
        assertThat(store.estimatedSize()).isEqualTo(102);
        awaitSize(store, 2);
        assertThat(store.estimatedSize()).isEqualTo(2);
        assertThat(store.get("eternal", null)).isEqualTo(bytes("v"));
        assertThat(store.get("long", null)).isEqualTo(bytes("v"));
    }

    @Test
    void anEntryThatReplacedAnExpiringOneIsKept() throws InterruptedException {
        root = new MemoryStore(Clock.systemUTC(), -1);
        MemoryStore store = root.withNamespace("replaced");
        store.set("made-eternal", bytes("old"), Duration.ofMillis(100));
        store.set("made-eternal", bytes("new"), null);
        store.set("renewed", bytes("old"), Duration.ofMillis(100));
        store.set("renewed", bytes("new"), Duration.ofHours(1));
        store.set("deleted", bytes("old"), Duration.ofMillis(100));
        store.delete("deleted");
        store.set("deleted", bytes("new"), null);
        store.set("gone", bytes("old"), Duration.ofMillis(100));
        awaitSize(store, 3);
        assertThat(store.estimatedSize()).isEqualTo(3);
        assertThat(store.get("made-eternal", null)).isEqualTo(bytes("new"));
        assertThat(store.get("renewed", null)).isEqualTo(bytes("new"));
        assertThat(store.get("deleted", null)).isEqualTo(bytes("new"));
        assertThat(store.exists("gone")).isFalse();
    }
}
