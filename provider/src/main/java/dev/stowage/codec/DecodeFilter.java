package dev.stowage.codec;

import java.io.ObjectInputFilter;

/**
 * The filter of one {@link JavaCodec#decode(byte[])} call: a bound that no array may claim more
 * elements than the input has bytes (every element takes at least one byte, so a larger claim is
 * corrupt or hostile and would only allocate memory), a nesting depth limit, the codec's filter, then
 * the JVM-wide filter ({@code jdk.serialFilter}, when one is configured). It remembers the first refusal, because the
 * {@link java.io.InvalidClassException} that {@link java.io.ObjectInputStream} throws does not name
 * the class.
 *
 * <p>Used by one thread, for one stream; not thread-safe.
 */
final class DecodeFilter implements ObjectInputFilter {

    private final ObjectInputFilter codecFilter;
    private final ObjectInputFilter jvmFilter;
    private final long inputLength;
    private final long maxDepth;
    private String refusedClass;
    private String refusal;
    private boolean byCodecFilter;

    /**
     * Creates the filter for one stream.
     *
     * @param codecFilter the codec's filter, not {@code null}
     * @param inputLength the number of bytes being decoded
     * @param maxDepth the deepest nesting admitted, checked before the codec's filter so that the
     *     refusal is reported as a limit, not as a class
     */
    DecodeFilter(ObjectInputFilter codecFilter, long inputLength, long maxDepth) {
        this.codecFilter = codecFilter;
        this.maxDepth = maxDepth;
        this.jvmFilter = ObjectInputFilter.Config.getSerialFilter();
        this.inputLength = inputLength;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.arrayLength() > inputLength) {
            return refuse(null, false, "an array claims " + info.arrayLength()
                    + " elements but the input has only " + inputLength + " bytes");
        }
        if (info.depth() > maxDepth) {
            return refuse(null, false, "the object nesting depth " + info.depth() + " exceeds the limit of " + maxDepth);
        }
        Status status = codecFilter.checkInput(info);
        if (status == Status.REJECTED) {
            return refuse(info, true, "the codec's filter rejected " + describeLimits(info));
        }
        if (jvmFilter != null && jvmFilter.checkInput(info) == Status.REJECTED) {
            return refuse(info, false, "the JVM-wide filter (jdk.serialFilter) rejected " + describeLimits(info));
        }
        return status;
    }

    private Status refuse(FilterInfo info, boolean codec, String reason) {
        if (refusal == null) {
            byCodecFilter = codec;
            Class<?> type = info == null ? null : info.serialClass();
            refusedClass = type == null ? null : type.getName();
            refusal = reason;
        }
        return Status.REJECTED;
    }

    private static String describeLimits(FilterInfo info) {
        return (info.serialClass() == null ? "the stream" : "class " + info.serialClass().getName())
                + " (depth " + info.depth() + ", references " + info.references() + ", bytes read "
                + info.streamBytes() + (info.arrayLength() >= 0 ? ", array length " + info.arrayLength() : "") + ")";
    }

    /**
     * Returns the name of the first class this filter refused.
     *
     * @return the class name, or {@code null} when nothing was refused or the refusal was a limit
     */
    String refusedClass() {
        return refusedClass;
    }

    /**
     * Tells whether the first refusal came from the codec's own filter (rather than the array bound
     * or the JVM-wide filter).
     *
     * @return {@code true} when the codec's filter refused first
     */
    boolean refusedByCodecFilter() {
        return byCodecFilter;
    }

    /**
     * Returns why this filter first refused.
     *
     * @return the reason, or {@code null} when nothing was refused
     */
    String refusal() {
        return refusal;
    }
}
