package dev.stowage.store.file;

import dev.stowage.store.StorageObject;
import java.io.IOException;
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
 * size, a checksum mismatch) is corrupt. Files are read through {@link #readFile}, which checks the
 * header against the file's size before reading the rest, so a corrupt file of any size costs one
 * header read.
 *
 * <p>Stateless and thread-safe.
 */
final class EntryFormat {

    /** The format version this class writes and reads. */
    static final int VERSION = 1;

    /** The size of the largest entry file, in bytes: the largest Java array, less a margin. */
    static final long MAX_FILE_LENGTH = Integer.MAX_VALUE - 8;

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
        if (total > MAX_FILE_LENGTH) {
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
            throw truncated(raw.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        Header header = header(buffer, raw.length);
        CRC32C crc = new CRC32C();
        crc.update(raw, 0, raw.length - CHECKSUM_LENGTH);
        if ((int) crc.getValue() != ByteBuffer.wrap(raw, raw.length - CHECKSUM_LENGTH, CHECKSUM_LENGTH).getInt()) {
            throw new CorruptEntryException("checksum mismatch");
        }
        String key = header.utf16()
                ? fromUtf16(buffer, header.keyLength())
                : fromUtf8(buffer, header.keyLength());
        byte[] value = new byte[header.valueLength()];
        buffer.get(value);
        try {
            Instant expiresAt = header.hasExpiry() ? Instant.ofEpochSecond(header.seconds(), header.nanos()) : null;
            return new Entry(key, StorageObject.of(value, expiresAt));
        } catch (DateTimeException e) {
            throw new CorruptEntryException("malformed expiry: " + e);
        }
    }

    /**
     * Reads a whole entry file, having first checked from its header that it is an entry file of
     * this version whose size is the one the header declares; never reads more than that, so a file
     * of any size (several gigabytes planted at an entry's name) costs at most one header read
     * unless it is a well-formed entry. The checksum is left to {@link #decode}.
     *
     * @param channel the entry file, positioned at its start
     * @return the file's bytes, exactly as many as its header declares
     * @throws IOException if reading fails
     * @throws CorruptEntryException if the header is not that of a valid entry, its lengths do not
     *     add up to the file's size, or the file is larger than any entry file this format writes
     */
    static byte[] readFile(FileChannel channel) throws IOException, CorruptEntryException {
        ByteBuffer head = readHeader(channel);
        long size = channel.size();
        Header header = header(head, size);
        ByteBuffer whole = ByteBuffer.allocate((int) header.fileLength());
        whole.put(head.rewind());
        while (whole.hasRemaining()) {
            if (channel.read(whole) < 0) {
                throw new CorruptEntryException("truncated while being read: the header announces "
                        + header.fileLength() + " bytes, the file ended after " + whole.position());
            }
        }
        return whole.array();
    }

    /**
     * Reads only the key of an entry file, from its header, without reading the value or checking
     * the checksum; the header's lengths are checked against the file's size first.
     *
     * @param channel the entry file, positioned at its start
     * @return the stored key
     * @throws IOException if reading fails
     * @throws CorruptEntryException if the header is not that of a valid entry, or its lengths do
     *     not add up to the file's size
     */
    static String readKey(FileChannel channel) throws IOException, CorruptEntryException {
        ByteBuffer head = readHeader(channel);
        Header header = header(head, channel.size());
        ByteBuffer key = ByteBuffer.allocate(header.keyLength());
        while (key.hasRemaining()) {
            if (channel.read(key) < 0) {
                throw new CorruptEntryException("truncated while being read: the file ended inside the key");
            }
        }
        key.flip();
        return header.utf16() ? fromUtf16(key, key.remaining()) : fromUtf8(key, key.remaining());
    }

    /** The fixed-size header of an entry file, checked against the file's size. */
    private record Header(int flags, long seconds, int nanos, int keyLength, int valueLength) {

        boolean hasExpiry() {
            return (flags & FLAG_EXPIRY) != 0;
        }

        boolean utf16() {
            return (flags & FLAG_UTF16) != 0;
        }

        long fileLength() {
            return (long) HEADER_LENGTH + keyLength + valueLength + CHECKSUM_LENGTH;
        }
    }

    /**
     * Parses the header at {@code buffer}'s position, leaving the position after it, and checks it
     * against the file's size.
     */
    private static Header header(ByteBuffer buffer, long fileSize) throws CorruptEntryException {
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
        if (expected != fileSize) {
            throw new CorruptEntryException("truncated or padded: the header announces " + expected
                    + " bytes, the file has " + fileSize);
        }
        if (expected > MAX_FILE_LENGTH) {
            throw new CorruptEntryException("the header announces " + expected + " bytes, more than the "
                    + MAX_FILE_LENGTH + " bytes of the largest entry file");
        }
        return new Header(flags, seconds, nanos, (int) keyLength, (int) valueLength);
    }

    private static ByteBuffer readHeader(FileChannel channel) throws IOException, CorruptEntryException {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_LENGTH);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw truncated(channel.size());
            }
        }
        return buffer.flip();
    }

    private static CorruptEntryException truncated(long size) {
        return new CorruptEntryException("truncated: " + size + " bytes is shorter than the "
                + (HEADER_LENGTH + CHECKSUM_LENGTH) + "-byte header and checksum");
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
