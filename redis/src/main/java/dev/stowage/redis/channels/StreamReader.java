package dev.stowage.redis.channels;

import dev.stowage.channels.ChannelEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.StreamMessageId;
import org.redisson.api.stream.StreamMultiReadArgs;
import org.redisson.client.codec.Codec;

/**
 * The loop that reads the subscribed streams, on its own daemon thread: one blocking
 * {@code XREAD COUNT n BLOCK ms STREAMS key... id...} over every subscribed stream at a time, each
 * from the id it last read. With nothing subscribed it waits on a condition (Litestar's
 * {@code stream_sleep_no_subscriptions}, without polling).
 *
 * <p>A position only moves forward, and an entry is handed on only while its stream is subscribed
 * and its id is past the position, so an unsubscribe, or a re-subscribe during a read, never lets
 * an older entry through. Thread-safe.
 */
final class StreamReader {

    private static final System.Logger LOG = System.getLogger(StreamReader.class.getName());
    private static final int BATCH = 256;

    private final RedissonClient client;
    private final Codec codec;
    private final StreamKeys keys;
    private final Duration block;
    private final Consumer<ChannelEvent> sink;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, StreamMessageId> positions = new LinkedHashMap<>();
    private volatile boolean running = true;
    private final Thread thread;

    StreamReader(RedissonClient client, Codec codec, StreamKeys keys, Duration block,
                 Consumer<ChannelEvent> sink) {
        this.client = client;
        this.codec = codec;
        this.keys = keys;
        this.block = block;
        this.sink = sink;
        this.thread = new Thread(this::run, "stowage-redis-stream-reader");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Starts reading a stream after an id; a stream already read keeps its position.
     *
     * @param key the stream key
     * @param after the id to read after
     */
    void add(String key, StreamMessageId after) {
        lock.lock();
        try {
            positions.putIfAbsent(key, after);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops reading a stream; entries of it read meanwhile are dropped.
     *
     * @param key the stream key
     */
    void remove(String key) {
        lock.lock();
        try {
            positions.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the loop and waits up to the block time plus five seconds for it to end.
     */
    void stop() {
        running = false;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(block.toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            Map<String, StreamMessageId> snapshot = awaitPositions();
            if (snapshot.isEmpty()) {
                continue;
            }
            try {
                read(snapshot);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "reading channel streams failed; retrying in 1 s", e);
                pause();
            }
        }
    }

    private Map<String, StreamMessageId> awaitPositions() {
        lock.lock();
        try {
            while (running && positions.isEmpty()) {
                changed.awaitUninterruptibly();
            }
            return new LinkedHashMap<>(positions);
        } finally {
            lock.unlock();
        }
    }

    private void pause() {
        lock.lock();
        try {
            if (running) {
                changed.await(1, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void read(Map<String, StreamMessageId> snapshot) {
        String first = snapshot.keySet().iterator().next();
        StreamMessageId firstId = snapshot.remove(first);
        RStream<String, byte[]> stream = client.getStream(first, codec);
        Map<String, Map<StreamMessageId, Map<String, byte[]>>> result = stream.read(
                StreamMultiReadArgs.greaterThan(firstId, snapshot).count(BATCH).timeout(block));
        if (result == null) {
            return;
        }
        for (Map.Entry<String, Map<StreamMessageId, Map<String, byte[]>>> perStream : result.entrySet()) {
            String key = perStream.getKey();
            String channel = keys.channel(key);
            for (Map.Entry<StreamMessageId, Map<String, byte[]>> entry : perStream.getValue().entrySet()) {
                if (advance(key, entry.getKey())) {
                    byte[] data = entry.getValue().get("data");
                    if (data != null) {
                        sink.accept(new ChannelEvent(channel, data));
                    }
                }
            }
        }
    }

    private boolean advance(String key, StreamMessageId id) {
        lock.lock();
        try {
            StreamMessageId position = positions.get(key);
            if (position == null || compare(id, position) <= 0) {
                return false;
            }
            positions.put(key, id);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private static int compare(StreamMessageId a, StreamMessageId b) {
        int byTime = Long.compareUnsigned(a.getId0(), b.getId0());
        return byTime != 0 ? byTime : Long.compareUnsigned(a.getId1(), b.getId1());
    }
}
