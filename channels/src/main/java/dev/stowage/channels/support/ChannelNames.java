package dev.stowage.channels.support;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Checks channel names: case-sensitive, arbitrary strings that must not be null nor hold an
 * unpaired UTF-16 surrogate (they cross the wire as UTF-8, where such a name would collide with
 * another). Stateless and thread-safe.
 */
public final class ChannelNames {

    private ChannelNames() {
    }

    /**
     * Checks one name.
     *
     * @param channel the name; may be anything
     * @return {@code channel}, unchanged
     * @throws NullPointerException when {@code channel} is null
     * @throws IllegalArgumentException when it holds an unpaired surrogate (the message shows the
     *     name with that character escaped)
     */
    public static String requireValid(String channel) {
        Objects.requireNonNull(channel, "channel name is null");
        for (int i = 0; i < channel.length(); i++) {
            char c = channel.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < channel.length()
                    && Character.isLowSurrogate(channel.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("channel name '" + escape(channel)
                        + "' holds an unpaired UTF-16 surrogate at index " + i);
            }
        }
        return channel;
    }

    /**
     * Checks every name of a collection and removes duplicates, keeping the first order.
     *
     * @param channels the names; never null, no null element
     * @return the distinct names, in iteration order; never null
     * @throws NullPointerException when {@code channels} or an element is null (the message shows
     *     the collection)
     * @throws IllegalArgumentException when a name is malformed (see {@link #requireValid(String)})
     */
    public static Set<String> requireValid(Collection<String> channels) {
        Objects.requireNonNull(channels, "channels collection is null");
        Set<String> names = new LinkedHashSet<>();
        for (String channel : channels) {
            if (channel == null) {
                throw new NullPointerException("channel name is null in " + channels);
            }
            names.add(requireValid(channel));
        }
        return names;
    }

    private static String escape(String channel) {
        StringBuilder out = new StringBuilder();
        channel.chars().forEach(c -> {
            if (Character.isSurrogate((char) c)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }
}
