package dev.stowage.redis;

import java.util.concurrent.atomic.AtomicBoolean;
import org.redisson.api.RedissonClient;

/**
 * One user's hold on a Redisson client that {@link RedisClients} shares between every store and
 * channels backend of this JVM with the same {@link RedisConnection}. The client is shut down when
 * the last holder closes. Thread-safe.
 */
public final class SharedRedisClient implements AutoCloseable {

    private final RedisClients.Entry entry;
    private final RedissonClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    SharedRedisClient(RedisClients.Entry entry, RedissonClient client) {
        this.entry = entry;
        this.client = client;
    }

    /**
     * The shared client. Do not shut it down: {@link #close()} this hold instead.
     *
     * @return the client, shared with the other holders; shut down once every hold is closed
     */
    public RedissonClient client() {
        return client;
    }

    /**
     * Whether this hold has been closed.
     *
     * @return true after {@link #close()}
     */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Gives up this hold; the last one shuts the client down. Closing twice is a no-op.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            RedisClients.release(entry);
        }
    }

    /**
     * Describes the connection without the password.
     *
     * @return e.g. {@code SharedRedisClient[RedisConnection[...]]}
     */
    @Override
    public String toString() {
        return "SharedRedisClient[" + entry.connection() + "]";
    }
}
