package dev.stowage.redis.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.store.StoreException;
import dev.stowage.testing.RedisProcess;
import dev.stowage.testing.RedisServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hung server gives {@link StoreException}s naming its address and the timeout, a killed one says it
 * is unreachable (not Redisson's "increase nettyThreads"), and the store works again when the server
 * answers again, every pooled connection within a second of a restart; on a private server this test
 * suspends ({@code SIGSTOP}) and resumes, kills ({@code SIGKILL}) and restarts.
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
                    .hasMessageContaining("the Redis server at 127.0.0.1:" + server.port() + " did not answer within 300ms");
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
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> store.get("k"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("the Redis server at 127.0.0.1:" + server.port() + " is unreachable")
                    .hasMessageNotContaining("nettyThreads")
                    .hasMessageNotContaining("CPU");
        }
    }

    @Test
    void afterARestartEveryPooledConnectionIsBackWithinASecond() throws Exception {
        store.set("k", "v".getBytes(UTF_8), null);
        server.kill();
        assertThatThrownBy(() -> store.get("k")).isInstanceOf(StoreException.class);
        Thread.sleep(3_000);
        server.restart();
        long restarted = System.nanoTime();
        AtomicLong lastFailure = new AtomicLong(restarted);
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                running.add(threads.submit(() -> {
                    while (System.nanoTime() - restarted < Duration.ofSeconds(3).toNanos()) {
                        calls.incrementAndGet();
                        try {
                            store.set("k" + thread, "w".getBytes(UTF_8), Duration.ofMinutes(1));
                        } catch (StoreException e) {
                            failures.incrementAndGet();
                            lastFailure.accumulateAndGet(System.nanoTime(), Math::max);
                        }
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
        Duration recovery = Duration.ofNanos(lastFailure.get() - restarted);
        System.out.printf("restart: %d calls in 3 s after it, %d failed, the last %d ms after it%n", calls.get(),
                failures.get(), recovery.toMillis());
        assertThat(recovery).isLessThan(Duration.ofSeconds(1));
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
