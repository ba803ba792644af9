package dev.stowage.store.file;

import dev.stowage.store.StorageObject;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * The binary form of one entry file, format version 1 (all integers big-endian):
 * <pre>
 * offset  size  field
 * 0       4     magic "STWE" (0x53 0x54 0x57 0x45)
 * 4       1     format version, 1
 * 5       1     flags: bit 0 set when the entry has an expiry; bit 1 set when the key is stored as
 *               UTF-16BE code units (a key that is not valid Unicode), clear for UTF-8
 * 6       8     expiry, seconds since the epoch (0 when no expiry)
 * 14      4     expiry, nanosecond adjustment 0..999,999,999 (0 when no expiry)
 * 18      4     length k of the key's bytes
 * 22      4     length n of the value
 * 26      k     the key
 * 26+k    n     the value
 * 26+k+n  4     CRC-32C of every byte before it
 * </pre>
 * A file that does not parse exactly (wrong magic or version, lengths that do not add up to the file
 * size, a checksum mismatch) is corrupt.
 *
 * <p>Stateless and thread-safe.
 */
final class EntryFormat {

    /** The format version this class writes and reads. */
    static final int VERSION = 1;

    private static final int MAGIC = 0x53545745;
    private static final int HEADER_LENGTH = 26;
    private static final int CHECKSUM_LENGTH = 4;
    private static final int FLAG_EXPIRY = 1;
    private static final int FLAG_UTF16 = 2;

    private EntryFormat() {
    }

    /**
     * An entry as stored: its key and its object.
     *
     * @param key the original key
     * @param object the value and expiry
     */
    record Entry(String key, StorageObject object) {
    }

    /**
     * Thrown when the bytes of an entry file are not a valid entry; the message says why.
     */
    static final class CorruptEntryException extends Exception {

        private static final long serialVersionUID = 1L;

        CorruptEntryException(String message) {
            super(message);
        }
    }

    /**
     * Encodes an entry.
     *
     * @param key the key, not {@code null}
     * @param object the value and expiry, not {@code null}
     * @return the file's bytes
     * @throws IllegalArgumentException if key and value together exceed about 2 GiB
     */
    static byte[] encode(String key, StorageObject object) {
        byte[] keyBytes = utf8(key);
        boolean utf16 = keyBytes == null;
        if (utf16) {
            keyBytes = utf16(key);
        }
        Instant expiresAt = object.expiresAt();
        int valueLength = object.size();
        long total = (long) HEADER_LENGTH + keyBytes.length + valueLength + CHECKSUM_LENGTH;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("an entry of " + total + " bytes (key " + keyBytes.length
                    + " bytes, value " + valueLength + " bytes) does not fit in one entry file");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) total);
        buffer.putInt(MAGIC);
        buffer.put((byte) VERSION);
        buffer.put((byte) ((expiresAt == null ? 0 : FLAG_EXPIRY) | (utf16 ? FLAG_UTF16 : 0)));
        buffer.putLong(expiresAt == null ? 0 : expiresAt.getEpochSecond());
        buffer.putInt(expiresAt == null ? 0 : expiresAt.getNano());
        buffer.putInt(keyBytes.length);
        buffer.putInt(valueLength);
        buffer.put(keyBytes);
        buffer.put(object.data());
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        return buffer.array();
    }

    /**
     * Decodes an entry file's bytes.
     *
     * @param raw the file's bytes, not {@code null}
     * @return the entry
     * @throws CorruptEntryException if {@code raw} is not exactly one valid entry
     */
    static Entry decode(byte[] raw) throws CorruptEntryException {
        if (raw.length < HEADER_LENGTH + CHECKSUM_LENGTH) {
            throw new CorruptEntryException("truncated: " + raw.length + " bytes is shorter than the "
                    + (HEADER_LENGTH + CHECKSUM_LENGTH) + "-byte header and checksum");
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(raw);
            if (buffer.getInt() != MAGIC) {
                throw new CorruptEntryException("not an entry file (wrong magic number)");
            }
            int version = buffer.get();
            if (version != VERSION) {
                throw new CorruptEntryException("unknown format version " + version + " (this build reads " + VERSION + ")");
            }
            int flags = buffer.get();
            long seconds = buffer.getLong();
            int nanos = buffer.getInt();
            long keyLength = Integer.toUnsignedLong(buffer.getInt());
            long valueLength = Integer.toUnsignedLong(buffer.getInt());
            long expected = HEADER_LENGTH + keyLength + valueLength + CHECKSUM_LENGTH;
            if (expected != raw.length) {
                throw new CorruptEntryException("truncated or padded: the header announces " + expected
                        + " bytes, the file has " + raw.length);
            }
            CRC32C crc = new CRC32C();
            crc.update(raw, 0, raw.length - CHECKSUM_LENGTH);
            if ((int) crc.getValue() != ByteBuffer.wrap(raw, raw.length - CHECKSUM_LENGTH, CHECKSUM_LENGTH).getInt()) {
                throw new CorruptEntryException("checksum mismatch");
            }
            String key = (flags & FLAG_UTF16) != 0
                    ? fromUtf16(buffer, (int) keyLength)
                    : fromUtf8(buffer, (int) keyLength);
            byte[] value = new byte[(int) valueLength];
            buffer.get(value);
            Instant expiresAt = (flags & FLAG_EXPIRY) != 0 ? Instant.ofEpochSecond(seconds, nanos) : null;
            return new Entry(key, StorageObject.of(value, expiresAt));
        } catch (BufferUnderflowException | DateTimeException e) {
            throw new CorruptEntryException("malformed header: " + e);
        }
    }

    /**
     * Reads only the key of an entry file, from its header, without reading the value or checking
     * the checksum.
     *
     * @param channel the entry file, positioned at its start
     * @return the stored key
     * @throws IOException if reading fails
     * @throws CorruptEntryException if the header is not that of a valid entry
     */
    static String readKey(FileChannel channel) throws IOException, CorruptEntryException {
        ByteBuffer header = readFully(channel, HEADER_LENGTH);
        if (header.getInt() != MAGIC || header.get() != VERSION) {
            throw new CorruptEntryException("not an entry file of format version " + VERSION);
        }
        int flags = header.get();
        header.position(18);
        long keyLength = Integer.toUnsignedLong(header.getInt());
        if (keyLength > channel.size()) {
            throw new CorruptEntryException("a key length of " + keyLength + " beyond the end of the file");
        }
        ByteBuffer key = readFully(channel, (int) keyLength);
        return (flags & FLAG_UTF16) != 0 ? fromUtf16(key, key.remaining()) : fromUtf8(key, key.remaining());
    }

    private static ByteBuffer readFully(FileChannel channel, int length) throws IOException, CorruptEntryException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new CorruptEntryException("truncated header");
            }
        }
        return buffer.flip();
    }

    private static byte[] utf8(String key) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(key));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static byte[] utf16(String key) {
        ByteBuffer buffer = ByteBuffer.allocate(key.length() * 2);
        for (int i = 0; i < key.length(); i++) {
            buffer.putChar(key.charAt(i));
        }
        return buffer.array();
    }

    private static String fromUtf8(ByteBuffer buffer, int length) throws CorruptEntryException {
        ByteBuffer slice = buffer.slice(buffer.position(), length);
        buffer.position(buffer.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new CorruptEntryException("the key is not valid UTF-8");
        }
    }

    private static String fromUtf16(ByteBuffer buffer, int length) throws CorruptEntryException {
        if (length % 2 != 0) {
            throw new CorruptEntryException("a UTF-16 key of odd length " + length);
        }
        char[] chars = new char[length / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = buffer.getChar();
        }
        return new String(chars);
    }
}
