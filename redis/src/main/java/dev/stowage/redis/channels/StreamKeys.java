package dev.stowage.redis.channels;

/**
 * Names the stream of each channel: {@code {<prefix>}:<channel>}. The whole prefix is the hash tag,
 * so all streams of one backend sit in one cluster hash slot: one script can publish to several
 * atomically and one {@code XREAD} can block on all of them. Because the prefix holds no brace and
 * the channel follows a fixed start, two channel names never share a key, and the keys of two
 * prefixes never match each other's {@link #pattern()}. A reader's wake-up stream
 * ({@link #wakeKey(String)}, {@code {<prefix>}#wake:<id>}) is in the same slot but outside the
 * channels' key space and {@link #pattern()}. Immutable and thread-safe.
 */
final class StreamKeys {

    private final String tag;
    private final String start;

    /**
     * Creates the naming for a prefix.
     *
     * @param prefix a prefix checked by {@link RedisBackendSettings#requirePrefix}
     */
    StreamKeys(String prefix) {
        this.tag = "{" + RedisBackendSettings.requirePrefix(prefix) + "}";
        this.start = tag + ":";
    }

    /**
     * The key of a reader's wake-up stream, which the reader blocks on together with the channels'
     * streams so that an entry added to it ends the blocking read.
     *
     * @param readerId an id unique to the reader, e.g. a random UUID; never null
     * @return {@code {<prefix>}#wake:<readerId>}
     */
    String wakeKey(String readerId) {
        return tag + "#wake:" + readerId;
    }

    /**
     * The stream key of a channel.
     *
     * @param channel a checked channel name
     * @return {@code {<prefix>}:<channel>}
     */
    String key(String channel) {
        return start + channel;
    }

    /**
     * The channel of a stream key made by {@link #key(String)}.
     *
     * @param key a key of this prefix
     * @return the channel name
     */
    String channel(String key) {
        return key.substring(start.length());
    }

    /**
     * The {@code SCAN MATCH} pattern of every stream of this prefix (the prefix needs no escaping).
     *
     * @return {@code {<prefix>}:*}
     */
    String pattern() {
        return start + "*";
    }
}
