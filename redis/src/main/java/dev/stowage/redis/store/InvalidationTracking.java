package dev.stowage.redis.store;

import dev.stowage.store.InvalidationListener;
import io.netty.util.Timeout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.redisson.Redisson;
import org.redisson.client.RedisClient;
import org.redisson.client.RedisPubSubConnection;
import org.redisson.connection.MasterSlaveEntry;

/**
 * One subscription to a namespace's invalidations ({@link RedisInvalidations}): one tracking connection
 * ({@link TrackingConnection}) on every master Redisson's connection manager knows (the one server of a
 * standalone store; each master of a Redis Cluster, since {@code CLIENT TRACKING} reports only the writes
 * made on the server it runs on), set up together as one <em>generation</em>.
 *
 * <p>The listener hears {@link InvalidationListener#resumed()} once every master of a generation is
 * tracked, and {@link InvalidationListener#lost()} at once when any one of its connections closes (a
 * killed or restarted server, a network fault, a missed {@code PING} answer on the connection Redisson
 * pings every 5 s) or the set of masters changes (a failover, a master added or removed: checked every
 * {@value #TOPOLOGY_MILLIS} ms against the connection manager, which rereads a cluster's topology every
 * second). Then the whole generation is closed (a reconnected connection would no longer be tracking)
 * and a new one is set up against the masters of that moment, every {@value #RETRY_MILLIS} ms until every
 * one answers. A {@code null} message (a server flushed its keys) is a loss and a resumption at once.
 * Thread-safe: the state is guarded by this object's monitor, and the listener's {@code lost} and
 * {@code resumed} are called under it.
 */
final class InvalidationTracking implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(InvalidationTracking.class.getName());
    /** Milliseconds between two attempts to set tracking up again after a loss. */
    static final long RETRY_MILLIS = 100;
    /** Milliseconds between two comparisons of the tracked masters with the connection manager's. */
    static final long TOPOLOGY_MILLIS = 500;

    private final Redisson client;
    private final String prefix;
    private final long timeoutMillis;
    private final InvalidationListener listener;
    private final List<RedisPubSubConnection> connections = new ArrayList<>();
    private boolean closed;
    private boolean live;
    private long generation;
    private Set<RedisClient> masters = Set.of();
    private Timeout topologyCheck;

    /**
     * Makes a subscription that tracks nothing yet; {@link #connect()} sets up the first generation.
     *
     * @param client the store's Redisson client
     * @param prefix the key prefix of the namespace
     * @param timeoutMillis the store's command timeout; a generation not set up within 3 times it failed
     * @param listener gets the invalidations
     */
    InvalidationTracking(Redisson client, String prefix, long timeoutMillis, InvalidationListener listener) {
        this.client = client;
        this.prefix = prefix;
        this.timeoutMillis = timeoutMillis;
        this.listener = listener;
    }

    /**
     * Sets up a generation: one tracking connection on each current master.
     *
     * @return completes once every master is tracked and the listener resumed, or exceptionally (what it
     *     opened is closed then)
     */
    CompletableFuture<Void> connect() {
        long attempt;
        List<RedisClient> targets = currentMasters();
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("closed"));
            }
            if (targets.isEmpty()) {
                return CompletableFuture.failedFuture(new IllegalStateException("Redisson knows no master yet"));
            }
            attempt = ++generation;
        }
        CompletableFuture<?>[] opening = targets.stream()
                .map(master -> TrackingConnection.open(master, prefix, this::invalidate)
                        .thenAccept(opened -> adopt(attempt, opened)))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(opening)
                .orTimeout(timeoutMillis * 3, TimeUnit.MILLISECONDS)
                .thenRun(() -> resume(attempt, targets))
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        discard(attempt);
                    }
                });
    }

    /** The masters' clients, from the connection manager (the one server's for a standalone store). */
    private List<RedisClient> currentMasters() {
        Collection<MasterSlaveEntry> entries = client.getCommandExecutor().getConnectionManager().getEntrySet();
        return entries.stream().filter(MasterSlaveEntry::isInit).map(MasterSlaveEntry::getClient).distinct().toList();
    }

    private synchronized void adopt(long attempt, RedisPubSubConnection opened) {
        if (closed || attempt != generation) {
            opened.closeAsync();
            throw new CompletionException(new IllegalStateException("superseded"));
        }
        connections.add(opened);
    }

    private void resume(long attempt, List<RedisClient> targets) {
        List<RedisPubSubConnection> watched;
        synchronized (this) {
            if (closed || attempt != generation) {
                throw new CompletionException(new IllegalStateException("superseded"));
            }
            live = true;
            masters = new HashSet<>(targets);
            watched = List.copyOf(connections);
            listener.resumed();
        }
        for (RedisPubSubConnection connection : watched) {
            connection.getChannel().closeFuture().addListener(future -> lost(attempt, "the connection to "
                    + connection.getRedisClient().getAddr() + " closed"));
        }
    }

    private synchronized void discard(long attempt) {
        if (attempt == generation) {
            generation++;
            closeConnections();
        }
    }

    private void closeConnections() {
        connections.forEach(RedisPubSubConnection::closeAsync);
        connections.clear();
    }

    /** Invalidations of {@code attempt} no longer flow: nothing may be served until a new generation is set up. */
    private void lost(long attempt, String reason) {
        synchronized (this) {
            if (closed || attempt != generation || !live) {
                return;
            }
            live = false;
            generation++;
            closeConnections();
            listener.lost();
        }
        LOG.log(System.Logger.Level.INFO, "the near cache of keys " + prefix + "* lost its invalidations (" + reason
                + "); it serves nothing until every master is tracked again");
        retry();
    }

    private void retry() {
        connect().whenComplete((ignored, failure) -> {
            if (failure != null && !isClosed()) {
                client.getServiceManager().newTimeout(timeout -> retry(), RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Closed, or the store's client is shutting down (its timer takes no more tasks). */
    private synchronized boolean isClosed() {
        return closed || client.isShuttingDown();
    }

    /** Compares the tracked masters with the connection manager's every {@value #TOPOLOGY_MILLIS} ms, from now on. */
    synchronized void watchTopology() {
        if (!isClosed()) {
            topologyCheck = client.getServiceManager().newTimeout(timeout -> checkTopology(), TOPOLOGY_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void checkTopology() {
        Set<RedisClient> now = new HashSet<>(currentMasters());
        long attempt;
        boolean changed;
        synchronized (this) {
            attempt = generation;
            changed = live && !now.equals(masters);
        }
        if (changed) {
            lost(attempt, "the masters changed to " + now.stream().map(RedisClient::getAddr).toList());
        }
        watchTopology();
    }

    private void invalidate(Object message) {
        if (message == null) {
            synchronized (this) {
                if (live) {
                    listener.lost();
                    listener.resumed();
                }
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

    /** Stops tracking: closes the connections, which ends the servers' tracking of them. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            generation++;
            closeConnections();
            if (topologyCheck != null) {
                topologyCheck.cancel();
            }
        }
    }
}
