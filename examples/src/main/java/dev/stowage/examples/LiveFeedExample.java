package dev.stowage.examples;

import dev.stowage.channels.ChannelEvent;
import dev.stowage.channels.Channels;
import dev.stowage.channels.Subscriber;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A live feed: a reporter publishes score updates to a match channel, a late reader catches up from
 * the history and then follows live, and a chat room echoes on a background thread.
 *
 * <p>Runs on {@code memory:} by default; {@code --redis redis://127.0.0.1:6379} runs it on the Redis
 * Streams backend (a random key prefix, deleted at the end).
 */
public final class LiveFeedExample {

    private LiveFeedExample() {
    }

    /**
     * Runs the example.
     *
     * @param args none, or {@code --redis <redis-url>}
     * @throws Exception when the feed fails
     */
    public static void main(String[] args) throws Exception {
        run(args, System.out);
    }

    static void run(String[] args, PrintStream out) throws Exception {
        String uri = "memory:?history=10";
        if (args.length == 2 && args[0].equals("--redis")) {
            // redis://, rediss://, valkey://, valkeys:// become the same server's -stream scheme
            uri = args[1].replaceFirst("^(rediss?|valkeys?)://", "$1-stream://") + "?history=10&approximate=false&prefix=live-feed-"
                    + java.util.UUID.randomUUID();
        }
        try (Channels channels = Channels.builder(uri).arbitraryChannelsAllowed(true).build()) {
            for (int minute : new int[] {12, 37, 55}) {
                channels.publish(Map.of("minute", minute, "event", "goal"), "match:42").get(10, TimeUnit.SECONDS);
            }
            try (Subscriber late = channels.subscribe(List.of("match:42"), 10)) {
                for (int i = 0; i < 3; i++) {
                    out.println("history " + late.poll(Duration.ofSeconds(10)).text());
                }
                channels.publish(Map.of("minute", 90, "event", "final whistle"), "match:42");
                out.println("live " + late.poll(Duration.ofSeconds(10)).text());
            }
            CountDownLatch chatted = new CountDownLatch(2);
            try (Subscriber room = channels.subscribe("chat")) {
                room.runInBackground((ChannelEvent e) -> {
                    out.println("chat " + e.text());
                    chatted.countDown();
                });
                channels.publish("what a match!", "chat");
                channels.publish("see you next week", "chat");
                if (!chatted.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("chat messages did not arrive");
                }
            }
            if (channels.backend() instanceof dev.stowage.redis.channels.RedisStreamChannelsBackend streams) {
                streams.flushAll();
            }
        }
    }
}
