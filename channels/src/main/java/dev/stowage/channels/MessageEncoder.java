package dev.stowage.channels;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Turns what {@link Channels#publish} is given into bytes, as Litestar's {@code ChannelsPlugin}
 * does: a {@code byte[]} as is, a {@link String} as UTF-8, anything else as JSON by Jackson
 * ({@code com.fasterxml.jackson.core:jackson-databind}, an optional dependency). Thread-safe.
 */
final class MessageEncoder {

    private MessageEncoder() {
    }

    /**
     * Encodes a message.
     *
     * @param data the message; never null
     * @return its bytes (a copy for {@code byte[]}); never null
     * @throws NullPointerException when {@code data} is null
     * @throws IllegalStateException when JSON is needed and Jackson is not on the class path
     * @throws IllegalArgumentException when Jackson cannot write the object (its type is named)
     */
    static byte[] encode(Object data) {
        Objects.requireNonNull(data, "data");
        if (data instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (data instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, MessageEncoder.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("publishing a " + data.getClass().getName() + " as JSON needs "
                    + "Jackson on the class path: add the dependency com.fasterxml.jackson.core:jackson-databind", e);
        }
        return JsonEncoder.encode(data);
    }
}
