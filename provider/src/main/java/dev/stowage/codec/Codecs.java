package dev.stowage.codec;

import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chooses a {@link Codec} by the name configuration gives it. Stateless and thread-safe.
 */
public final class Codecs {

    private static final Set<String> NAMES = new TreeSet<>(Set.of("raw", "java"));

    private Codecs() {
    }

    /**
     * Returns the codec named {@code name} for values of {@code declaredType}: {@code "raw"} gives
     * a {@link RawCodec} of that type, {@code "java"} a {@link JavaCodec#forTypes} admitting it.
     * Names are matched ignoring case and surrounding white space.
     *
     * @param name the codec's name, not {@code null}
     * @param declaredType the cache's declared key or value type, not {@code null}
     *     ({@code Object.class} when the cache declares none)
     * @param loader the class loader the {@code java} codec resolves classes with, not {@code null}
     * @return a new codec
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is unknown (the message names it and the known
     *     names), or the raw codec is asked for a type other than {@code String} or {@code byte[]}
     *     (the message names the type)
     */
    public static Codec<Object> forName(String name, Class<?> declaredType, ClassLoader loader) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(declaredType, "declaredType");
        Objects.requireNonNull(loader, "loader");
        switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "raw":
                return new RawCodec(declaredType);
            case "java":
                return JavaCodec.forTypes(loader, declaredType);
            default:
                throw new IllegalArgumentException("unknown codec '" + name + "'; known codecs: " + String.join(", ", NAMES));
        }
    }

    /**
     * Returns the names {@link #forName} knows.
     *
     * @return {@code ["java", "raw"]}, sorted and unmodifiable
     */
    public static Set<String> names() {
        return Collections.unmodifiableSet(NAMES);
    }
}
