package dev.stowage.store;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Stored bytes with their absolute expiry, after Litestar's {@code StorageObject}. Immutable and
 * thread-safe; the bytes are copied in and out.
 *
 * <h2>Binary form ({@link #toBytes()}, version 1)</h2>
 * <pre>
 * offset size  field
 * 0      1     format version, 1
 * 1      1     flags: bit 0 set when the entry has an expiry
 * 2      8     expiry, seconds since the epoch (big-endian; 0 when no expiry)
 * 10     4     expiry, nanosecond adjustment 0..999,999,999 (0 when no expiry)
 * 14     4     length n of the data
 * 18     n     the data
 * </pre>
 */
public final class StorageObject {

    /** The format version {@link #toBytes()} writes and {@link #fromBytes(byte[])} reads. */
    public static final int FORMAT_VERSION = 1;

    private static final int HEADER_LENGTH = 18;

    private final byte[] data;
    private final Instant expiresAt;

    private StorageObject(byte[] data, Instant expiresAt) {
        this.data = data;
        this.expiresAt = expiresAt;
    }

    /**
     * Creates an object that expires {@code expiresIn} after {@code clock}'s now (Litestar
     * {@code StorageObject.new}). A duration too long to add saturates at {@link Instant#MAX}.
     *
     * @param data the bytes, not {@code null}; copied
     * @param expiresIn time to live, or {@code null} for none
     * @param clock the clock that says what now is, not {@code null}
     * @return the new object
     * @throws NullPointerException if {@code data} or {@code clock} is {@code null}
     */
    public static StorageObject create(byte[] data, Duration expiresIn, Clock clock) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(clock, "clock");
        return new StorageObject(data.clone(), expiresIn == null ? null : plus(clock.instant(), expiresIn));
    }

    /**
     * Creates an object that expires at {@code expiresAt}.
     *
     * @param data the bytes, not {@code null}; copied
     * @param expiresAt the absolute expiry, or {@code null} for none
     * @return the new object
     * @throws NullPointerException if {@code data} is {@code null}
     */
    public static StorageObject of(byte[] data, Instant expiresAt) {
        Objects.requireNonNull(data, "data");
        return new StorageObject(data.clone(), expiresAt);
    }

    /**
     * Adds {@code duration} to {@code instant}, saturating at {@link Instant#MAX} and
     * {@link Instant#MIN} instead of failing, so durations of any length keep their meaning.
     *
     * @param instant the start, not {@code null}
     * @param duration the amount, not {@code null}
     * @return the sum, clamped
     */
    public static Instant plus(Instant instant, Duration duration) {
        try {
            return instant.plus(duration);
        } catch (DateTimeException | ArithmeticException e) {
            return duration.isNegative() ? Instant.MIN : Instant.MAX;
        }
    }

    /**
     * Returns a copy of the stored bytes.
     *
     * @return the bytes, never {@code null}
     */
    public byte[] data() {
        return data.clone();
    }

    /**
     * Returns the number of stored bytes, without copying them.
     *
     * @return the length of {@link #data()}
     */
    public int size() {
        return data.length;
    }

    /**
     * Returns the absolute expiry.
     *
     * @return the instant after which the object is expired, or {@code null} when it never expires
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Tells whether the object has expired at {@code now}: an object is live up to and excluding
     * its expiry instant.
     *
     * @param now the current instant, not {@code null}
     * @return {@code true} when it has an expiry that is not after {@code now}
     */
    public boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /**
     * Returns the remaining time to live at {@code now} (Litestar {@code expires_in}).
     *
     * @param now the current instant, not {@code null}
     * @return the remaining time, zero when expired, or empty when the object has no expiry
     */
    public Optional<Duration> expiresIn(Instant now) {
        if (expiresAt == null) {
            return Optional.empty();
        }
        if (!expiresAt.isAfter(now)) {
            return Optional.of(Duration.ZERO);
        }
        try {
            return Optional.of(Duration.between(now, expiresAt));
        } catch (ArithmeticException e) {
            return Optional.of(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999));
        }
    }

    /**
     * Returns a copy of this object with a new expiry and the same bytes.
     *
     * @param newExpiresAt the new absolute expiry, or {@code null} for none
     * @return the new object
     */
    public StorageObject withExpiresAt(Instant newExpiresAt) {
        return new StorageObject(data, newExpiresAt);
    }

    /**
     * Encodes this object in the versioned binary form described in the class comment.
     *
     * @return the encoding, never {@code null}
     */
    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_LENGTH + data.length);
        buffer.put((byte) FORMAT_VERSION);
        buffer.put((byte) (expiresAt == null ? 0 : 1));
        buffer.putLong(expiresAt == null ? 0 : expiresAt.getEpochSecond());
        buffer.putInt(expiresAt == null ? 0 : expiresAt.getNano());
        buffer.putInt(data.length);
        buffer.put(data);
        return buffer.array();
    }

    /**
     * Decodes an object written by {@link #toBytes()}.
     *
     * @param raw the encoding, not {@code null}
     * @return the object
     * @throws NullPointerException if {@code raw} is {@code null}
     * @throws IllegalArgumentException if {@code raw} is truncated, has trailing bytes, or names
     *     a format version this class does not know
     */
    public static StorageObject fromBytes(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        try {
            ByteBuffer buffer = ByteBuffer.wrap(raw);
            int version = buffer.get();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("unknown StorageObject format version " + version
                        + " (this build reads version " + FORMAT_VERSION + ")");
            }
            boolean hasExpiry = (buffer.get() & 1) != 0;
            long seconds = buffer.getLong();
            int nanos = buffer.getInt();
            int length = buffer.getInt();
            if (length < 0 || length != buffer.remaining()) {
                throw new IllegalArgumentException("StorageObject data length " + length + " does not match the "
                        + buffer.remaining() + " bytes that follow the header");
            }
            byte[] data = new byte[length];
            buffer.get(data);
            return new StorageObject(data, hasExpiry ? Instant.ofEpochSecond(seconds, nanos) : null);
        } catch (BufferUnderflowException | DateTimeException e) {
            throw new IllegalArgumentException("truncated or corrupt StorageObject of " + raw.length + " bytes", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StorageObject that
                && Arrays.equals(data, that.data)
                && Objects.equals(expiresAt, that.expiresAt);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + Objects.hashCode(expiresAt);
    }

    @Override
    public String toString() {
        return "StorageObject[" + data.length + " bytes, expiresAt=" + expiresAt + "]";
    }
}
