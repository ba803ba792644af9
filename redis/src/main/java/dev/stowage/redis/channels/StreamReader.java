package dev.stowage.redis.channels;

import dev.stowage.channels.ChannelEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RStream;
import org.redisson.api.RStreamAsync;
import org.redisson.api.RedissonClient;
import org.redisson.api.StreamMessageId;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamMultiReadArgs;
import org.redisson.client.codec.Codec;

/**
 * The loop that reads the subscribed streams, on its own daemon thread: one blocking
 * {@code XREAD COUNT n BLOCK ms STREAMS wake key... id...} over every subscribed stream at a time, each
 * from the id it last read. With nothing subscribed it waits on a condition (Litestar's
 * {@code stream_sleep_no_subscriptions}, without polling).
 *
 * <p>Every read also blocks on the reader's own wake-up stream ({@link StreamKeys#wakeKey(String)}).
 * When {@link #add(Map)} adds streams while a read is under way, it appends one entry there
 * ({@code XADD MAXLEN 1} and a {@value #WAKE_TTL_SECONDS} s {@code EXPIRE}, in one {@code MULTI}),
 * which ends that read at once; the next read includes the new streams, from the positions they
 * were added with. So a burst published right after a subscribe is read before {@code MAXLEN} trims
 * it, whatever the block time. {@link #stop()} wakes the read the same way.
 *
 * <p>A position only moves forward, and an entry is handed on only while its stream is subscribed
 * and its id is past the position, so an unsubscribe, or a re-subscribe during a read, never lets
 * an older entry through. Thread-safe.
 */
final class StreamReader {

    private static final System.Logger LOG = System.getLogger(StreamReader.class.getName());
    private static final int BATCH = 256;
    /** How long a wake-up stream outlives its last entry; the reader reads an entry within milliseconds. */
    static final int WAKE_TTL_SECONDS = 10;

    private final RedissonClient client;
    private final Codec codec;
    private final StreamKeys keys;
    private final Duration block;
    private final Consumer<ChannelEvent> sink;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, StreamMessageId> positions = new LinkedHashMap<>();
    private final String wakeKey;
    /** The newest wake-up entry read; touched by the reader thread only. */
    private StreamMessageId wokenAfter = new StreamMessageId(0, 0);
    /** Whether a read over a snapshot of {@link #positions} is under way; guarded by {@link #lock}. */
    private boolean reading;
    private volatile boolean running = true;
    private final Thread thread;

    /**
     * Starts the reader thread; it waits until a stream is added.
     *
     * @param client the connected client; never null
     * @param codec the streams' entry codec (field names as strings, values as bytes); never null
     * @param keys the backend's key naming; never null
     * @param block how long one {@code XREAD} blocks; positive
     * @param sink receives each entry read, on the reader thread, in stream order per channel; may
     *     block (backpressure), never null
     */
    StreamReader(RedissonClient client, Codec codec, StreamKeys keys, Duration block,
                 Consumer<ChannelEvent> sink) {
        this.client = client;
        this.codec = codec;
        this.keys = keys;
        this.block = block;
        this.sink = sink;
        this.wakeKey = keys.wakeKey(UUID.randomUUID().toString());
        this.thread = new Thread(this::run, "stowage-redis-stream-reader");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Starts reading streams, each after an id; a stream already read keeps its position. When a read
     * over the streams before is under way, ends it at once (see the class comment), so that the new
     * streams are read from their ids before anything published to them can be trimmed.
     *
     * @param starts stream key to the id to read after; never null
     * @throws org.redisson.client.RedisException when the wake-up entry cannot be written; the streams
     *     are added anyway and read at the latest after the block time
     */
    void add(Map<String, StreamMessageId> starts) {
        boolean wake = false;
        lock.lock();
        try {
            for (Map.Entry<String, StreamMessageId> start : starts.entrySet()) {
                wake |= positions.putIfAbsent(start.getKey(), start.getValue()) == null && reading;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (wake) {
            wake();
        }
    }

    /** Appends an entry to the wake-up stream, ending a blocked read over it at once. */
    private void wake() {
        RBatch batch = client.createBatch(BatchOptions.defaults()
                .executionMode(BatchOptions.ExecutionMode.IN_MEMORY_ATOMIC));
        RStreamAsync<String, byte[]> stream = batch.getStream(wakeKey, codec);
        stream.addAsync(StreamAddArgs.<String, byte[]>entry("wake", new byte[0]).trim().maxLen(1).noLimit());
        stream.expireAsync(Duration.ofSeconds(WAKE_TTL_SECONDS));
        batch.execute();
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
        boolean wake;
        lock.lock();
        try {
            wake = reading;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (wake) {
            try {
                wake();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "could not wake the stream reader; it stops after its block time", e);
            }
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
            } finally {
                endRead();
            }
        }
    }

    private Map<String, StreamMessageId> awaitPositions() {
        lock.lock();
        try {
            while (running && positions.isEmpty()) {
                changed.awaitUninterruptibly();
            }
            reading = running && !positions.isEmpty();
            return reading ? new LinkedHashMap<>(positions) : Map.of();
        } finally {
            lock.unlock();
        }
    }

    private void endRead() {
        lock.lock();
        try {
            reading = false;
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
        RStream<String, byte[]> wakeStream = client.getStream(wakeKey, codec);
        Map<String, Map<StreamMessageId, Map<String, byte[]>>> result = wakeStream.read(
                StreamMultiReadArgs.greaterThan(wokenAfter, snapshot).count(BATCH).timeout(block));
        if (result == null) {
            return;
        }
        for (Map.Entry<String, Map<StreamMessageId, Map<String, byte[]>>> perStream : result.entrySet()) {
            String key = perStream.getKey();
            if (key.equals(wakeKey)) {
                for (StreamMessageId id : perStream.getValue().keySet()) {
                    if (compare(id, wokenAfter) > 0) {
                        wokenAfter = id;
                    }
                }
                continue;
            }
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
