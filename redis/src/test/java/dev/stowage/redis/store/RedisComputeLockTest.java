package dev.stowage.redis.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.store.StorageObject;
import dev.stowage.testing.RedisServers;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two steps of a Redis read-modify-write share the key's lock: a {@code compute} (which takes no
 * lock) does not write while a {@code computeExclusive} holds it, so the exclusive step's write is not
 * fenced off by a plain compute and the compute's function runs again on the exclusive step's result.
 */
class RedisComputeLockTest {

    private final RedisStore store = RedisStore.withClient(RedisServers.standalone() + "/0/compute-lock-" + UUID.randomUUID());

    @AfterEach
    void close() {
        store.deleteAll();
        store.close();
    }

    private static StorageObject text(String value) {
        return StorageObject.of(value.getBytes(UTF_8), null);
    }

    private static String text(StorageObject entry) {
        return entry == null ? "" : new String(entry.data(), UTF_8);
    }

    @Test
    void aComputeWaitsForTheExclusiveStepThatHoldsTheKeysLock() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CompletableFuture<StorageObject> exclusive = CompletableFuture.supplyAsync(() -> store.computeExclusive("k", current -> {
            inside.countDown();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return text(text(current) + "a");
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        StorageObject computed = store.compute("k", current -> text(text(current) + "b"));

        assertThat(text(exclusive.get(10, TimeUnit.SECONDS))).isEqualTo("a");
        assertThat(text(computed)).isEqualTo("ab");
        assertThat(text(store.read("k"))).isEqualTo("ab");
    }
}
