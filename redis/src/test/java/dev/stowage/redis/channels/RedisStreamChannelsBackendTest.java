package dev.stowage.redis.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.channels.ChannelEvent;
import dev.stowage.channels.ChannelsBackend;
import dev.stowage.channels.ChannelsBackendContract;
import dev.stowage.channels.ChannelsHistoryContract;
import dev.stowage.channels.ChannelsUri;
import dev.stowage.channels.EventProbe;
import dev.stowage.redis.SharedRedisClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

class RedisStreamChannelsBackendTest {

    private static SharedRedisClient shared;
    private static RedissonClient client;
    private static final List<RedisStreamChannelsBackend> CREATED = new java.util.ArrayList<>();

    @BeforeAll
    static void connect() {
        shared = RedisTestUris.client(RedisTestUris.standalone("redis-pubsub", ""));
        client = shared.client();
    }

    @AfterAll
    static void disconnect() {
        shared.close();
    }

    /** Deletes the streams every test made; each backend has its own prefix. */
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
                ChannelsUri.parse(RedisTestUris.standalone("redis-stream",
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
    void streamTimeToLiveIsRenewedOnEveryPublish() {
        try (RedisStreamChannelsBackend backend = backend("ttl=10m")) {
            backend.start();
            backend.publish(new byte[] {1}, List.of("a"));
            long first = client.getKeys().remainTimeToLive(backend.streamKey("a"));
            assertThat(first).isBetween(1L, 600_000L);
            client.getKeys().expire(backend.streamKey("a"), 5, java.util.concurrent.TimeUnit.SECONDS);
            backend.publish(new byte[] {2}, List.of("a"));
            assertThat(client.getKeys().remainTimeToLive(backend.streamKey("a"))).isGreaterThan(500_000L);
        }
    }

    @Test
    void withoutTimeToLiveStreamsDoNotExpire() {
        try (RedisStreamChannelsBackend backend = backend("ttl=0s")) {
            backend.start();
            backend.publish(new byte[] {1}, List.of("a"));
            assertThat(client.getKeys().remainTimeToLive(backend.streamKey("a"))).isEqualTo(-1L);
        }
    }

    @Test
    void approximateCappingKeepsAtLeastTheHistoryButBoundsTheStream() {
        try (RedisStreamChannelsBackend backend = backend("history=10&approximate=true")) {
            backend.start();
            for (int i = 0; i < 1000; i++) {
                backend.publish(Integer.toString(i).getBytes(StandardCharsets.UTF_8), List.of("a"));
            }
            long length = client.getStream(backend.streamKey("a")).size();
            assertThat(length).isBetween(10L, 999L);
            List<byte[]> last = backend.history("a", 10);
            assertThat(new String(last.get(9), StandardCharsets.UTF_8)).isEqualTo("999");
        }
    }

    @Test
    void flushAllDeletesOnlyThisPrefixsStreams() {
        try (RedisStreamChannelsBackend mine = backend("history=5");
             RedisStreamChannelsBackend other = backend("history=5")) {
            mine.start();
            other.start();
            mine.publish(new byte[] {1}, List.of("a", "b", "c"));
            other.publish(new byte[] {1}, List.of("a"));
            client.getBucket(mine.settings().prefix() + ":plain", org.redisson.client.codec.StringCodec.INSTANCE).set("kept");
            try {
                assertThat(mine.flushAll()).isEqualTo(3);
                assertThat(mine.history("a")).isEmpty();
                assertThat(other.history("a")).hasSize(1);
                assertThat(client.getBucket(mine.settings().prefix() + ":plain", org.redisson.client.codec.StringCodec.INSTANCE).isExists()).isTrue();
            } finally {
                client.getBucket(mine.settings().prefix() + ":plain", org.redisson.client.codec.StringCodec.INSTANCE).delete();
            }
        }
    }

    /**
     * A subscribe while the reader blocks in {@code XREAD} on other streams ends that read at once, so a
     * burst published right after the subscribe is read from the subscription position at once: whole,
     * in order, and long before the block time is up (without the wake-up the read of the new stream
     * waited for the block to end, and a burst longer than {@code history} was trimmed unread meanwhile).
     * The history is larger than the burst, so a reader that is merely slower than the publisher (on a
     * loaded machine) loses nothing either.
     */
    @Test
    void aBurstRightAfterASubscribeArrivesWholeAndPromptlyWhileTheReaderBlocksOnOtherStreams() throws Exception {
        try (RedisStreamChannelsBackend backend = backend("history=200&approximate=false&block=5s")) {
            backend.start();
            EventProbe events = EventProbe.unbounded();
            backend.events().subscribe(events);
            backend.subscribe(List.of("a"));
            backend.publish(bytes("warm-up"), List.of("a"));
            assertThat(events.next()).isEqualTo(new ChannelEvent("a", bytes("warm-up")));
            Thread.sleep(200); // the reader is back in XREAD BLOCK 5000 on stream a only

            long start = System.nanoTime();
            backend.subscribe(List.of("b"));
            for (int i = 0; i < 50; i++) {
                backend.publish(bytes("m" + i), List.of("b"));
            }
            List<ChannelEvent> burst = events.next(50);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            List<ChannelEvent> expected = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                expected.add(new ChannelEvent("b", bytes("m" + i)));
            }
            assertThat(burst).containsExactlyElementsOf(expected);
            assertThat(took).isLessThan(Duration.ofSeconds(2));
            events.expectNothingFor(Duration.ofMillis(300));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keysAreTheChannelNameAfterAHashTaggedPrefix() {
        try (RedisStreamChannelsBackend backend = backend("history=5")) {
            backend.start();
            String prefix = backend.settings().prefix();
            assertThat(backend.streamKey("Room:1")).isEqualTo("{" + prefix + "}:Room:1");
        }
    }
}
