package dev.stowage.redis.channels;

import dev.stowage.channels.ChannelsBackend;
import dev.stowage.channels.ChannelsBackendFactory;
import dev.stowage.channels.ChannelsUri;
import dev.stowage.redis.RedisUri;
import java.util.Set;

/**
 * Serves {@code redis-pubsub://} URIs, and the {@code rediss-}, {@code valkey-} and {@code valkeys-} forms
 * (parameters: {@link RedisBackendSettings}). Loads without
 * Redisson; {@link #create} then fails at once naming {@code org.redisson:redisson}. Thread-safe.
 */
public final class RedisPubSubChannelsBackendFactory implements ChannelsBackendFactory {

    /** Creates the factory; called by {@link java.util.ServiceLoader}. */
    public RedisPubSubChannelsBackendFactory() {
    }

    @Override
    public Set<String> schemes() {
        return Set.copyOf(RedisUri.Kind.PUBSUB.schemes());
    }

    @Override
    public ChannelsBackend create(ChannelsUri uri) {
        return new RedisPubSubChannelsBackend(RedisBackendSettings.pubSub(uri));
    }
}
