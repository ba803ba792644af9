package dev.stowage.jcache.event;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.cache.event.EventType;

/**
 * One entry event as it crosses the change feed: a versioned binary form of the origin (the
 * publishing cache's id), the type, the store key, and the encoded value and old value. Immutable.
 *
 * <pre>
 * byte    version (1)
 * long    origin, most significant bits;  long origin, least significant bits
 * byte    type: 0 CREATED, 1 UPDATED, 2 REMOVED, 3 EXPIRED
 * int     key length, then the store key in UTF-8
 * int     value length or -1 for none, then the value's bytes
 * int     old value length or -1 for none, then its bytes
 * </pre>
 *
 * @param origin the id of the cache instance that published it
 * @param type the event type
 * @param key the store key
 * @param value the encoded value, or {@code null}
 * @param oldValue the encoded old value, or {@code null}
 */
record FeedMessage(UUID origin, EventType type, String key, byte[] value, byte[] oldValue) {

    private static final byte VERSION = 1;
    private static final EventType[] TYPES = {EventType.CREATED, EventType.UPDATED, EventType.REMOVED, EventType.EXPIRED};

    /** Writes the binary form. */
    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + key.length()
                + (value == null ? 0 : value.length) + (oldValue == null ? 0 : oldValue.length));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(origin.getMostSignificantBits());
            out.writeLong(origin.getLeastSignificantBits());
            out.writeByte(typeCode(type));
            byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
            out.writeInt(keyBytes.length);
            out.write(keyBytes);
            writeOptional(out, value);
            writeOptional(out, oldValue);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads the binary form.
     *
     * @throws IllegalArgumentException if {@code data} is not a message of this version; names what is wrong
     */
    static FeedMessage fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("entry event message of version " + version + ", expected " + VERSION);
            }
            UUID origin = new UUID(in.readLong(), in.readLong());
            int code = in.readByte();
            if (code < 0 || code >= TYPES.length) {
                throw new IllegalArgumentException("entry event message of unknown type " + code);
            }
            String key = new String(readBytes(in, in.readInt()), StandardCharsets.UTF_8);
            byte[] value = readOptional(in);
            byte[] oldValue = readOptional(in);
            return new FeedMessage(origin, TYPES[code], key, value, oldValue);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated entry event message of " + data.length + " bytes", e);
        }
    }

    private static int typeCode(EventType type) {
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i] == type) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown event type " + type);
    }

    private static void writeOptional(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static byte[] readOptional(DataInputStream in) throws IOException {
        int length = in.readInt();
        return length < 0 ? null : readBytes(in, length);
    }

    private static byte[] readBytes(DataInputStream in, int length) throws IOException {
        if (length > in.available()) {
            throw new IOException("length " + length + " beyond the message's end");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
