package dev.stowage.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectOutputStream;
import java.util.Objects;

/**
 * The {@code java} codec: JDK serialization ({@link ObjectOutputStream} /
 * {@link java.io.ObjectInputStream}) behind a {@link ObjectInputFilter} allow-list, after the privex
 * cache's pickle mode, made safe to read data that someone else may have written.
 *
 * <h2>What decodes</h2>
 * Every class in a stream is checked by the filter before it is instantiated; a refused class is
 * loaded without initialization and never instantiated, so none of its code ({@code readObject},
 * {@code readResolve}, static initializers) runs, and {@link #decode(byte[])} throws a
 * {@link CodecException} naming the class and how to admit it. The default filter
 * ({@link #forTypes}) admits:
 * <ul>
 *   <li>{@code java.base} value types: primitives; {@code java.lang} boxed primitives,
 *       {@code Number}, {@code String}, {@code Enum}; {@code java.math.*}; {@code java.time.**};
 *       the collections of {@code java.util.*} and {@code java.util.concurrent.*} (with
 *       {@code .atomic} and {@code .locks}) and the internal classes JDK serialization writes for
 *       them; arrays of admitted types;</li>
 *   <li>the cache's declared key and value types and their packages: declaring
 *       {@code com.acme.User} admits {@code com.acme.*} (that package, not its sub-packages); a type
 *       of the platform ({@code java.*}, {@code javax.*}, {@code jdk.*}, {@code sun.*},
 *       {@code com.sun.*}) admits only itself, and {@code Object} or {@code Serializable} admit
 *       nothing extra;</li>
 *   <li>the patterns of the system property {@code stowage.codec.java.allow}, read when the codec
 *       is created: a JDK filter pattern list as for {@code jdk.serialFilter}, e.g.
 *       {@code -Dstowage.codec.java.allow=org.acme.**;com.foo.Bar} ({@code pkg.*} one package,
 *       {@code pkg.**} with sub-packages, a {@code !} prefix rejects, which wins over everything
 *       else).</li>
 * </ul>
 * Object nesting deeper than 500 is rejected. With every filter, an array that claims more elements
 * than the input has bytes is rejected (it could only be corrupt or hostile), dynamic proxy classes
 * are refused, and a JVM-wide {@code jdk.serialFilter} that rejects a class is obeyed too.
 *
 * <p>Classes are resolved with the class loader given at creation (JCache
 * {@code CacheManager.getClassLoader()}), never the JDK's "latest user-defined loader".
 *
 * <p>Immutable and thread-safe: every call uses its own streams.
 */
public final class JavaCodec implements Codec<Object> {

    private final ClassLoader loader;
    private final ObjectInputFilter filter;
    private final JavaAllowList allowList;

    private JavaCodec(ClassLoader loader, ObjectInputFilter filter, JavaAllowList allowList) {
        this.loader = loader;
        this.filter = filter;
        this.allowList = allowList;
    }

    /**
     * Creates a codec with the default filter described in the class comment, admitting
     * {@code declaredTypes} and their packages, plus the patterns the system property
     * {@code stowage.codec.java.allow} holds now.
     *
     * @param loader the class loader to resolve classes with, not {@code null}
     * @param declaredTypes the cache's declared key and/or value types, possibly none; no element
     *     {@code null}
     * @return the codec
     * @throws NullPointerException if {@code loader}, {@code declaredTypes} or one of its elements
     *     is {@code null}
     * @throws IllegalArgumentException if {@code stowage.codec.java.allow} is not a valid JDK filter
     *     pattern list; the message names the property and its value
     */
    public static JavaCodec forTypes(ClassLoader loader, Class<?>... declaredTypes) {
        return forTypes(loader, null, declaredTypes);
    }

    /**
     * Creates a codec with the default filter, like {@link #forTypes(ClassLoader, Class...)}, that
     * also admits {@code allowPatterns}: a cache manager's own allow-list (its JCache property
     * {@code stowage.codec.java.allow}), which unlike the system property reaches only that
     * manager's caches.
     *
     * @param loader the class loader to resolve classes with, not {@code null}
     * @param allowPatterns a JDK filter pattern list ({@code org.acme.**;com.foo.Bar}), or
     *     {@code null} for none
     * @param declaredTypes the cache's declared key and/or value types, possibly none; no element
     *     {@code null}
     * @return the codec
     * @throws NullPointerException if {@code loader}, {@code declaredTypes} or one of its elements
     *     is {@code null}
     * @throws IllegalArgumentException if {@code allowPatterns} or the system property is not a
     *     valid JDK filter pattern list; the message names it and its value
     */
    public static JavaCodec forTypes(ClassLoader loader, String allowPatterns, Class<?>... declaredTypes) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(declaredTypes, "declaredTypes");
        JavaAllowList allowList = JavaAllowList.create(allowPatterns, declaredTypes);
        return new JavaCodec(loader, allowList, allowList);
    }

    /**
     * Creates a codec that decodes what {@code filter} admits (see the class comment for the checks
     * every codec adds). {@code UNDECIDED} from the filter admits, as in
     * {@link java.io.ObjectInputStream}; a safe filter rejects what it does not know, e.g.
     * {@code ObjectInputFilter.Config.createFilter("com.acme.*;!*")}.
     *
     * @param loader the class loader to resolve classes with, not {@code null}
     * @param filter the filter, not {@code null}; must be thread-safe
     * @return the codec
     * @throws NullPointerException if {@code loader} or {@code filter} is {@code null}
     */
    public static JavaCodec withFilter(ClassLoader loader, ObjectInputFilter filter) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(filter, "filter");
        return new JavaCodec(loader, filter, null);
    }

    /**
     * Returns the filter this codec decodes with (the default allow-list or the one given to
     * {@link #withFilter}), without the per-call checks the class comment lists.
     *
     * @return the filter, never {@code null}
     */
    public ObjectInputFilter filter() {
        return filter;
    }

    /**
     * Serializes {@code value} with {@link ObjectOutputStream}. Encoding does not consult the filter:
     * a value whose classes the filter refuses encodes, and then fails to decode.
     *
     * @param value the value, not {@code null}; it and everything it reaches must be
     *     {@link java.io.Serializable}
     * @return the serialized bytes
     * @throws NullPointerException if {@code value} is {@code null}
     * @throws CodecException if a class in the object graph is not serializable, or a
     *     {@code writeObject} method fails; the message names the class
     */
    @Override
    public byte[] encode(Object value) {
        Objects.requireNonNull(value, "value");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new CodecException("the java codec cannot encode a value of class " + value.getClass().getName()
                    + ": class " + e.getMessage() + " (in its object graph) does not implement java.io.Serializable", e);
        } catch (IOException | RuntimeException e) {
            throw new CodecException("the java codec cannot encode a value of class " + value.getClass().getName()
                    + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    /**
     * Deserializes {@code bytes} through the filter, resolving classes with this codec's loader.
     *
     * @param bytes serialized bytes, not {@code null}
     * @return the value, never {@code null}
     * @throws NullPointerException if {@code bytes} is {@code null}
     * @throws CodecException if the filter refuses a class (the message names it and how to admit
     *     it), a class is not found by the loader (named), a class changed incompatibly (named), the
     *     bytes are corrupt or truncated, or they hold {@code null}
     */
    @Override
    public Object decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        DecodeFilter decodeFilter = new DecodeFilter(filter, bytes.length,
                allowList == null ? Long.MAX_VALUE : JavaAllowList.MAX_DEPTH);
        Object value;
        try (LoaderObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
            in.setObjectInputFilter(decodeFilter);
            value = in.readObject();
        } catch (InvalidClassException e) {
            throw refused(decodeFilter, e);
        } catch (ClassNotFoundException e) {
            throw new CodecException("the java codec cannot decode: class " + e.getMessage()
                    + " is not found by the class loader " + loader, e);
        } catch (IOException e) {
            throw new CodecException("the java codec cannot decode " + bytes.length
                    + " bytes: corrupt or truncated serialized data (" + e + ")", e);
        } catch (RuntimeException e) {
            throw new CodecException("the java codec cannot decode " + bytes.length + " bytes: " + e, e);
        }
        if (value == null) {
            throw new CodecException("the java codec cannot decode " + bytes.length
                    + " bytes: they hold null, which no codec encodes");
        }
        return value;
    }

    private CodecException refused(DecodeFilter decodeFilter, InvalidClassException e) {
        String refusal = decodeFilter.refusal();
        if (refusal == null) {
            return new CodecException("the java codec cannot decode class " + e.classname + ": " + e.getMessage(), e);
        }
        String refusedClass = decodeFilter.refusedClass();
        if (refusedClass == null) {
            return new CodecException("the java codec refused the serialized data: " + refusal, e);
        }
        String how = allowList != null && decodeFilter.refusedByCodecFilter()
                ? allowList.howToAdmit(refusedClass)
                : refusal;
        return new CodecException("the java codec refused to deserialize class " + refusedClass + ": " + how, e);
    }

    /**
     * Returns {@code "java"}.
     *
     * @return {@code "java"}
     */
    @Override
    public String name() {
        return "java";
    }

    @Override
    public String toString() {
        return "JavaCodec[" + filter + "]";
    }
}
