package dev.stowage.redis.store;

import dev.stowage.store.ExpiryListener;
import dev.stowage.store.ExpiryListeners;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.redisson.api.RPatternTopic;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.codec.StringCodec;

/**
 * The expired entries of one root {@link RedisStore}'s namespaces, from Redis keyspace notifications
 * ({@code notify-keyspace-events} with {@code E} and {@code x}): one subscription to
 * {@code __keyevent@DB__:expired} (every database, {@code __keyevent@*__:expired}, for a store over a
 * client whose database is not known), made while some namespace has an {@link ExpiryListener} and
 * dropped with the last. Each message names an expired key; a key of a namespace with listeners is
 * reported to them with its store key and no value (Redis has deleted it). When the server has the
 * notifications off, nothing is reported: the first subscription then logs a WARNING naming the setting
 * (when {@code CONFIG GET} answers). A Redis Cluster sends the notifications of each node to that node's
 * subscribers only; this store subscribes on one, so there it reports nothing and says so once.
 * Thread-safe.
 */
final class ExpiryNotifications implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ExpiryNotifications.class.getName());

    private final RedissonClient client;
    private final Integer database;
    private final ConcurrentMap<String, ExpiryListeners> byPath = new ConcurrentHashMap<>();
    private RTopic topic;
    private RPatternTopic patternTopic;
    private int listenerId;
    private boolean clusterWarned;

    /**
     * Creates the notifications of one root store; nothing is subscribed until a listener is added.
     *
     * @param client the store's client, not {@code null}
     * @param database the database the store uses, or {@code null} when not known
     */
    ExpiryNotifications(RedissonClient client, Integer database) {
        this.client = client;
        this.database = database;
    }

    /**
     * Adds a listener of the namespace whose key path is {@code path}.
     *
     * @param path the namespace's path ({@link KeyLayout#toString()}), not {@code null}
     * @param listener the listener, not {@code null}
     * @return what removes it (and unsubscribes after the last one)
     */
    synchronized Runnable add(String path, ExpiryListener listener) {
        if (client.getConfig().isClusterConfig()) {
            if (!clusterWarned) {
                clusterWarned = true;
                LOG.log(System.Logger.Level.WARNING, "EXPIRED events are not sent on a Redis Cluster: keyspace "
                        + "notifications stay on the node whose key expired");
            }
            return () -> { };
        }
        ExpiryListeners listeners = byPath.computeIfAbsent(path, ignored -> new ExpiryListeners());
        Runnable remove = listeners.add(listener);
        subscribe();
        return () -> remove(path, listeners, remove);
    }

    private synchronized void remove(String path, ExpiryListeners listeners, Runnable remove) {
        remove.run();
        if (!listeners.any()) {
            byPath.remove(path, listeners);
        }
        if (byPath.isEmpty()) {
            unsubscribe();
        }
    }

    private void subscribe() {
        if (topic != null || patternTopic != null) {
            return;
        }
        warnIfOff();
        if (database != null) {
            topic = client.getTopic("__keyevent@" + database + "__:expired", StringCodec.INSTANCE);
            listenerId = topic.addListener(String.class, (channel, key) -> expired(key));
        } else {
            patternTopic = client.getPatternTopic("__keyevent@*__:expired", StringCodec.INSTANCE);
            listenerId = patternTopic.addListener(String.class, (pattern, channel, key) -> expired(key));
        }
    }

    private void unsubscribe() {
        if (topic != null) {
            topic.removeListener(listenerId);
            topic = null;
        }
        if (patternTopic != null) {
            patternTopic.removeListener(listenerId);
            patternTopic = null;
        }
    }

    private void warnIfOff() {
        try {
            Map<String, String> setting = client.getRedisNodes(RedisNodes.SINGLE).getInstance()
                    .getConfig("notify-keyspace-events");
            String flags = setting.getOrDefault("notify-keyspace-events", "");
            if (!flags.contains("E") || !(flags.contains("x") || flags.contains("A"))) {
                LOG.log(System.Logger.Level.WARNING, "EXPIRED events need the server's keyspace notifications of "
                        + "expired keys (notify-keyspace-events Ex); it has '" + flags + "', so none will be sent");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "CONFIG GET notify-keyspace-events failed; not checked", e);
        }
    }

    private void expired(String redisKey) {
        int end = redisKey.indexOf("::");
        if (end < 0) {
            return;
        }
        ExpiryListeners listeners = byPath.get(redisKey.substring(0, end));
        if (listeners != null) {
            listeners.expired(redisKey.substring(end + 2), null);
        }
    }

    @Override
    public synchronized void close() {
        byPath.clear();
        try {
            unsubscribe();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "unsubscribing from keyspace notifications failed", e);
        }
    }
}
