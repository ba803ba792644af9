package dev.stowage.redis;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The one Redisson client factory of stores and channels: one client per JVM for every URI with the
 * same {@link RedisConnection} (servers, TLS, user, password, database, timeout), counted by holder
 * and shut down when the last {@link SharedRedisClient} closes. A store opened on
 * {@code redis://127.0.0.1:6379/0/APP} and a channels backend on {@code redis-pubsub://127.0.0.1:6379/0}
 * share one. Thread-safe: connecting happens outside any lock other URIs need.
 */
public final class RedisClients {

    private static final ConcurrentHashMap<RedisConnection, Entry> CLIENTS = new ConcurrentHashMap<>();

    private RedisClients() {
    }

    /** One shared client and its holders; guarded by its own monitor. */
    static final class Entry {
        private final RedisConnection connection;
        private RedissonClient client;
        private int holders;
        private boolean retired;

        Entry(RedisConnection connection) {
            this.connection = connection;
        }

        RedisConnection connection() {
            return connection;
        }
    }

    /**
     * Takes a hold on the client of {@code uri}'s connection settings, connecting it first when no
     * holder has it yet.
     *
     * @param uri the URI, not {@code null}
     * @return a hold, to be closed by the caller when done
     * @throws NullPointerException if {@code uri} is {@code null}
     * @throws RedisConnectException if the client cannot connect: no server answers within the URI's
     *     timeout, it refuses the credentials, its TLS certificate is not trusted; the message is
     *     {@code cannot connect to Redis at <nodes> (URI '<masked>'): <cause>}, the cause said by
     *     {@link RedisFailures#describe} (e.g. {@code the Redis server at 127.0.0.1:6379 refused the
     *     credentials: WRONGPASS ...}), never a password
     */
    public static SharedRedisClient acquire(RedisUri uri) {
        Objects.requireNonNull(uri, "uri");
        RedisConnection connection = uri.connection();
        while (true) {
            Entry entry = CLIENTS.computeIfAbsent(connection, Entry::new);
            synchronized (entry) {
                if (entry.retired) {
                    continue;
                }
                if (entry.client == null) {
                    Config config = connection.config();
                    try {
                        entry.client = Redisson.create(config);
                    } catch (RuntimeException e) {
                        if (config.getNettyHook() instanceof TlsFailureRecorder recorder) {
                            recorder.explain(e);
                        }
                        entry.retired = true;
                        CLIENTS.remove(connection, entry);
                        throw new RedisConnectException("cannot connect to Redis at " + connection.nodes() + " (URI '"
                                + uri.masked() + "'): "
                                + RedisFailures.describe(e, connection.nodes(), connection.timeout()), e);
                    }
                }
                entry.holders++;
                return new SharedRedisClient(entry, entry.client);
            }
        }
    }

    /** Gives up one hold; the last one retires the entry and shuts its client down. */
    static void release(Entry entry) {
        RedissonClient retiring;
        synchronized (entry) {
            if (--entry.holders > 0) {
                return;
            }
            entry.retired = true;
            CLIENTS.remove(entry.connection, entry);
            retiring = entry.client;
            entry.client = null;
        }
        retiring.shutdown();
    }

    /**
     * How many holders the client of a connection has, for tests and diagnostics.
     *
     * @param connection the settings, not {@code null}
     * @return the number of open holds, 0 when no client is connected for them
     */
    public static int holders(RedisConnection connection) {
        Entry entry = CLIENTS.get(Objects.requireNonNull(connection, "connection"));
        if (entry == null) {
            return 0;
        }
        synchronized (entry) {
            return entry.retired ? 0 : entry.holders;
        }
    }
}
