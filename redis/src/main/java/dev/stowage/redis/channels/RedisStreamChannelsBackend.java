package dev.stowage.redis.channels;

import dev.stowage.channels.support.AbstractChannelsBackend;
import dev.stowage.channels.support.ChannelNames;
import dev.stowage.redis.LuaScript;
import dev.stowage.redis.RedisClients;
import dev.stowage.redis.RedisKeyScan;
import dev.stowage.redis.SharedRedisClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.redisson.api.RScript;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.StreamMessageId;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.Codec;
import org.redisson.client.codec.StringCodec;
import org.redisson.codec.CompositeCodec;

/**
 * Redis Streams backend, after Litestar's {@code RedisChannelsStreamBackend}: every channel is a
 * stream ({@link StreamKeys}: {@code {<prefix>}:<channel>}) holding its history.
 * <ul>
 *   <li>{@link #publish} runs {@code publish-to-streams.lua}: an {@code XADD ... MAXLEN [~|=] history}
 *       per channel and, when a time to live is set, a {@code PEXPIRE}, all atomically;</li>
 *   <li>{@link #subscribe} records each stream's newest id ({@code last-stream-ids.lua}): a subscriber
 *       receives what is published after it subscribed; older messages come only from
 *       {@link #history};</li>
 *   <li>one reader thread blocks in {@code XREAD} over all subscribed streams ({@link StreamReader}),
 *       and waits without polling while nothing is subscribed; a subscribe ends a blocked read at
 *       once (through the reader's wake-up stream, {@code {<prefix>}#wake:<uuid>}), so nothing
 *       published after the subscription is lost, whatever {@code block} is; it reads no more while
 *       an events subscriber's buffer is full (backpressure);</li>
 *   <li>{@link #history} is {@code XREVRANGE key + - COUNT limit}, returned oldest first;</li>
 *   <li>{@link #flushAll()} deletes this prefix's streams with {@code SCAN} on every master and
 *       {@code UNLINK} ({@link RedisKeyScan}), so it works on a cluster, never blocking Redis in a
 *       script.</li>
 * </ul>
 * The streams are the only buffer: a reader that falls more than {@code history} messages behind
 * on a channel (e.g. while the events subscribers apply backpressure) finds the oldest ones
 * trimmed, and skips them, as Litestar's backend does; size {@code history} for that.
 * All streams of a prefix share one cluster hash slot (that is what makes multi-channel publish
 * atomic and one {@code XREAD} possible on a cluster). Thread-safe.
 */
public final class RedisStreamChannelsBackend extends AbstractChannelsBackend {

    private static final LuaScript PUBLISH = LuaScript.resource("publish-to-streams.lua");
    private static final LuaScript LAST_IDS = LuaScript.resource("last-stream-ids.lua");
    private static final Codec ENTRY_CODEC = new CompositeCodec(StringCodec.INSTANCE, ByteArrayCodec.INSTANCE);

    private final RedisBackendSettings settings;
    private final StreamKeys keys;
    private final boolean ownsClient;
    private SharedRedisClient shared;
    private final byte[] maxLen;
    private final byte[] capMode;
    private final byte[] ttlMillis;
    private RedissonClient client;
    private RScript publishScript;
    private RScript idScript;
    private StreamReader reader;

    /**
     * Creates an unstarted backend that takes a hold on the client {@link RedisClients} shares for its
     * URI's connection settings on {@link #start()}, and gives it up on {@link #close()}.
     *
     * @param settings read from a {@code redis-stream} URI ({@link RedisBackendSettings#streams}); never null
     */
    public RedisStreamChannelsBackend(RedisBackendSettings settings) {
        this(null, settings);
    }

    /**
     * Creates an unstarted backend on a client the caller owns (and closes after this backend). The
     * connection settings of {@code settings} are not used, only its prefix, history, capping, time to live,
     * block time and buffer.
     *
     * @param client a connected Redisson client, or null to connect by {@code settings}
     * @param settings the stream settings; never null
     * @throws IllegalArgumentException when {@code settings.history() < 1}
     */
    public RedisStreamChannelsBackend(RedissonClient client, RedisBackendSettings settings) {
        super(settings.redis().scheme() + " " + settings.nodes(), settings.eventBuffer());
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.history() < 1) {
            throw new IllegalArgumentException("redis-stream history must be >= 1, was " + settings.history());
        }
        this.client = client;
        this.ownsClient = client == null;
        this.keys = new StreamKeys(settings.prefix());
        this.maxLen = ascii(Integer.toString(settings.history()));
        this.capMode = ascii(settings.approximate() ? "~" : "=");
        this.ttlMillis = ascii(Long.toString(settings.ttl().toMillis()));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    protected void doStart() {
        if (ownsClient) {
            shared = RedisClients.acquire(settings.redis());
            client = shared.client();
        }
        publishScript = client.getScript(ByteArrayCodec.INSTANCE);
        idScript = client.getScript(StringCodec.INSTANCE);
        reader = new StreamReader(client, ENTRY_CODEC, keys, settings.block(), this::deliver);
    }

    @Override
    protected void doClose() {
        reader.stop();
        if (ownsClient) {
            shared.close();
        }
    }

    @Override
    protected synchronized void doSubscribe(Set<String> channels) {
        List<Object> streamKeys = new ArrayList<>();
        channels.forEach(c -> streamKeys.add(keys.key(c)));
        List<Object> ids = settings.call("subscribe to " + channels,
                () -> LAST_IDS.call(idScript, RScript.ReturnType.MULTI, streamKeys));
        Map<String, StreamMessageId> starts = new LinkedHashMap<>();
        for (int i = 0; i < streamKeys.size(); i++) {
            starts.put((String) streamKeys.get(i), parseId(String.valueOf(ids.get(i))));
        }
        reader.add(starts);
    }

    private static StreamMessageId parseId(String id) {
        int dash = id.indexOf('-');
        return new StreamMessageId(Long.parseUnsignedLong(id.substring(0, dash)),
                Long.parseUnsignedLong(id.substring(dash + 1)));
    }

    @Override
    protected synchronized void doUnsubscribe(Set<String> channels) {
        channels.forEach(c -> reader.remove(keys.key(c)));
    }

    @Override
    protected void doPublish(byte[] data, Set<String> channels) {
        List<Object> streamKeys = new ArrayList<>();
        channels.forEach(c -> streamKeys.add(keys.key(c)));
        settings.call("publish to " + channels, () -> PUBLISH.call(publishScript, RScript.ReturnType.INTEGER, streamKeys,
                data, maxLen, capMode, ttlMillis));
    }

    @Override
    protected List<byte[]> doHistory(String channel, int limit) {
        if (limit == 0) {
            return List.of();
        }
        RStream<String, byte[]> stream = client.getStream(keys.key(channel), ENTRY_CODEC);
        Map<StreamMessageId, Map<String, byte[]>> newestFirst = settings.call("read the history of " + channel,
                () -> limit == Integer.MAX_VALUE ? stream.rangeReversed(StreamMessageId.MAX, StreamMessageId.MIN)
                        : stream.rangeReversed(limit, StreamMessageId.MAX, StreamMessageId.MIN));
        List<byte[]> messages = new ArrayList<>(newestFirst.size());
        newestFirst.values().forEach(fields -> {
            byte[] data = fields.get("data");
            if (data != null) {
                messages.add(data);
            }
        });
        Collections.reverse(messages);
        return messages;
    }

    /**
     * Deletes every stream of this backend's prefix, and no other key (Litestar's {@code flush_all},
     * made cluster-safe): {@code SCAN MATCH {<prefix>}:*} on every master, {@code UNLINK} per batch of
     * 500 keys ({@link RedisKeyScan#unlink}). Not atomic: a stream published to meanwhile may survive.
     *
     * @return the number of streams deleted
     * @throws IllegalStateException when the backend is not running
     */
    public long flushAll() {
        requireRunning();
        return RedisKeyScan.unlink(client, keys.pattern());
    }

    /**
     * The settings this backend was created with.
     *
     * @return the settings; never null
     */
    public RedisBackendSettings settings() {
        return settings;
    }

    /**
     * The Redis key of a channel's stream, e.g. for inspecting it with other tools.
     *
     * @param channel the channel's name; never null
     * @return {@code {<prefix>}:<channel>}
     */
    public String streamKey(String channel) {
        return keys.key(ChannelNames.requireValid(channel));
    }
}
