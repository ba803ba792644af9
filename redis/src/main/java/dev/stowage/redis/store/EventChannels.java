package dev.stowage.redis.store;

import dev.stowage.channels.ChannelEvent;
import dev.stowage.common.Durations;
import dev.stowage.redis.RedisNode;
import dev.stowage.redis.RedisUri;
import dev.stowage.redis.channels.RedisBackendSettings;
import dev.stowage.redis.channels.RedisPubSubChannelsBackend;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.redisson.api.RedissonClient;

/**
 * The Pub/Sub channels that carry the change feeds ({@link RedisChangeFeed}) of every namespace of
 * one root {@link RedisStore}: one {@link RedisPubSubChannelsBackend} (the project's channels SPI) on
 * the store's client, started when a feed first needs it and closed with the root. Channel {@code c}
 * is the Redis channel {@value #PREFIX}{@code :c}. Messages of the subscribed channels are handed,
 * in the order Redis delivered them, to the handlers routed to each channel, on the backend's event
 * thread. Thread-safe.
 */
final class EventChannels implements AutoCloseable {

    /** The prefix of the Redis channels of change feeds. */
    static final String PREFIX = "stowage-events";

    private static final int BUFFER = 1024;

    private final RedissonClient client;
    private final RedisUri name;
    private final ConcurrentMap<String, List<Consumer<byte[]>>> routes = new ConcurrentHashMap<>();
    private volatile RedisPubSubChannelsBackend backend;
    private boolean closed;

    /**
     * Creates the channels of one root store; nothing is connected until a feed needs it.
     *
     * @param client the store's client, not {@code null}
     * @param server the store's URI, which names the server in messages, or {@code null} when unknown
     */
    EventChannels(RedissonClient client, RedisUri server) {
        this.client = client;
        this.name = pubSubName(server);
    }

    /**
     * Reads how a caller-owned client's store names its server, when that is a Redis URI.
     *
     * @param address the store's address as its caller gave it, not {@code null}
     * @return the URI, or {@code null} when {@code address} is not a plain Redis store URI
     */
    static RedisUri server(String address) {
        try {
            return RedisUri.parse(address, RedisUri.Kind.STORE, Set.of());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The URI that names the Pub/Sub backend of the feeds in its messages: the store's scheme, servers,
     * database (or {@code cluster}) and timeout, without credentials; only a name, the backend runs on
     * the store's client.
     */
    private static RedisUri pubSubName(RedisUri server) {
        if (server == null) {
            return RedisUri.parse("redis-pubsub://localhost", RedisUri.Kind.PUBSUB, Set.of());
        }
        String nodes = server.nodes().stream().map(RedisNode::toString).collect(Collectors.joining(","));
        return RedisUri.parse(server.scheme() + "-pubsub://" + nodes + (server.cluster() ? "/cluster" : "/" + server.database())
                + "?timeout=" + Durations.format(server.timeout()), RedisUri.Kind.PUBSUB, Set.of());
    }

    /** Returns the URI that names the feeds' Pub/Sub backend in its messages. */
    RedisUri name() {
        return name;
    }

    /** Returns the Redis channel name of {@code channel}. */
    static String redisChannel(String channel) {
        return PREFIX + ":" + channel;
    }

    private RedisPubSubChannelsBackend backend() {
        RedisPubSubChannelsBackend started = backend;
        return started != null ? started : start();
    }

    private synchronized RedisPubSubChannelsBackend start() {
        if (closed) {
            throw new IllegalStateException("the change feeds of this Redis store are closed");
        }
        if (backend == null) {
            // the URI only names the backend: it runs on the store's client, with its connection settings
            RedisPubSubChannelsBackend started = new RedisPubSubChannelsBackend(client,
                    new RedisBackendSettings(name, PREFIX, BUFFER, 0, false, Duration.ZERO, Duration.ofMillis(250)));
            started.start();
            started.events().subscribe(new Router());
            backend = started;
        }
        return backend;
    }

    /**
     * Hands the messages of {@code channel} to {@code handler} from now on, subscribing to it first.
     *
     * @param channel the channel, not {@code null}
     * @param handler gets each message; a failure is logged
     * @return what undoes the route (and unsubscribes when it was the channel's last)
     */
    synchronized Runnable route(String channel, Consumer<byte[]> handler) {
        RedisPubSubChannelsBackend started = backend();
        List<Consumer<byte[]>> handlers = routes.computeIfAbsent(channel, ignored -> new CopyOnWriteArrayList<>());
        boolean first = handlers.isEmpty();
        handlers.add(handler);
        if (first) {
            try {
                started.subscribe(List.of(channel));
            } catch (RuntimeException e) {
                handlers.remove(handler);
                throw e;
            }
        }
        return () -> unroute(channel, handler);
    }

    private synchronized void unroute(String channel, Consumer<byte[]> handler) {
        List<Consumer<byte[]>> handlers = routes.get(channel);
        if (handlers == null || !handlers.remove(handler) || !handlers.isEmpty()) {
            return;
        }
        routes.remove(channel);
        if (!closed) {
            backend.unsubscribe(List.of(channel));
        }
    }

    /**
     * Publishes a message to {@code channel}: one {@code EVALSHA} of the channels backend's publish script.
     *
     * @param channel the channel, not {@code null}
     * @param message the message, not {@code null}
     */
    void publish(String channel, byte[] message) {
        backend().publish(message, List.of(channel));
    }

    @Override
    public synchronized void close() {
        closed = true;
        routes.clear();
        if (backend != null) {
            backend.close();
        }
    }

    /** Hands each received message to the handlers of its channel, in order. */
    private final class Router implements Flow.Subscriber<ChannelEvent> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ChannelEvent event) {
            List<Consumer<byte[]>> handlers = routes.get(event.channel());
            if (handlers == null) {
                return;
            }
            for (Consumer<byte[]> handler : handlers) {
                try {
                    handler.accept(event.data());
                } catch (RuntimeException e) {
                    System.getLogger(EventChannels.class.getName()).log(System.Logger.Level.WARNING,
                            "a change feed handler of channel '" + event.channel() + "' failed", e);
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
            System.getLogger(EventChannels.class.getName()).log(System.Logger.Level.WARNING,
                    "the change feeds' Pub/Sub events failed", failure);
        }

        @Override
        public void onComplete() {
            // the store is closing
        }
    }
}
