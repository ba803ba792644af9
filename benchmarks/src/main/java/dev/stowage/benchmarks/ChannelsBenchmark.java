package dev.stowage.benchmarks;

import dev.stowage.channels.ChannelEvent;
import dev.stowage.channels.ChannelsBackend;
import dev.stowage.channels.ChannelsBackends;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.api.RStream;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.StreamMessageId;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamReadArgs;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * Pub/sub on Redis: Stowage's channels backends ({@code redis-pubsub://}, {@code redis-stream://} with
 * its defaults: {@code MAXLEN ~ 100}, stream TTL renewed on publish) against Redisson's {@code RTopic}
 * ({@code PUBLISH}) and {@code RStream} ({@code XADD MAXLEN ~ 100}, read by a thread with blocking
 * {@code XREAD}). 100-byte messages on one channel, with one subscriber in the same process receiving
 * everything.
 * <ul>
 *   <li>{@link #publish}: publish throughput, messages per second (the subscriber receives meanwhile);</li>
 *   <li>{@link #roundTrip}: publish-to-receive latency, one message in flight, sampled (JMH
 *       {@code SampleTime}: p50 and p99 in microseconds).</li>
 * </ul>
 */
@State(Scope.Benchmark)
public class ChannelsBenchmark {

    /** The message size in bytes. */
    public static final int MESSAGE_BYTES = 100;
    /** How long {@link #roundTrip} waits for its message before failing. */
    public static final long RECEIVE_TIMEOUT_SECONDS = 10;

    /** Whose implementation: {@code stowage} or {@code redisson}. */
    @Param({"stowage", "redisson"})
    public String impl;

    /** The transport: {@code pubsub} (Redis Pub/Sub) or {@code streams} (Redis Streams). */
    @Param({"pubsub", "streams"})
    public String transport;

    private String prefix;
    private RedissonClient redisson;
    private ChannelsBackend backend;
    private RTopic topic;
    private RStream<byte[], byte[]> stream;
    private Thread streamReader;
    private volatile boolean closing;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private volatile Pending pending;
    private static final String CHANNEL = "bench";
    private static final byte[] FIELD = {'d'};

    private record Pending(long sequence, CompletableFuture<Void> arrived) {
    }

    /** Creates the benchmark; JMH sets the parameters. */
    public ChannelsBenchmark() {
    }

    /** Connects the publisher and starts the subscriber. */
    @Setup
    public void setUp() {
        prefix = Bench.unique("bench-ch");
        redisson = Bench.redisson();
        if ("stowage".equals(impl)) {
            String scheme = "pubsub".equals(transport) ? "redis-pubsub" : "redis-stream";
            backend = ChannelsBackends.open(scheme + "://" + Bench.redisHostPort() + "?prefix=" + prefix);
            backend.start();
            backend.subscribe(List.of(CHANNEL));
            backend.events().subscribe(new Flow.Subscriber<ChannelEvent>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ChannelEvent event) {
                    receive(event.data());
                }

                @Override
                public void onError(Throwable throwable) {
                    throwable.printStackTrace();
                }

                @Override
                public void onComplete() {
                }
            });
        } else if ("pubsub".equals(transport)) {
            topic = redisson.getTopic(prefix + ":" + CHANNEL, ByteArrayCodec.INSTANCE);
            topic.addListener(byte[].class, (channel, message) -> receive(message));
        } else {
            stream = redisson.getStream("{" + prefix + "}:" + CHANNEL, ByteArrayCodec.INSTANCE);
            StreamMessageId first = stream.add(StreamAddArgs.entry(FIELD, message(0)));
            streamReader = new Thread(() -> readStream(first), "redisson-stream-reader");
            streamReader.setDaemon(true);
            streamReader.start();
        }
        // Pub/Sub only delivers once the subscription is in place: wait for a message to come through.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RECEIVE_TIMEOUT_SECONDS);
        while (received.get() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the subscriber received nothing within "
                        + RECEIVE_TIMEOUT_SECONDS + " s");
            }
            send(message(sequence.incrementAndGet()));
            sleep(20);
        }
    }

    /** Stops the subscriber, closes the connections and deletes the benchmark's stream keys. */
    @TearDown
    public void tearDown() {
        closing = true;
        if (backend != null) {
            backend.close();
        }
        if (streamReader != null) {
            try {
                streamReader.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (topic != null) {
            topic.removeAllListeners();
        }
        redisson.getKeys().deleteByPattern("{" + prefix + "}*");
        redisson.shutdown();
    }

    /**
     * Publishes one 100-byte message.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void publish() {
        send(message(sequence.incrementAndGet()));
    }

    /**
     * Publishes one 100-byte message and waits until the subscriber has received it.
     *
     * @throws InterruptedException when interrupted while waiting
     * @throws ExecutionException never (the future is only completed normally)
     * @throws TimeoutException when the message does not arrive within {@value #RECEIVE_TIMEOUT_SECONDS} s
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void roundTrip() throws InterruptedException, ExecutionException, TimeoutException {
        long seq = sequence.incrementAndGet();
        Pending waiting = new Pending(seq, new CompletableFuture<>());
        pending = waiting;
        send(message(seq));
        waiting.arrived().get(RECEIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private void send(byte[] message) {
        if (backend != null) {
            backend.publish(message, List.of(CHANNEL));
        } else if (topic != null) {
            topic.publish(message);
        } else {
            stream.add(StreamAddArgs.entry(FIELD, message).trimNonStrict().maxLen(100).noLimit());
        }
    }

    private void receive(byte[] message) {
        received.incrementAndGet();
        Pending waiting = pending;
        if (waiting != null && ByteBuffer.wrap(message).getLong() == waiting.sequence()) {
            waiting.arrived().complete(null);
        }
    }

    private void readStream(StreamMessageId start) {
        StreamMessageId last = start;
        while (!closing) {
            Map<StreamMessageId, Map<byte[], byte[]>> read;
            try {
                read = stream.read(StreamReadArgs.greaterThan(last).count(100).timeout(Duration.ofMillis(250)));
            } catch (RuntimeException e) {
                if (closing) {
                    return;
                }
                throw e;
            }
            for (Map.Entry<StreamMessageId, Map<byte[], byte[]>> entry : read.entrySet()) {
                last = entry.getKey();
                for (byte[] value : entry.getValue().values()) {
                    receive(value);
                }
            }
        }
    }

    private static byte[] message(long sequence) {
        return ByteBuffer.allocate(MESSAGE_BYTES).putLong(sequence).array();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
