package dev.stowage.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The {@code raw} codec: a {@link String} as its UTF-8 bytes, a {@code byte[]} as is, after
 * Litestar's stores, which keep {@code str} values as UTF-8 and {@code bytes} untouched. The stored
 * form is readable and shareable with programs in other languages.
 *
 * <p>Encoding and decoding are strict: a string with an unpaired surrogate (which UTF-8 cannot
 * represent) and bytes that are not well-formed UTF-8 are refused with a {@link CodecException}
 * rather than silently replaced, so a value never changes on its way through a store.
 *
 * <p>Immutable and thread-safe.
 */
public final class RawCodec implements Codec<Object> {

    private final Class<?> type;

    /**
     * Creates a raw codec for values of {@code type}.
     *
     * @param type {@code String.class} or {@code byte[].class}, not {@code null}
     * @throws NullPointerException if {@code type} is {@code null}
     * @throws IllegalArgumentException if {@code type} is any other class; the message names it
     */
    public RawCodec(Class<?> type) {
        Objects.requireNonNull(type, "type");
        if (type != String.class && type != byte[].class) {
            throw new IllegalArgumentException("the raw codec encodes only java.lang.String and byte[], not "
                    + type.getTypeName() + "; declare the cache's type as String or byte[], or use the java codec");
        }
        this.type = type;
    }

    /**
     * Returns the type this codec encodes and decodes to.
     *
     * @return {@code String.class} or {@code byte[].class}
     */
    public Class<?> type() {
        return type;
    }

    /**
     * Encodes a {@code String} as UTF-8, or copies a {@code byte[]}.
     *
     * @param value a value of this codec's {@link #type()}, not {@code null}
     * @return the UTF-8 bytes, or a copy of the array
     * @throws NullPointerException if {@code value} is {@code null}
     * @throws CodecException if {@code value} is not of this codec's type, or is a string with an
     *     unpaired surrogate; the message names the class or the position
     */
    @Override
    public byte[] encode(Object value) {
        Objects.requireNonNull(value, "value");
        if (!type.isInstance(value)) {
            throw new CodecException("the raw codec for " + type.getTypeName() + " cannot encode a value of class "
                    + value.getClass().getTypeName());
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap((String) value));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new CodecException("the raw codec cannot encode a java.lang.String that is not valid Unicode"
                    + " (unpaired surrogate) as UTF-8", e);
        }
    }

    /**
     * Decodes UTF-8 bytes to a {@code String}, or copies them to a {@code byte[]}.
     *
     * @param bytes the encoding, not {@code null}
     * @return a {@code String} or a {@code byte[]} copy, per this codec's {@link #type()}
     * @throws NullPointerException if {@code bytes} is {@code null}
     * @throws CodecException if this codec decodes strings and {@code bytes} is not well-formed UTF-8
     */
    @Override
    public Object decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (type == byte[].class) {
            return bytes.clone();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CodecException("the raw codec for java.lang.String cannot decode " + bytes.length
                    + " bytes that are not well-formed UTF-8", e);
        }
    }

    /**
     * Returns {@code "raw"}.
     *
     * @return {@code "raw"}
     */
    @Override
    public String name() {
        return "raw";
    }

    @Override
    public String toString() {
        return "RawCodec[" + type.getTypeName() + "]";
    }
}
