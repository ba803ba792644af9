package dev.stowage.jcache.configuration;

import java.lang.reflect.Array;
import javax.cache.configuration.Factory;

/**
 * Resolves the classes a configuration file names, with the cache manager's class loader: value
 * types ({@code keyType}, {@code valueType}) and the classes of loaders, writers, listeners, filters
 * and expiry policies. Stateless.
 */
final class ClassReferences {

    private ClassReferences() {
    }

    /**
     * Resolves a key or value type: a fully qualified class name, a {@code java.lang} simple name
     * ({@code String}, {@code Long}), or either with {@code []} suffixes ({@code byte[]}; primitives
     * only as array components).
     *
     * @param node the scalar naming the type, not {@code null}
     * @param loader the class loader, not {@code null}
     * @return the class
     * @throws ConfigurationException if no such class is found, or it is a primitive
     */
    static Class<?> type(YamlNode node, ClassLoader loader) {
        String name = node.string().strip();
        int dimensions = 0;
        while (name.endsWith("[]")) {
            dimensions++;
            name = name.substring(0, name.length() - 2).strip();
        }
        Class<?> type = primitive(name);
        if (type != null && dimensions == 0) {
            throw node.fail("is a primitive type; caches hold objects, e.g. java.lang."
                    + (name.equals("int") ? "Integer" : Character.toUpperCase(name.charAt(0)) + name.substring(1)));
        }
        if (type == null) {
            type = find(node, name, loader);
        }
        for (int i = 0; i < dimensions; i++) {
            type = Array.newInstance(type, 0).getClass();
        }
        return type;
    }

    /**
     * Resolves a class that makes a {@code T}: a {@code T} or a JSR-107 {@link Factory} of one, with a
     * public no-argument constructor.
     *
     * @param <T> what is made
     * @param node the scalar naming the class, not {@code null}
     * @param expected what is made, not {@code null}
     * @param loader the class loader, not {@code null}
     * @return a factory that makes a new instance per call
     * @throws ConfigurationException if the class is missing, is neither a {@code T} nor a
     *     {@code Factory}, or cannot be instantiated
     */
    static <T> Factory<T> factory(YamlNode node, Class<T> expected, ClassLoader loader) {
        Class<?> type = find(node, node.string().strip(), loader);
        if (!expected.isAssignableFrom(type) && !Factory.class.isAssignableFrom(type)) {
            throw node.fail("is neither a " + expected.getName() + " nor a " + Factory.class.getName() + " of one");
        }
        String why = ClassFactory.whyNotInstantiable(type);
        if (why != null) {
            throw node.fail(why);
        }
        return new ClassFactory<>(type, expected, node.location());
    }

    private static Class<?> find(YamlNode node, String name, ClassLoader loader) {
        if (name.isEmpty()) {
            throw node.fail("is not a class name");
        }
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            if (name.indexOf('.') < 0) {
                try {
                    return Class.forName("java.lang." + name, false, loader);
                } catch (ClassNotFoundException | LinkageError ignored) {
                    // reported below with the name as written
                }
            }
            throw node.fail("is not a class that the class loader finds (" + e + ")", e);
        }
    }

    private static Class<?> primitive(String name) {
        return switch (name) {
            case "boolean" -> boolean.class;
            case "byte" -> byte.class;
            case "char" -> char.class;
            case "short" -> short.class;
            case "int" -> int.class;
            case "long" -> long.class;
            case "float" -> float.class;
            case "double" -> double.class;
            default -> null;
        };
    }
}
