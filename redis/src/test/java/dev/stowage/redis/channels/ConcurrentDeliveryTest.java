package dev.stowage.redis.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.channels.ChannelEvent;
import dev.stowage.channels.ChannelsBackend;
import dev.stowage.channels.ChannelsUri;
import dev.stowage.redis.SharedRedisClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * 4 publishers and 4 subscribers on 16 channels: every subscriber gets every message exactly once,
 * in publish order per publisher and channel.
 */
class ConcurrentDeliveryTest {

    private static final int PUBLISHERS = 4;
    private static final int SUBSCRIBERS = 4;
    private static final int CHANNELS = 16;
    private static final int PER_CHANNEL = 40;
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

    @Test
    void pubSubDeliversEveryMessageOnceInOrder() throws Exception {
        String prefix = RedisTestUris.uniquePrefix();
        run(p -> new RedisPubSubChannelsBackend(client, RedisBackendSettings.pubSub(ChannelsUri.parse(
                RedisTestUris.standalone("redis-pubsub", "prefix=" + prefix)))));
    }

    @Test
    void streamsDeliverEveryMessageOnceInOrder() throws Exception {
        String prefix = RedisTestUris.uniquePrefix();
        Function<Integer, ChannelsBackend> factory = p -> new RedisStreamChannelsBackend(client,
                RedisBackendSettings.streams(ChannelsUri.parse(RedisTestUris.standalone("redis-stream",
                        "prefix=" + prefix + "&history=10000&ttl=1m"))));
        try {
            run(factory);
        } finally {
            try (RedisStreamChannelsBackend cleaner = (RedisStreamChannelsBackend) factory.apply(0)) {
                cleaner.start();
                cleaner.flushAll();
            }
        }
    }

    private void run(Function<Integer, ChannelsBackend> factory) throws Exception {
        List<String> channels = IntStream.range(0, CHANNELS).mapToObj(i -> "room-" + i).toList();
        List<ChannelsBackend> subscribers = new ArrayList<>();
        List<LinkedBlockingQueue<ChannelEvent>> received = new ArrayList<>();
        ChannelsBackend publisher = factory.apply(-1);
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        try {
            publisher.start();
            for (int s = 0; s < SUBSCRIBERS; s++) {
                ChannelsBackend backend = factory.apply(s);
                backend.start();
                LinkedBlockingQueue<ChannelEvent> queue = new LinkedBlockingQueue<>();
                backend.events().subscribe(collector(queue));
                backend.subscribe(channels);
                subscribers.add(backend);
                received.add(queue);
            }
            List<Future<?>> publishing = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                int id = p;
                publishing.add(pool.submit(() -> {
                    for (int n = 0; n < PER_CHANNEL; n++) {
                        for (String channel : channels) {
                            publisher.publish((id + ":" + n).getBytes(StandardCharsets.UTF_8), List.of(channel));
                        }
                    }
                }));
            }
            for (Future<?> f : publishing) {
                f.get(60, TimeUnit.SECONDS);
            }
            int expected = PUBLISHERS * CHANNELS * PER_CHANNEL;
            for (LinkedBlockingQueue<ChannelEvent> queue : received) {
                Map<String, List<Integer>> byPublisherAndChannel = new HashMap<>();
                for (int i = 0; i < expected; i++) {
                    ChannelEvent event = queue.poll(30, TimeUnit.SECONDS);
                    assertThat(event).as("event %d of %d", i, expected).isNotNull();
                    String[] parts = event.text().split(":");
                    byPublisherAndChannel.computeIfAbsent(parts[0] + "/" + event.channel(), k -> new ArrayList<>())
                            .add(Integer.parseInt(parts[1]));
                }
                assertThat(queue.poll(200, TimeUnit.MILLISECONDS)).as("no duplicate").isNull();
                assertThat(byPublisherAndChannel).hasSize(PUBLISHERS * CHANNELS);
                List<Integer> inOrder = IntStream.range(0, PER_CHANNEL).boxed().toList();
                byPublisherAndChannel.forEach((key, seqs) -> assertThat(seqs).as(key).isEqualTo(inOrder));
            }
        } finally {
            pool.shutdownNow();
            subscribers.forEach(ChannelsBackend::close);
            publisher.close();
        }
    }

    private static Flow.Subscriber<ChannelEvent> collector(LinkedBlockingQueue<ChannelEvent> queue) {
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ChannelEvent item) {
                queue.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        };
    }
}
