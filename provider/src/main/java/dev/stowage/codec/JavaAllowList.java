package dev.stowage.codec;

import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code java} codec's default {@link ObjectInputFilter}: an allow-list of {@code java.base}
 * value types, the cache's declared types and their packages, and the patterns of the system
 * property {@value #ALLOW_PROPERTY}. Everything else is {@link ObjectInputFilter.Status#REJECTED}.
 *
 * <p>Admitted without configuration: primitives; {@code java.lang} boxed primitives,
 * {@code Number}, {@code String}, {@code Enum}, {@code Object} (for {@code Object[]}) and
 * {@code String.CASE_INSENSITIVE_ORDER}'s class; the classes of the packages {@code java.math},
 * {@code java.util}, {@code java.util.concurrent}, {@code java.util.concurrent.atomic} and
 * {@code java.util.concurrent.locks} (collections and the internal classes JDK serialization writes
 * for them, e.g. {@code java.util.CollSer} and {@code ConcurrentHashMap$Segment}, a
 * {@code ReentrantLock}); {@code java.time} and its sub-packages; arrays of any admitted type.
 * Nesting deeper than {@value #MAX_DEPTH} is rejected. The classes Spring's cache abstraction and
 * Hibernate's second-level cache store of their own accord are admitted by exact name
 * ({@link FrameworkClasses}).
 *
 * <p>Immutable and thread-safe.
 */
final class JavaAllowList implements ObjectInputFilter {

    /** The system property whose JDK filter patterns ({@code org.acme.**;com.foo.Bar}) add to the list. */
    static final String ALLOW_PROPERTY = "stowage.codec.java.allow";

    /** The deepest object nesting admitted; deeper streams are rejected before they exhaust the stack. */
    static final long MAX_DEPTH = 500;

    private static final Set<String> BASE_CLASSES = Set.of(
            "java.lang.Boolean", "java.lang.Byte", "java.lang.Character", "java.lang.Short",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
            "java.lang.Number", "java.lang.String", "java.lang.Enum", "java.lang.Object",
            "java.lang.String$CaseInsensitiveComparator");

    private static final Set<String> BASE_PACKAGES = Set.of(
            "java.math", "java.util", "java.util.concurrent", "java.util.concurrent.atomic",
            "java.util.concurrent.locks");

    private static final String BASE_PACKAGE_TREE = "java.time";

    private final Set<String> classes;
    private final Set<String> packages;
    private final ObjectInputFilter extra;
    private final String extraPatterns;

    private JavaAllowList(Set<String> classes, Set<String> packages, String extraPatterns) {
        this.classes = Collections.unmodifiableSet(classes);
        this.packages = Collections.unmodifiableSet(packages);
        this.extraPatterns = extraPatterns;
        this.extra = extraPatterns == null ? null : ObjectInputFilter.Config.createFilter(extraPatterns);
    }

    /**
     * Builds the allow-list for {@code declaredTypes} plus the patterns that the system property
     * {@value #ALLOW_PROPERTY} holds now.
     *
     * @param declaredTypes the cache's declared key and value types; none may be {@code null}
     * @return the filter
     * @throws NullPointerException if an element of {@code declaredTypes} is {@code null}
     * @throws IllegalArgumentException if the property holds a pattern the JDK cannot parse; the
     *     message names the property and its value
     */
    static JavaAllowList create(Class<?>... declaredTypes) {
        return create(null, declaredTypes);
    }

    /**
     * Builds the allow-list for {@code declaredTypes} plus the patterns that the system property
     * {@value #ALLOW_PROPERTY} holds now, plus {@code allowPatterns} (a cache manager's own, e.g.
     * from its JCache properties).
     *
     * @param allowPatterns a JDK filter pattern list ({@code org.acme.**;com.foo.Bar}), or
     *     {@code null} or blank for none
     * @param declaredTypes the cache's declared key and value types; none may be {@code null}
     * @return the filter
     * @throws NullPointerException if an element of {@code declaredTypes} is {@code null}
     * @throws IllegalArgumentException if the property or {@code allowPatterns} holds a pattern the
     *     JDK cannot parse; the message names where it came from and its value
     */
    static JavaAllowList create(String allowPatterns, Class<?>... declaredTypes) {
        Set<String> classes = new TreeSet<>();
        Set<String> packages = new TreeSet<>();
        for (int i = 0; i < declaredTypes.length; i++) {
            Class<?> type = Objects.requireNonNull(declaredTypes[i], "declaredTypes[" + i + "]");
            while (type.isArray()) {
                type = type.getComponentType();
            }
            if (type.isPrimitive() || type == Object.class || type == Serializable.class) {
                continue;
            }
            classes.add(type.getName());
            if (!isPlatformPackage(type.getPackageName())) {
                packages.add(type.getPackageName());
            }
        }
        String property = System.getProperty(ALLOW_PROPERTY);
        String fromProperty = property == null || property.isBlank() ? null : property.strip();
        String own = allowPatterns == null || allowPatterns.isBlank() ? null : allowPatterns.strip();
        check(ALLOW_PROPERTY + " (system property)", fromProperty);
        check("the cache manager's allow-list", own);
        String patterns = fromProperty == null ? own : own == null ? fromProperty : fromProperty + ";" + own;
        return new JavaAllowList(classes, packages, patterns);
    }

    private static void check(String source, String patterns) {
        if (patterns == null) {
            return;
        }
        try {
            ObjectInputFilter.Config.createFilter(patterns);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source.startsWith(ALLOW_PROPERTY)
                    ? "the system property " + ALLOW_PROPERTY + " holds '" + patterns
                            + "', which is not a JDK ObjectInputFilter pattern list (e.g. org.acme.**;com.foo.Bar): "
                            + e.getMessage()
                    : source + " '" + patterns + "' is not a JDK ObjectInputFilter pattern list"
                            + " (e.g. org.acme.**;com.foo.Bar): " + e.getMessage(), e);
        }
    }

    private static boolean isPlatformPackage(String name) {
        return name.equals("java") || name.startsWith("java.") || name.startsWith("javax.")
                || name.startsWith("jdk.") || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    /**
     * Decides on one class or limit check of a stream being deserialized.
     *
     * @param info the check, not {@code null}
     * @return {@code REJECTED} for a class outside the list or a nesting too deep (or anything the
     *     property's patterns reject), {@code ALLOWED} for an admitted class, {@code UNDECIDED}
     *     for a limit check within bounds
     */
    @Override
    public Status checkInput(FilterInfo info) {
        Status extraStatus = extra == null ? Status.UNDECIDED : extra.checkInput(info);
        if (extraStatus == Status.REJECTED || info.depth() > MAX_DEPTH) {
            return Status.REJECTED;
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return Status.UNDECIDED;
        }
        if (extraStatus == Status.ALLOWED) {
            return Status.ALLOWED;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        return type.isPrimitive() || admits(type) ? Status.ALLOWED : Status.REJECTED;
    }

    private boolean admits(Class<?> type) {
        String name = type.getName();
        String pkg = type.getPackageName();
        return BASE_CLASSES.contains(name) || BASE_PACKAGES.contains(pkg)
                || pkg.equals(BASE_PACKAGE_TREE) || pkg.startsWith(BASE_PACKAGE_TREE + ".")
                || classes.contains(name) || packages.contains(pkg) || FrameworkClasses.NAMES.contains(name);
    }

    /**
     * Returns the packages admitted because a declared type lives there.
     *
     * @return the package names, sorted; unmodifiable
     */
    Set<String> declaredPackages() {
        return packages;
    }

    /**
     * Returns the declared types admitted by name.
     *
     * @return the class names, sorted; unmodifiable
     */
    Set<String> declaredClasses() {
        return classes;
    }

    /**
     * Explains how to admit a refused class, for a {@link CodecException} message.
     *
     * @param className the refused class's name
     * @return the explanation, one sentence
     */
    String howToAdmit(String className) {
        return "it is not on the java codec's allow-list (java.base value types, named Spring and Hibernate classes"
                + (classes.isEmpty() ? "" : ", the declared types " + classes)
                + (packages.isEmpty() ? "" : ", the packages " + packages)
                + (extraPatterns == null ? "" : ", " + ALLOW_PROPERTY + "=" + extraPatterns)
                + "); to admit it, declare it as the cache's key or value type, add it to the cache manager's JCache"
                + " property " + ALLOW_PROPERTY + " (Spring Boot starter: stowage.codec.allow), or to the system property "
                + ALLOW_PROPERTY + ", e.g. -D" + ALLOW_PROPERTY + "=" + className;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>(List.of("java.base value types"));
        if (!classes.isEmpty()) {
            parts.add("classes " + classes);
        }
        if (!packages.isEmpty()) {
            parts.add("packages " + packages);
        }
        if (extraPatterns != null) {
            parts.add(ALLOW_PROPERTY + "=" + extraPatterns);
        }
        return "JavaAllowList" + parts + ", maxdepth=" + MAX_DEPTH;
    }
}
