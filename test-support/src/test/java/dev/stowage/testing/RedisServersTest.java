package dev.stowage.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisServersTest {

    @Test
    void standaloneAnswersPing() {
        assertThat(RedisServers.answers(RedisServers.standalone())).isTrue();
    }

    @Test
    void privateServerStartsAnswersAndIsGoneAfterClose() {
        RedisProcess server = RedisServers.startPrivate();
        try {
            assertThat(server.url()).startsWith("redis://127.0.0.1:");
            assertThat(RedisServers.answers(server.url())).isTrue();
        } finally {
            server.close();
        }
        assertThat(server.isAlive()).isFalse();
        assertThat(RedisServers.answers(server.url())).isFalse();
    }

    @Test
    void suspendedServerDoesNotAnswerUntilResumed() {
        try (RedisProcess server = RedisServers.startPrivate()) {
            server.suspend();
            CommandLine.Result hung = CommandLine.run(Duration.ofSeconds(10), List.of(
                    RedisBinaries.cli().toString(), "-p", Integer.toString(server.port()), "-t", "1",
                    "ping"));
            assertThat(hung.output()).doesNotContain("PONG");
            server.resume();
            assertThat(RedisServers.answers(server.url())).isTrue();
        }
    }

    @Test
    void clusterReachesOkOnThreeLoopbackMasters() {
        try (RedisCluster cluster = RedisServers.startCluster()) {
            assertThat(cluster.nodeUrls()).hasSize(3).allMatch(u -> u.startsWith("redis://127.0.0.1:"));
            CommandLine.Result nodes = CommandLine.run(Duration.ofSeconds(5), List.of(
                    RedisBinaries.cli().toString(), "-p", Integer.toString(cluster.masters().get(0).port()),
                    "cluster", "nodes"));
            assertThat(nodes.output().lines().filter(l -> l.contains("master"))).hasSize(3);
        }
    }
}
