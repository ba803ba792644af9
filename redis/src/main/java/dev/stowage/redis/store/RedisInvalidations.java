package dev.stowage.redis.store;

import dev.stowage.store.InvalidationListener;
import dev.stowage.store.InvalidationSource;
import dev.stowage.store.StoreException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;

/**
 * The {@link InvalidationSource} of a {@link RedisStore} namespace: Redis' server-assisted client-side
 * caching in broadcasting mode ({@code CLIENT TRACKING ON REDIRECT <own id> BCAST PREFIX <the namespace's
 * key prefix>}). Each subscription opens connections of its own ({@link InvalidationTracking}): one to a
 * standalone server, one to each master of a Redis Cluster (a server reports only the writes made on it;
 * a cache's keys share one hash slot, but tracking every master also follows the slot when it moves).
 * From then on Redis sends on them the name of every key under the prefix that any client changes,
 * deletes, expires or evicts; a {@code null} message (a flushed database) drops everything. Writers pay
 * nothing: the server matches the prefix as part of the write.
 *
 * <p>A lost connection, on any master, or a change of the masters (a failover, a master added) reports
 * {@link InvalidationListener#lost()} at once; tracking is then set up again on every master of that
 * moment every {@value InvalidationTracking#RETRY_MILLIS} ms until they all answer, then
 * {@link InvalidationListener#resumed()}. {@link #of} gives none for the root of a store without
 * namespace. Thread-safe.
 */
final class RedisInvalidations implements InvalidationSource {

    private final Redisson client;
    private final String prefix;
    private final String server;
    private final long timeoutMillis;

    private RedisInvalidations(Redisson client, String prefix, String server, long timeoutMillis) {
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
     * @param server how messages name the server (or the cluster's seed nodes), not {@code null}
     * @return the source, or empty for the unnamed root (and for a client that is not Redisson's own)
     */
    static Optional<InvalidationSource> of(RedissonClient client, KeyLayout layout, String server) {
        if (layout.unnamed() || !(client instanceof Redisson redisson)) {
            return Optional.empty();
        }
        long timeout = redisson.getServiceManager().getConfig().getTimeout();
        return Optional.of(new RedisInvalidations(redisson, layout.redisKey(""), server, timeout));
    }

    /**
     * Starts tracking on every master and waits until it is set up (at most 3 times the store's timeout);
     * the listener has heard {@link InvalidationListener#resumed()} when this returns.
     *
     * @param listener gets the invalidations, not {@code null}; it must not throw or block
     * @return what stops the tracking and closes its connections; idempotent
     * @throws NullPointerException if {@code listener} is {@code null}
     * @throws StoreException if a master cannot be tracked (Redis before 6, unreachable, refused); the
     *     message names the keys, the server and the cause
     */
    @Override
    public AutoCloseable subscribe(InvalidationListener listener) {
        Objects.requireNonNull(listener, "listener");
        InvalidationTracking tracking = new InvalidationTracking(client, prefix, timeoutMillis, listener);
        try {
            tracking.connect().get(timeoutMillis * 3 + 1_000, TimeUnit.MILLISECONDS);
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
        tracking.watchTopology();
        return tracking;
    }
}
