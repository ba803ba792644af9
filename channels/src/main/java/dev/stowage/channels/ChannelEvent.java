package dev.stowage.channels;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One message received on a channel: the channel's name and the published bytes (Litestar's
 * {@code (channel, data)} tuple of {@code stream_events()}).
 *
 * <p>Immutable by contract: {@link #data()} returns the array the event holds, not a copy, so
 * receivers must not modify it. Equality compares the channel and the bytes' content.
 *
 * @param channel the channel it was published to, case-sensitive; never null
 * @param data the published bytes; never null
 */
public record ChannelEvent(String channel, byte[] data) {

    /**
     * Creates an event.
     *
     * @param channel the channel it was published to; never null
     * @param data the published bytes; never null
     * @throws NullPointerException when {@code channel} or {@code data} is null
     */
    public ChannelEvent {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(data, "data");
    }

    /**
     * The data decoded as UTF-8, for text messages.
     *
     * @return the data as a String; malformed bytes become U+FFFD
     */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /**
     * Compares channel and data content.
     *
     * @param other any object, may be null
     * @return true when {@code other} is an event with an equal channel and equal bytes
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelEvent e && channel.equals(e.channel) && Arrays.equals(data, e.data);
    }

    /**
     * Hashes channel and data content.
     *
     * @return a hash consistent with {@link #equals(Object)}
     */
    @Override
    public int hashCode() {
        return 31 * channel.hashCode() + Arrays.hashCode(data);
    }

    /**
     * Describes the event for logs.
     *
     * @return the channel and the data's length, never its content
     */
    @Override
    public String toString() {
        return "ChannelEvent[channel=" + channel + ", " + data.length + " bytes]";
    }
}
