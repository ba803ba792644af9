package dev.stowage.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.Arrays;
import java.util.Map;

/**
 * An {@link ObjectInputStream} that resolves classes with a given class loader (the cache's, JCache
 * {@code CacheManager.getClassLoader()}) instead of the JDK's "latest user-defined loader", and that
 * refuses dynamic proxy classes, a classic vector for deserialization gadgets. Classes are loaded
 * without being initialized, so a class the filter then refuses never runs any of its code.
 *
 * <p>Used by one thread; not thread-safe, like every {@link ObjectInputStream}.
 */
final class LoaderObjectInputStream extends ObjectInputStream {

    private static final Map<String, Class<?>> PRIMITIVES = Map.of(
            "boolean", boolean.class, "byte", byte.class, "char", char.class, "short", short.class,
            "int", int.class, "long", long.class, "float", float.class, "double", double.class,
            "void", void.class);

    private final ClassLoader loader;

    /**
     * Opens a stream and reads its serialization header.
     *
     * @param in the serialized bytes
     * @param loader the class loader to resolve classes with, not {@code null}
     * @throws IOException if the header is missing or corrupt
     */
    LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
        super(in);
        this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        String name = desc.getName();
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            Class<?> primitive = PRIMITIVES.get(name);
            if (primitive != null) {
                return primitive;
            }
            throw e;
        }
    }

    @Override
    protected Class<?> resolveProxyClass(String[] interfaces) throws IOException {
        throw new InvalidClassException("dynamic proxy class for " + Arrays.toString(interfaces),
                "the java codec never deserializes dynamic proxies");
    }
}
