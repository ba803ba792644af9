package dev.stowage.redis.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.redisson.client.RedisClientConfig;
import org.redisson.client.handler.CommandPubSubDecoder;
import org.redisson.client.protocol.CommandData;
import org.redisson.client.protocol.decoder.ListObjectDecoder;
import org.redisson.client.protocol.decoder.MultiDecoder;

/**
 * Redisson's decoder of a Pub/Sub connection ({@link CommandPubSubDecoder}), for a tracking connection
 * ({@link TrackingConnection}) only: an invalidation message carries an array of key names (in
 * broadcasting mode, every key of the prefix changed in one turn of the server's event loop, often many),
 * and Redisson 3.50 decodes a nested array of a pushed message with {@link ListObjectDecoder}{@code (0)},
 * which keeps the first key and drops the others. Here such an array is decoded whole, as a {@link List}
 * of the key names (as UTF-8 strings: Redisson's element decoders give the second element as bytes, the
 * others as strings); everything else (replies, subscription statuses, {@code pong}) as Redisson does.
 * One instance per connection, used on its event loop like the decoder it replaces.
 */
final class TrackingMessageDecoder extends CommandPubSubDecoder {

    /** The handler's name in the connection's pipeline. */
    static final String NAME = "stowage-tracking-decoder";

    private static final MultiDecoder<Object> WHOLE_ARRAY = (parts, state) -> {
        List<String> keys = new ArrayList<>(parts.size());
        for (Object part : parts) {
            keys.add(part instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(part));
        }
        return keys;
    };

    /**
     * Makes the decoder for a connection of the client configured by {@code config}.
     *
     * @param config the connection's client configuration, as Redisson's own decoder takes it
     */
    TrackingMessageDecoder(RedisClientConfig config) {
        super(config);
    }

    /**
     * Chooses how a decoded array becomes one value: Redisson's choice, except that an array pushed without
     * a command waiting for it that is not a {@code pong} (the key names of an invalidation) stays whole.
     */
    @Override
    protected MultiDecoder<Object> messageDecoder(CommandData<Object, Object> data, List<Object> parts) {
        MultiDecoder<Object> decoder = super.messageDecoder(data, parts);
        if (data == null && decoder instanceof ListObjectDecoder && !"pong".equals(String.valueOf(parts.get(0)))) {
            return WHOLE_ARRAY;
        }
        return decoder;
    }
}
