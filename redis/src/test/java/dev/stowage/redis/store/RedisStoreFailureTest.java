package dev.stowage.redis.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.store.StoreException;
import dev.stowage.testing.RedisProcess;
import dev.stowage.testing.RedisServers;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hung server gives {@link StoreException}s naming its address, and the store works again when the
 * server answers again; on a private server this test suspends ({@code SIGSTOP}) and resumes.
 */
class RedisStoreFailureTest {

    private RedisProcess server;
    private RedisStore store;

    @BeforeEach
    void start() {
        server = RedisServers.startPrivate();
        store = RedisStore.withClient(server.url() + "/0/failure?timeout=300ms");
    }

    @AfterEach
    void stop() {
        try {
            store.close();
        } finally {
            server.close();
        }
    }

    @Test
    void aHungServerGivesStoreExceptionsAndTheStoreRecoversWhenItAnswersAgain() {
        store.set("k", "v".getBytes(UTF_8), null);
        server.suspend();
        try {
            assertThatThrownBy(() -> store.get("k"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("127.0.0.1:" + server.port());
            assertThatThrownBy(() -> store.set("k", "w".getBytes(UTF_8), Duration.ofMinutes(1)))
                    .isInstanceOf(StoreException.class);
            assertThatThrownBy(() -> store.compute("k", current -> null)).isInstanceOf(StoreException.class);
            assertThatThrownBy(store::deleteAll).isInstanceOf(StoreException.class);
        } finally {
            server.resume();
        }
        assertThat(awaitValue("k")).isEqualTo("v");
        store.set("k", "after".getBytes(UTF_8), Duration.ofMinutes(1));
        assertThat(new String(store.get("k"), UTF_8)).isEqualTo("after");
    }

    @Test
    void aKilledServerGivesStoreExceptions() {
        store.set("k", "v".getBytes(UTF_8), null);
        server.kill();
        assertThatThrownBy(() -> store.get("k"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("127.0.0.1:" + server.port());
    }

    /** Reads {@code key} until the connection that timed out has been replaced, for at most 10 s. */
    private String awaitValue(String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                byte[] value = store.get(key);
                return value == null ? null : new String(value, UTF_8);
            } catch (StoreException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }
}
