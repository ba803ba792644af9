package dev.stowage.codec;

/**
 * Turns cache keys or values into bytes for a {@link dev.stowage.store.Store} and back, after the
 * privex cache's pickle / no-pickle choice: {@code raw} keeps text and bytes readable by programs in
 * other languages, {@code java} uses JDK serialization behind an allow-list.
 *
 * <p>Implementations are thread-safe: stateless or immutable, so one instance serves every cache
 * operation concurrently.
 *
 * @param <T> the type of the values this codec encodes
 */
public interface Codec<T> {

    /**
     * Encodes {@code value}.
     *
     * @param value the value, not {@code null}
     * @return a new array holding the encoding, never {@code null}; the caller may keep or change it
     * @throws NullPointerException if {@code value} is {@code null}
     * @throws CodecException if this codec cannot encode {@code value} (wrong type, not
     *     serializable); the message names the value's class and the reason
     */
    byte[] encode(T value);

    /**
     * Decodes bytes that {@link #encode(Object)} produced.
     *
     * @param bytes the encoding, not {@code null}; not modified and not kept
     * @return the value, never {@code null}
     * @throws NullPointerException if {@code bytes} is {@code null}
     * @throws CodecException if the bytes are corrupt, truncated, or name a class this codec refuses
     *     or cannot find; the message names the class or the reason
     */
    T decode(byte[] bytes);

    /**
     * Returns the name this codec is chosen by in configuration (a cache's {@code codec} setting).
     *
     * @return {@code "raw"} or {@code "java"} for the built-in codecs, never {@code null}
     */
    String name();
}
