package dev.stowage.redis.channels;

import dev.stowage.channels.ChannelEvent;
import dev.stowage.channels.support.AbstractChannelsBackend;
import dev.stowage.redis.LuaScript;
import dev.stowage.redis.RedisClients;
import dev.stowage.redis.SharedRedisClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RScript;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * Redis Pub/Sub backend, after Litestar's {@code RedisChannelsPubSubBackend}: low overhead, no
 * history ({@link #history} throws {@link UnsupportedOperationException}); a subscriber misses what
 * is published while it is disconnected.
 *
 * <p>Channel {@code c} is the Redis channel {@code <prefix>:c} ({@code SUBSCRIBE} through Redisson's
 * {@link RTopic}); since the prefix holds no colon, two names never share a Redis channel.
 * {@link #publish} runs {@code publish-to-channels.lua}: all {@code PUBLISH}es in one atomic script.
 *
 * <p>Redis Pub/Sub has no flow control: received messages wait in a queue of
 * {@code 4 * eventBuffer} events; when a slow events subscriber lets it fill up, Redisson's listener
 * thread waits, and past that Redis's {@code client-output-buffer-limit pubsub} ends the connection.
 * Thread-safe.
 */
public final class RedisPubSubChannelsBackend extends AbstractChannelsBackend {

    private static final LuaScript PUBLISH = LuaScript.resource("publish-to-channels.lua");
    private static final ChannelEvent STOP = new ChannelEvent("", new byte[0]);

    private final RedisBackendSettings settings;
    private final boolean ownsClient;
    private SharedRedisClient shared;
    private RedissonClient client;
    private RScript script;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<ChannelEvent> received;
    private Thread dispatcher;

    private record Subscription(RTopic topic, int listenerId) {
    }

    /**
     * Creates an unstarted backend that takes a hold on the client {@link RedisClients} shares for its
     * URI's connection settings on {@link #start()}, and gives it up on {@link #close()}.
     *
     * @param settings read from a {@code redis-pubsub} URI ({@link RedisBackendSettings#pubSub}); never null
     */
    public RedisPubSubChannelsBackend(RedisBackendSettings settings) {
        this(null, settings);
    }

    /**
     * Creates an unstarted backend on a client the caller owns (and closes after this backend). Only
     * the prefix and the buffer of {@code settings} are used, not its connection settings.
     *
     * @param client a connected Redisson client, or null to connect by {@code settings}
     * @param settings the prefix and buffer; never null
     */
    public RedisPubSubChannelsBackend(RedissonClient client, RedisBackendSettings settings) {
        super(settings.redis().scheme() + " " + settings.nodes(), settings.eventBuffer());
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = client;
        this.ownsClient = client == null;
        this.received = new LinkedBlockingQueue<>(Math.max(1024, 4 * settings.eventBuffer()));
    }

    @Override
    protected void doStart() {
        if (ownsClient) {
            shared = RedisClients.acquire(settings.redis());
            client = shared.client();
        }
        script = client.getScript(ByteArrayCodec.INSTANCE);
        dispatcher = new Thread(this::dispatch, "stowage-redis-pubsub-dispatch");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    private void dispatch() {
        try {
            while (true) {
                ChannelEvent event = received.take();
                if (event == STOP) {
                    return;
                }
                if (active.contains(event.channel())) {
                    deliver(event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected void doClose() {
        for (Subscription subscription : subscriptions.values()) {
            try {
                subscription.topic().removeListener(subscription.listenerId());
            } catch (RuntimeException ignored) {
                // the connection is going away anyway
            }
        }
        subscriptions.clear();
        active.clear();
        received.clear();
        received.offer(STOP);
        try {
            dispatcher.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsClient) {
            shared.close();
        }
    }

    private String redisChannel(String channel) {
        return settings.prefix() + ":" + channel;
    }

    @Override
    protected synchronized void doSubscribe(Set<String> channels) {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (String channel : channels) {
            if (!active.add(channel)) {
                continue;
            }
            RTopic topic = client.getTopic(redisChannel(channel), ByteArrayCodec.INSTANCE);
            pending.add(topic.addListenerAsync(byte[].class, (redisChannel, data) -> enqueue(channel, data))
                    .toCompletableFuture()
                    .thenAccept(id -> subscriptions.put(channel, new Subscription(topic, id))));
        }
        try {
            CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).join();
        } catch (RuntimeException e) {
            active.removeAll(channels);
            active.addAll(subscriptions.keySet());
            throw settings.failure("subscribe to " + channels, e);
        }
    }

    private void enqueue(String channel, byte[] data) {
        try {
            received.put(new ChannelEvent(channel, data));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected synchronized void doUnsubscribe(Set<String> channels) {
        active.removeAll(channels);
        for (String channel : channels) {
            Subscription subscription = subscriptions.remove(channel);
            if (subscription != null) {
                subscription.topic().removeListener(subscription.listenerId());
            }
        }
    }

    @Override
    protected void doPublish(byte[] data, Set<String> channels) {
        Object[] args = new Object[channels.size() + 1];
        args[0] = data;
        int i = 1;
        for (String channel : channels) {
            args[i++] = redisChannel(channel).getBytes(StandardCharsets.UTF_8);
        }
        settings.call("publish to " + channels, () -> PUBLISH.call(script, RScript.ReturnType.INTEGER, List.of(), args));
    }

    /**
     * Not supported: Redis Pub/Sub keeps nothing.
     *
     * @throws UnsupportedOperationException always (after the argument and state checks)
     */
    @Override
    protected List<byte[]> doHistory(String channel, int limit) {
        throw new UnsupportedOperationException("the redis-pubsub channels backend keeps no history; "
                + "use redis-stream:// or memory:?history=N for channel '" + channel + "'");
    }
}
