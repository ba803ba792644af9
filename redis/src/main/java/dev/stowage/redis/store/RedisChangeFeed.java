package dev.stowage.redis.store;

import dev.stowage.store.ChangeFeed;
import dev.stowage.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.RStream;
import org.redisson.api.StreamMessageId;
import org.redisson.api.RTopic;
import org.redisson.api.listener.BaseStatusListener;
import org.redisson.client.RedisException;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;

/**
 * The change feed of one {@link RedisStore} namespace (a JCache cache): its messages travel on the
 * Redis Pub/Sub channel {@code stowage-events:PATH#events} through the channels SPI
 * ({@link EventChannels}), and who listens is kept in Redis:
 * <ul>
 *   <li>the <b>listener registry</b> {@code PATH#listeners}, a sorted set (same hash slot as the
 *       namespace's keys, outside its key space) whose members are the listening feeds' ids, scored by
 *       the end of their lease ({@value #LEASE_SECONDS} s, renewed every {@value #HEARTBEAT_SECONDS} s
 *       while listening; while some feed listens, every feed removes the members past their lease and
 *       counts again at each heartbeat, so a killed JVM stops costing publishes within a lease and a
 *       heartbeat; while nobody listens, a feed sends nothing at all);</li>
 *   <li>one <b>control channel</b>, {@code stowage-events:control}, to which each root store with an
 *       open feed is subscribed once: a feed that starts or stops listening publishes its namespace
 *       path to it, and every feed of that namespace then counts the registry again
 *       ({@code ZCOUNT}).</li>
 * </ul>
 * So {@link #listened()} is a local answer (no round trip), refreshed on each control message and at
 * each heartbeat; a feed of a JVM where nobody listens publishes nothing. A listener's subscription is
 * watched with Redisson's status listener: when Redisson subscribes again after a lost connection, the
 * feed reads what was published meanwhile from the feed's history. Messages are numbered by the feed's
 * sequence counter ({@link #sequenceKey}) and kept in its history ({@link #historyKey}) by the write
 * script: a listener fills a missing number from the history and reports a gap only for what the history
 * no longer holds ({@link FeedSequence}); at each heartbeat it also catches up with the counter, so a lost
 * last message arrives within one. Thread-safe.
 */
final class RedisChangeFeed implements ChangeFeed {

    static final long LEASE_SECONDS = 30;
    static final long HEARTBEAT_SECONDS = 10;

    /** The one control channel of all feeds: a message names the namespace path whose listeners changed. */
    static final String CONTROL_CHANNEL = "control";
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "stowage-redis-change-feeds");
        thread.setDaemon(true);
        return thread;
    });

    private final RedisStore store;
    private final EventChannels channels;
    private final String path;
    private final String eventsChannel;
    private final byte[] changed;
    private final RScoredSortedSet<String> registry;
    private final String id = UUID.randomUUID().toString();
    private final Runnable controlRoute;
    private final ScheduledFuture<?> heartbeat;
    private volatile boolean listened;
    private boolean listening;
    private boolean closed;
    private Runnable eventsRoute;
    private volatile FeedSequence sequence;
    private RTopic statusTopic;
    private int statusListener;

    /**
     * Opens the feed of a namespace: subscribes to its control channel and counts its listeners.
     *
     * @param store the namespace's store, not {@code null}
     * @param channels the root's channels, not {@code null}
     * @param path the namespace's key path ({@link KeyLayout#toString()}), not {@code null}
     */
    RedisChangeFeed(RedisStore store, EventChannels channels, String path) {
        this.store = store;
        this.channels = channels;
        this.path = path;
        this.eventsChannel = path + "#events";
        this.changed = path.getBytes(StandardCharsets.UTF_8);
        this.registry = store.client().getScoredSortedSet(path + "#listeners", StringCodec.INSTANCE);
        this.controlRoute = call(() -> channels.route(CONTROL_CHANNEL, message -> {
            if (Arrays.equals(message, changed)) {
                refreshQuietly();
            }
        }));
        try {
            refresh();
        } catch (RuntimeException e) {
            controlRoute.run();
            throw e;
        }
        this.heartbeat = TIMER.scheduleWithFixedDelay(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public boolean listened() {
        return listened;
    }

    /**
     * Returns the Redis Pub/Sub channel of the change feed of the namespace {@code path}.
     *
     * @param path the namespace's key path ({@link KeyLayout#toString()}), not {@code null}
     * @return {@code stowage-events:PATH#events}
     */
    static String redisChannel(String path) {
        return EventChannels.redisChannel(path + "#events");
    }

    /**
     * Returns the sequence counter of the change feed of the namespace {@code path}: a Redis integer in
     * the namespace's hash slot, outside its key space, that numbers the feed's messages
     * ({@code write-and-unlock.lua} increments it for each message it publishes).
     *
     * @param path the namespace's key path, not {@code null}
     * @return {@code PATH#sequence}
     */
    static String sequenceKey(String path) {
        return path + "#sequence";
    }

    /**
     * {@inheritDoc}
     *
     * <p>Inside a {@link RedisStore#computeExclusive} step of this feed's namespace, on the step's
     * thread, the message is held and sent by the step's write script, atomically with the write and
     * under the key's lock (not at all when the write is fenced off); elsewhere one {@code EVALSHA} of
     * the channels backend's publish script.
     */
    @Override
    public void publish(byte[] message) {
        Objects.requireNonNull(message, "message");
        if (HeldMessages.hold(path, store.client(), message)) {
            return;
        }
        call(() -> {
            channels.publish(eventsChannel, FeedSequence.unnumbered(message));
            return null;
        });
    }

    @Override
    public synchronized void listen(Consumer<byte[]> messages, Runnable gap) {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(gap, "gap");
        if (listening || closed) {
            return;
        }
        AtomicBoolean subscribed = new AtomicBoolean();
        FeedSequence sequence = new FeedSequence(eventsChannel, this::history, gap, messages);
        // the codec of the channels backend's own subscription to this channel: Redisson keeps one per channel
        statusTopic = store.client().getTopic(redisChannel(path), ByteArrayCodec.INSTANCE);
        statusListener = call(() -> statusTopic.addListener(new BaseStatusListener() {
            @Override
            public void onSubscribe(String channel) {
                if (!subscribed.compareAndSet(false, true)) {
                    // subscribed again: fill what was published meanwhile from the history, off Redisson's thread
                    TIMER.execute(() -> catchUp(sequence));
                }
            }
        }));
        eventsRoute = call(() -> channels.route(eventsChannel, sequence::accept));
        this.sequence = sequence;
        listening = true;
        listened = true;
        call(() -> registry.add(leaseEnd(), id));
        call(() -> {
            channels.publish(CONTROL_CHANNEL, changed);
            return null;
        });
    }

    @Override
    public synchronized void unlisten() {
        if (!listening) {
            return;
        }
        listening = false;
        sequence = null;
        eventsRoute.run();
        call(() -> {
            statusTopic.removeListener(statusListener);
            return null;
        });
        call(() -> registry.remove(id));
        call(() -> {
            channels.publish(CONTROL_CHANNEL, changed);
            return null;
        });
        refresh();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        heartbeat.cancel(false);
        try {
            unlisten();
        } catch (RuntimeException e) {
            System.getLogger(RedisChangeFeed.class.getName()).log(System.Logger.Level.WARNING,
                    "closing the change feed " + eventsChannel + " of " + store + " failed", e);
        } finally {
            controlRoute.run();
        }
    }

    /**
     * Returns the history stream of the change feed of the namespace {@code path}: the recent messages
     * ({@code XADD ... MAXLEN ~ 10000}, ID {@code N-0} for message number {@code N}), in the namespace's
     * hash slot, outside its key space, expiring an hour after the last message.
     *
     * @param path the namespace's key path, not {@code null}
     * @return {@code PATH#history}
     */
    static String historyKey(String path) {
        return path + "#history";
    }

    /** Reads kept messages {@code from} to {@code to}: {@code XRANGE PATH#history from-0 to-0}. */
    private List<FeedSequence.Numbered> history(long from, long to) {
        RStream<byte[], byte[]> stream = store.client().getStream(historyKey(path), ByteArrayCodec.INSTANCE);
        Map<StreamMessageId, Map<byte[], byte[]>> kept = call(() -> stream.range(new StreamMessageId(from, 0),
                new StreamMessageId(to, 0)));
        List<FeedSequence.Numbered> numbered = new ArrayList<>(kept.size());
        kept.forEach((messageId, fields) -> fields.values().stream().findFirst().ifPresent(data ->
                numbered.add(new FeedSequence.Numbered(messageId.getId0(), data))));
        return numbered;
    }

    /** Hands on what the listener missed up to the feed's counter ({@code GET PATH#sequence}). */
    private void catchUp(FeedSequence listening) {
        if (listening == null) {
            return;
        }
        try {
            String counter = call(() -> store.client().<String>getBucket(sequenceKey(path), StringCodec.INSTANCE).get());
            listening.catchUp(counter == null ? 0 : Long.parseLong(counter));
        } catch (RuntimeException e) {
            System.getLogger(RedisChangeFeed.class.getName()).log(System.Logger.Level.DEBUG,
                    "catching up with " + eventsChannel + " failed; the next heartbeat tries again", e);
        }
    }

    /** Counts the registry's live members: {@code ZCOUNT PATH#listeners now +inf}. */
    private void refresh() {
        boolean others = call(() -> registry.count(System.currentTimeMillis(), false, Double.POSITIVE_INFINITY, true)) > 0;
        listened = listening || others;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            System.getLogger(RedisChangeFeed.class.getName()).log(System.Logger.Level.DEBUG,
                    "counting the listeners of " + eventsChannel + " failed; the next heartbeat tries again", e);
        }
    }

    /** Renews this feed's lease while listening, drops members past theirs, and counts again. */
    private void beat() {
        try {
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (listening) {
                    registry.add(leaseEnd(), id);
                } else if (!listened) {
                    // nobody listens: a new listener tells on the control channel; an idle feed sends nothing
                    return;
                }
            }
            registry.removeRangeByScore(Double.NEGATIVE_INFINITY, true, System.currentTimeMillis(), true);
            refresh();
            catchUp(sequence);
        } catch (RuntimeException e) {
            System.getLogger(RedisChangeFeed.class.getName()).log(System.Logger.Level.DEBUG,
                    "the heartbeat of " + eventsChannel + " failed; the next one tries again", e);
        }
    }

    private static double leaseEnd() {
        return System.currentTimeMillis() + Duration.ofSeconds(LEASE_SECONDS).toMillis();
    }

    private <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RedisException | IllegalStateException e) {
            throw new StoreException("the change feed " + eventsChannel + " of " + store + " failed: " + e.getMessage(), e);
        }
    }
}
