package dev.stowage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.redis.store.RedisStore;
import dev.stowage.store.NamespacedStore;
import dev.stowage.testing.RedisProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Redis server killed ({@code SIGKILL}) and restarted, or paused ({@code SIGSTOP} / {@code SIGCONT}),
 * under 4 threads of load on a Redis store: calls fail within the timeout with a message that names the
 * server and the cause, no acknowledged write is lost (the server persists with
 * {@code appendfsync always}), and the time to recovery is measured.
 */
class RedisServerFaultsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** What a failing call may take beyond the timeout on a busy 2-core machine. */
    private static final Duration SLACK = Duration.ofMillis(700);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(1);

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Test
    void killedAndRestartedUnderFourThreads() {
        try (RedisProcess server = RedisProcess.start(List.of("--appendonly", "yes", "--appendfsync", "always"));
                RedisStore root = RedisStore.withClient(server.url() + "/0/reliability-kill?timeout=500ms")) {
            NamespacedStore store = root.withNamespace("load");
            StoreLoad load = new StoreLoad(store, 4);
            sleep(Duration.ofSeconds(1));
            server.kill();
            long killed = System.nanoTime();
            sleep(Duration.ofSeconds(2));
            server.restart();
            long restarted = System.nanoTime();
            sleep(Duration.ofSeconds(3));
            load.stop();
            long lost = load.lostAcknowledged().size();
            Duration recovery = Duration.ofNanos(Math.max(0, load.lastFailureNanos() - restarted));
            Map<String, Integer> messages = load.messages();
            Figures.of("redis: SIGKILL, 2 s down, restart (AOF fsync always), 4 threads")
                    .put("calls", load.calls()).put("errors", load.errors())
                    .put("slowest failing call ms", load.longestFailure().toMillis())
                    .put("recovery after restart ms", recovery.toMillis())
                    .put("keys acknowledged", load.acknowledgedKeys()).put("acknowledged writes lost", lost)
                    .put("down ms", Duration.ofNanos(restarted - killed).toMillis())
                    .put("messages", messages.size()).print();
            load.printMessages(5);
            assertThat(load.errors()).isPositive();
            assertThat(load.longestFailure()).isLessThan(TIMEOUT.plus(SLACK));
            assertThat(messages.keySet()).allSatisfy(message -> assertThat(message)
                    .contains("127.0.0.1:" + server.port())
                    .containsAnyOf(" is unreachable (", " did not answer within 500ms")
                    .doesNotContain("nettyThreads"));
            assertThat(lost).isZero();
            assertThat(recovery).isLessThan(RECOVERY_LIMIT);
        }
    }

    @Test
    void pausedUnderFourThreads() {
        try (RedisProcess server = RedisProcess.start(List.of());
                RedisStore root = RedisStore.withClient(server.url() + "/0/reliability-pause?timeout=500ms")) {
            NamespacedStore store = root.withNamespace("load");
            StoreLoad load = new StoreLoad(store, 4);
            sleep(Duration.ofSeconds(1));
            server.suspend();
            sleep(Duration.ofSeconds(2));
            server.resume();
            long resumed = System.nanoTime();
            sleep(Duration.ofSeconds(2));
            load.stop();
            long lost = load.lostAcknowledged().size();
            Duration recovery = Duration.ofNanos(Math.max(0, load.lastFailureNanos() - resumed));
            Map<String, Integer> messages = load.messages();
            Figures.of("redis: SIGSTOP for 2 s, SIGCONT, 4 threads, timeout 500ms")
                    .put("calls", load.calls()).put("errors", load.errors())
                    .put("slowest failing call ms", load.longestFailure().toMillis())
                    .put("recovery after SIGCONT ms", recovery.toMillis())
                    .put("keys acknowledged", load.acknowledgedKeys()).put("acknowledged writes lost", lost).print();
            load.printMessages(5);
            assertThat(load.errors()).isPositive();
            assertThat(load.longestFailure()).isLessThan(TIMEOUT.plus(SLACK));
            assertThat(messages.keySet()).allSatisfy(message -> assertThat(message)
                    .contains("the Redis server at 127.0.0.1:" + server.port() + " did not answer within 500ms"));
            assertThat(lost).isZero();
            assertThat(recovery).isLessThan(RECOVERY_LIMIT);
        }
    }
}
