package dev.stowage.redis.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.channels.ChannelsBackend;
import dev.stowage.channels.ChannelsBackendContract;
import dev.stowage.channels.ChannelsHistoryContract;
import dev.stowage.channels.ChannelsUri;
import dev.stowage.redis.SharedRedisClient;
import dev.stowage.testing.RedisCluster;
import dev.stowage.testing.RedisServers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** Both contracts, and flushAll, on a 3-master Redis Cluster this test starts itself. */
class RedisStreamClusterTest {

    private static RedisCluster cluster;
    private static SharedRedisClient shared;
    private static RedissonClient client;
    private static final List<RedisStreamChannelsBackend> CREATED = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        cluster = RedisServers.startCluster();
        shared = RedisTestUris.client(RedisTestUris.cluster("redis-pubsub", cluster.nodeUrls(), ""));
        client = shared.client();
    }

    @AfterAll
    static void stopCluster() {
        shared.close();
        cluster.close();
    }

    @AfterEach
    void flush() {
        for (RedisStreamChannelsBackend backend : CREATED) {
            try (RedisStreamChannelsBackend cleaner = new RedisStreamChannelsBackend(client, backend.settings())) {
                cleaner.start();
                cleaner.flushAll();
            }
        }
        CREATED.clear();
    }

    static RedisStreamChannelsBackend backend(String params) {
        RedisStreamChannelsBackend backend = new RedisStreamChannelsBackend(client, RedisBackendSettings.streams(
                ChannelsUri.parse(RedisTestUris.cluster("redis-stream", cluster.nodeUrls(),
                        "prefix=" + RedisTestUris.uniquePrefix() + "&" + params))));
        CREATED.add(backend);
        return backend;
    }

    @Nested
    class Contract extends ChannelsBackendContract {
        @Override
        protected ChannelsBackend createBackend() {
            return backend("history=1000");
        }
    }

    @Nested
    class History extends ChannelsHistoryContract {
        @Override
        protected ChannelsBackend createBackend(int history) {
            return backend("approximate=false&history=" + history);
        }
    }

    @Test
    void flushAllScansEveryMasterAndDeletesOnlyItsStreams() {
        try (RedisStreamChannelsBackend mine = backend("history=5");
             RedisStreamChannelsBackend other = backend("history=5")) {
            mine.start();
            other.start();
            List<String> channels = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                channels.add("ch" + i);
            }
            mine.publish(new byte[] {1}, channels);
            other.publish(new byte[] {1}, channels);
            assertThat(mine.flushAll()).isEqualTo(40);
            assertThat(mine.history("ch0")).isEmpty();
            assertThat(other.history("ch0")).hasSize(1);
        }
    }

    @Test
    void openedByUriWithSeedNodesItConnectsToTheCluster() throws Exception {
        String uri = RedisTestUris.cluster("redis-stream", cluster.nodeUrls(),
                "prefix=" + RedisTestUris.uniquePrefix() + "&history=3");
        try (ChannelsBackend backend = dev.stowage.channels.ChannelsBackends.open(uri)) {
            backend.start();
            backend.publish(new byte[] {1}, List.of("a", "b"));
            assertThat(backend.history("b")).hasSize(1);
            ((RedisStreamChannelsBackend) backend).flushAll();
        }
    }
}
