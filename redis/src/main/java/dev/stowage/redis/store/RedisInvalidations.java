package dev.stowage.redis.store;

import dev.stowage.store.InvalidationListener;
import dev.stowage.store.InvalidationSource;
import dev.stowage.store.StoreException;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.ChannelName;
import org.redisson.client.RedisClient;
import org.redisson.client.RedisPubSubConnection;
import org.redisson.client.RedisPubSubListener;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.RedisCommands;
import org.redisson.client.protocol.pubsub.PubSubType;

/**
 * The {@link InvalidationSource} of a {@link RedisStore} namespace: Redis' server-assisted client-side
 * caching in broadcasting mode. Each subscription opens one connection of its own to the server
 * (through Redisson's client of the store's server, so with its address, credentials, TLS and
 * database), and on it, in order: {@code CLIENT ID}, {@code CLIENT TRACKING ON REDIRECT <own id> BCAST
 * PREFIX <the namespace's key prefix>} and {@code SUBSCRIBE __redis__:invalidate}. From then on Redis
 * sends on that connection the name of every key under the prefix that any client changes, deletes,
 * expires or evicts; a {@code null} message (a flushed database) drops everything. Writers pay nothing:
 * the server matches the prefix as part of the write.
 *
 * <p>A lost connection (a restart, a network fault, a missed {@code PING} answer on the connection
 * Redisson pings every 5 s) reports {@link InvalidationListener#lost()} at once; the connection is
 * closed (a reconnected one would no longer be tracking) and a new one is set up every 100 ms until the
 * server answers, then {@link InvalidationListener#resumed()}. Standalone servers only:
 * {@link #of} gives none on a Redis Cluster, and for the root of a store without namespace.
 * Thread-safe.
 */
final class RedisInvalidations implements InvalidationSource {

    private static final System.Logger LOG = System.getLogger(RedisInvalidations.class.getName());
    /** Milliseconds between two attempts to set tracking up again after a lost connection. */
    static final long RETRY_MILLIS = 100;

    private final RedissonClient client;
    private final String prefix;
    private final String server;
    private final long timeoutMillis;

    private RedisInvalidations(RedissonClient client, String prefix, String server, long timeoutMillis) {
        this.client = client;
        this.prefix = prefix;
        this.server = server;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Returns the invalidations of one namespace, where Redis can give them.
     *
     * @param client the store's client, not {@code null}
     * @param layout the namespace's key layout, not {@code null}
     * @param server how messages name the server, not {@code null}
     * @return the source, or empty on a Redis Cluster and for the unnamed root
     */
    static Optional<InvalidationSource> of(RedissonClient client, KeyLayout layout, String server) {
        if (layout.unnamed() || client.getConfig().isClusterConfig() || !(client instanceof Redisson redisson)) {
            return Optional.empty();
        }
        long timeout = redisson.getServiceManager().getConfig().getTimeout();
        return Optional.of(new RedisInvalidations(client, layout.redisKey(""), server, timeout));
    }

    @Override
    public AutoCloseable subscribe(InvalidationListener listener) {
        Objects.requireNonNull(listener, "listener");
        Tracking tracking = new Tracking(listener);
        try {
            tracking.connect().toCompletableFuture().get(timeoutMillis * 3, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tracking.close();
            throw new StoreException("interrupted while subscribing to the invalidations of " + prefix + " at " + server, e);
        } catch (ExecutionException | TimeoutException e) {
            tracking.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new StoreException("cannot subscribe to the invalidations of keys " + prefix + "* at " + server
                    + " (CLIENT TRACKING, Redis 6 or later): " + cause, cause);
        }
        return tracking;
    }

    /** One subscription: its tracking connection, replaced after a loss until closed. */
    private final class Tracking implements AutoCloseable {
        private final InvalidationListener listener;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile RedisPubSubConnection connection;
        /** The connection invalidations flow on, or {@code null} while they are lost. */
        private volatile RedisPubSubConnection live;

        Tracking(InvalidationListener listener) {
            this.listener = listener;
        }

        /** Sets up one tracking connection; completes once it is subscribed and the listener resumed. */
        CompletionStage<Void> connect() {
            RedisClient redis = ((Redisson) client).getCommandExecutor().getConnectionManager().getEntrySet()
                    .iterator().next().getClient();
            return redis.connectPubSubAsync().toCompletableFuture().thenCompose(opened -> {
                connection = opened;
                if (closed.get()) {
                    opened.closeAsync();
                    return CompletableFuture.failedFuture(new IllegalStateException("closed"));
                }
                opened.getChannel().closeFuture().addListener(future -> disconnected(opened));
                return opened.<Long, Long>async(StringCodec.INSTANCE, RedisCommands.CLIENT_ID).toCompletableFuture()
                        .thenCompose(id -> opened.<Void, Void>async(StringCodec.INSTANCE, RedisCommands.CLIENT_TRACKING,
                                "ON", "REDIRECT", id, "BCAST", "PREFIX", prefix).toCompletableFuture())
                        .thenCompose(ignored -> {
                            CompletableFuture<Void> subscribed = new CompletableFuture<>();
                            opened.addListener(ChannelName.TRACKING, new RedisPubSubListener<Object>() {
                                @Override
                                public void onMessage(CharSequence channel, Object message) {
                                    invalidate(message);
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
                        })
                        .whenComplete((ignored, failure) -> {
                            if (failure != null) {
                                opened.closeAsync();
                            } else {
                                resumed(opened);
                            }
                        });
            });
        }

        private void invalidate(Object message) {
            if (message == null) {
                synchronized (this) {
                    listener.lost();
                    listener.resumed();
                }
            } else if (message instanceof Collection<?> keys) {
                keys.forEach(this::invalidate);
            } else {
                String key = message.toString();
                if (key.startsWith(prefix)) {
                    listener.invalidated(key.substring(prefix.length()));
                }
            }
        }

        /**
         * Tracking is set up on {@code opened}: the listener resumes, unless it closed meanwhile (then
         * the channel's close, which may have been ignored before {@code opened} was live, is handled here).
         */
        private void resumed(RedisPubSubConnection opened) {
            synchronized (this) {
                if (closed.get() || connection != opened) {
                    opened.closeAsync();
                    return;
                }
                live = opened;
                listener.resumed();
            }
            if (!opened.getChannel().isActive()) {
                disconnected(opened);
            }
        }

        /** The connection dropped: nothing may be served, and tracking is set up again on a new one. */
        private void disconnected(RedisPubSubConnection lost) {
            lost.closeAsync();
            synchronized (this) {
                if (closed.get() || live != lost) {
                    return;
                }
                live = null;
                listener.lost();
            }
            LOG.log(System.Logger.Level.INFO, "the near cache of keys " + prefix + "* lost its invalidations from "
                    + server + "; it serves nothing until they are back");
            retry();
        }

        private void retry() {
            if (closed.get()) {
                return;
            }
            connect().whenComplete((ignored, failure) -> {
                if (failure != null && !closed.get()) {
                    ((Redisson) client).getServiceManager().newTimeout(timeout -> retry(), RETRY_MILLIS,
                            TimeUnit.MILLISECONDS);
                }
            });
        }

        /** Stops tracking: closes the connection, which ends the server's tracking of it. Idempotent. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                RedisPubSubConnection open = connection;
                if (open != null) {
                    open.closeAsync();
                }
            }
        }
    }
}
