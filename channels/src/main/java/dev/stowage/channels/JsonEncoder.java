package dev.stowage.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes objects as JSON with one shared Jackson {@link ObjectMapper} (thread-safe once configured).
 * Loaded only when Jackson is on the class path ({@link MessageEncoder} checks first).
 */
final class JsonEncoder {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonEncoder() {
    }

    /**
     * Writes the object as UTF-8 JSON.
     *
     * @param data any object Jackson can serialize; never null
     * @return the JSON bytes
     * @throws IllegalArgumentException when Jackson cannot write it (its type is named)
     */
    static byte[] encode(Object data) {
        try {
            return MAPPER.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a " + data.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
