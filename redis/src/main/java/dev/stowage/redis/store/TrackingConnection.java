package dev.stowage.redis.store;

import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.redisson.client.ChannelName;
import org.redisson.client.RedisClient;
import org.redisson.client.RedisPubSubConnection;
import org.redisson.client.RedisPubSubListener;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.handler.CommandPubSubDecoder;
import org.redisson.client.protocol.RedisCommands;
import org.redisson.client.protocol.pubsub.PubSubType;

/**
 * Opens one connection of Redis' server-assisted client-side caching in broadcasting mode on one server
 * (a standalone server, or one master of a cluster), through Redisson's {@link RedisClient} of that
 * server (its address, credentials, TLS and database): on a new connection, in order, {@code CLIENT ID},
 * {@code CLIENT TRACKING ON REDIRECT <own id> BCAST PREFIX <prefix>} and
 * {@code SUBSCRIBE __redis__:invalidate}. The server then sends on it the name of every key under the
 * prefix that a client changes on that server, as Redis documents for {@code CLIENT TRACKING}, several
 * keys in one message: the connection decodes them with a {@link TrackingMessageDecoder}. Needs Redis 6
 * or later. Stateless and thread-safe.
 */
final class TrackingConnection {

    private TrackingConnection() {
    }

    /**
     * Opens and sets up a tracking connection.
     *
     * @param server the Redisson client of the server to track, not {@code null}
     * @param prefix the key prefix to track, not {@code null}
     * @param messages gets each message of the invalidation channel, on a Netty thread: a list of key
     *     names (or one key name), or {@code null} (the server flushed its keys); must not block or throw
     * @return completes with the connection once it is subscribed, or exceptionally (a connection
     *     opened is closed then), the cause naming the server
     */
    static CompletableFuture<RedisPubSubConnection> open(RedisClient server, String prefix, Consumer<Object> messages) {
        return server.connectPubSubAsync().toCompletableFuture().thenCompose(opened -> decodeKeyArrays(opened)
                .thenCompose(ignored -> opened.<Long, Long>async(StringCodec.INSTANCE, RedisCommands.CLIENT_ID)
                        .toCompletableFuture())
                .thenCompose(id -> opened.<Void, Void>async(StringCodec.INSTANCE, RedisCommands.CLIENT_TRACKING,
                        "ON", "REDIRECT", id, "BCAST", "PREFIX", prefix).toCompletableFuture())
                .thenCompose(ignored -> subscribe(opened, messages))
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        opened.closeAsync();
                    }
                })
                .thenApply(ignored -> opened))
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(new IllegalStateException(
                        "tracking keys " + prefix + "* at " + server.getAddr() + " failed: " + failure, failure)));
    }

    /**
     * Puts a {@link TrackingMessageDecoder} in place of Redisson's decoder of the new connection, on its
     * event loop, before anything is sent on it (so nothing is half decoded).
     */
    private static CompletableFuture<Void> decodeKeyArrays(RedisPubSubConnection opened) {
        Channel channel = opened.getChannel();
        CompletableFuture<Void> replaced = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            try {
                channel.pipeline().replace(CommandPubSubDecoder.class, TrackingMessageDecoder.NAME,
                        new TrackingMessageDecoder(opened.getRedisClient().getConfig()));
                replaced.complete(null);
            } catch (RuntimeException e) {
                replaced.completeExceptionally(e);
            }
        });
        return replaced;
    }

    private static CompletableFuture<Void> subscribe(RedisPubSubConnection opened, Consumer<Object> messages) {
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        opened.addListener(ChannelName.TRACKING, new RedisPubSubListener<Object>() {
            @Override
            public void onMessage(CharSequence channel, Object message) {
                messages.accept(message);
            }

            @Override
            public void onStatus(PubSubType type, CharSequence channel) {
                if (type == PubSubType.SUBSCRIBE) {
                    subscribed.complete(null);
                }
            }
        });
        opened.subscribe(StringCodec.INSTANCE, ChannelName.TRACKING);
        return subscribed;
    }
}
