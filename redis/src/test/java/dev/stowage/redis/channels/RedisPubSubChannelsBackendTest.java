package dev.stowage.redis.channels;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.channels.ChannelsBackend;
import dev.stowage.channels.ChannelsBackendContract;
import dev.stowage.channels.ChannelsBackends;
import dev.stowage.channels.ChannelsUri;
import dev.stowage.redis.SharedRedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

class RedisPubSubChannelsBackendTest {

    private static SharedRedisClient shared;
    private static RedissonClient client;

    @BeforeAll
    static void connect() {
        shared = RedisTestUris.client(RedisTestUris.standalone("redis-pubsub", ""));
        client = shared.client();
    }

    @AfterAll
    static void disconnect() {
        shared.close();
    }

    private static RedisBackendSettings settings() {
        return RedisBackendSettings.pubSub(ChannelsUri.parse(RedisTestUris.standalone("redis-pubsub",
                "prefix=" + RedisTestUris.uniquePrefix())));
    }

    @Nested
    class Contract extends ChannelsBackendContract {
        @Override
        protected ChannelsBackend createBackend() {
            return new RedisPubSubChannelsBackend(client, settings());
        }
    }

    @Test
    void historyIsUnsupported() {
        try (ChannelsBackend backend = new RedisPubSubChannelsBackend(client, settings())) {
            backend.start();
            assertThatThrownBy(() -> backend.history("a", 1))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("no history");
        }
    }

    @Test
    void openedByUriItConnectsOnStart() throws Exception {
        String uri = RedisTestUris.standalone("redis-pubsub", "prefix=" + RedisTestUris.uniquePrefix());
        try (ChannelsBackend backend = ChannelsBackends.open(uri)) {
            backend.start();
            dev.stowage.channels.EventProbe events = dev.stowage.channels.EventProbe.unbounded();
            backend.events().subscribe(events);
            backend.subscribe(java.util.List.of("a"));
            backend.publish(new byte[] {7}, java.util.List.of("a"));
            org.assertj.core.api.Assertions.assertThat(events.next().data()).containsExactly(7);
        }
    }
}
