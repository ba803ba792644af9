package dev.stowage.jcache.storage;

import dev.stowage.codec.Codec;
import java.io.ObjectInputFilter;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Store-by-value copying for the memory backend (JSR-107 section 3.2 "Store-By-Value and
 * Store-By-Reference"): turns a value into the form the store keeps and back. Instances of known
 * immutable JDK types, enums and records made only of those are kept as they are (the fast path);
 * {@code byte[]} is cloned; anything else
 * is kept serialized and deserialized on every read, so neither the caller's object nor a returned
 * one is ever shared with the store. Thread-safe.
 *
 * <p>The serialized form never leaves this JVM and is made from objects the application handed to
 * the cache, so its deserialization filter admits every class; the filter that guards data from
 * shared backends is the {@code java} codec's.
 */
public final class Copier {

    private static final Set<Class<?>> IMMUTABLE = Set.of(
            String.class, Boolean.class, Character.class, Byte.class, Short.class, Integer.class, Long.class,
            Float.class, Double.class, BigInteger.class, BigDecimal.class, UUID.class, Instant.class,
            Duration.class, LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetDateTime.class,
            ZonedDateTime.class, Class.class);

    /** Per class: whether its instances need no copy (see {@link #isImmutable(Object)}). */
    private static final ClassValue<Boolean> IMMUTABLE_CLASS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return immutable(type, new HashSet<>());
        }
    };

    /** A value kept in serialized form. */
    private record Serialized(byte[] bytes) {
    }

    private final Codec<Object> codec;

    /**
     * Creates a copier that deserializes with {@code classLoader}.
     *
     * @param classLoader the class loader that resolves the copied classes, not {@code null}
     */
    public Copier(ClassLoader classLoader) {
        this.codec = dev.stowage.codec.JavaCodec.withFilter(classLoader,
                ObjectInputFilter.Config.createFilter("maxdepth=1000;maxarray=100000000;*"));
    }

    /**
     * Tells whether {@code value} is of a type that needs no copy: a known immutable JDK type, an enum,
     * or a record whose components are all declared as such final types, primitives, enums or such
     * records (its fields are final and hold nothing a caller could change). Decided once per class.
     *
     * @param value the value, not {@code null}
     * @return {@code true} when the value may be shared with the store as it is
     */
    public static boolean isImmutable(Object value) {
        return IMMUTABLE_CLASS.get(value.getClass());
    }

    /**
     * Tells whether every instance of a configured type needs no copy: the type is final (or an enum)
     * and {@link #isImmutable(Object) immutable}, so no subclass can add state. A store-by-value cache of
     * such keys or values keeps and returns them as they are without asking each one its class.
     *
     * @param type a configured key or value type ({@code Configuration.getKeyType()}), not {@code null}
     * @return {@code true} for e.g. {@code String}, {@code Long}, an enum, a record of such types;
     *     {@code false} for {@code Object}, {@code BigInteger} (not final), {@code byte[]}, other classes
     */
    public static boolean sharesEvery(Class<?> type) {
        return knownExactly(type) && IMMUTABLE_CLASS.get(type);
    }

    /**
     * Whether a value declared as {@code type} is of that very type, or of one that adds no state (an
     * enum constant's body): a primitive, an enum or a final class.
     */
    private static boolean knownExactly(Class<?> type) {
        return type.isPrimitive() || type.isEnum() || Modifier.isFinal(type.getModifiers());
    }

    private static boolean immutable(Class<?> type, Set<Class<?>> visiting) {
        if (type.isPrimitive() || IMMUTABLE.contains(type) || type.isEnum()
                || (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
            return true;
        }
        if (!type.isRecord()) {
            return false;
        }
        if (!visiting.add(type)) {
            // a record that holds its own type: immutable if the rest of it is
            return true;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> declared = component.getType();
            // a component's value may be of a subclass of its declared type: only final types are known
            if (!knownExactly(declared) || !immutable(declared, visiting)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the form to keep in the store for {@code value}.
     *
     * @param value the caller's value, not {@code null}
     * @return the value itself when immutable, else a private copy or serialized form
     * @throws dev.stowage.codec.CodecException if the value cannot be serialized (for example it
     *     does not implement {@link java.io.Serializable})
     */
    public Object toStored(Object value) {
        if (isImmutable(value)) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        return new Serialized(codec.encode(value));
    }

    /**
     * Returns a caller's copy of a stored form.
     *
     * @param stored what {@link #toStored(Object)} returned, not {@code null}
     * @return a value the caller may change without affecting the store
     */
    public Object fromStored(Object stored) {
        if (stored instanceof Serialized serialized) {
            return codec.decode(serialized.bytes());
        }
        if (stored instanceof byte[] bytes) {
            return bytes.clone();
        }
        return stored;
    }

    /**
     * Copies {@code value} at once: {@code fromStored(toStored(value))}, for keys, which must stay
     * live objects with value-based {@code equals}.
     *
     * @param value the value, not {@code null}
     * @return an independent copy, or the value itself when immutable
     */
    public Object copy(Object value) {
        return isImmutable(value) ? value : fromStored(toStored(value));
    }
}
