package dev.stowage.jcache.configuration;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import javax.cache.CacheException;
import javax.cache.configuration.Factory;

/**
 * A JSR-107 {@link Factory} for a class named in a configuration file: creates an instance through
 * the class's public no-argument constructor, or, when the class is itself a {@code Factory}, asks a
 * new instance of it for the object. Each {@link #create()} makes a new object. Immutable and
 * thread-safe; serializable, as JSR-107 factories are.
 *
 * @param <T> what the factory makes
 */
final class ClassFactory<T> implements Factory<T> {

    private final Class<?> type;
    private final Class<T> expected;
    private final String origin;

    /**
     * Creates the factory.
     *
     * @param type the named class: a {@code T} or a {@code Factory} of one, with a public
     *     no-argument constructor; not {@code null}
     * @param expected what {@link #create()} must return, not {@code null}
     * @param origin where the class was named, e.g. {@code stowage.yaml: caches.users.cacheLoader}
     */
    ClassFactory(Class<?> type, Class<T> expected, String origin) {
        this.type = type;
        this.expected = expected;
        this.origin = origin;
    }

    /**
     * Tells why {@code type} cannot be instantiated, if it cannot.
     *
     * @param type the class, not {@code null}
     * @return {@code null} if it is a public concrete class with a public no-argument constructor,
     *     else the reason
     */
    static String whyNotInstantiable(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return "is abstract";
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            return "is not public";
        }
        try {
            if (Modifier.isPublic(type.getConstructor().getModifiers())) {
                return null;
            }
        } catch (NoSuchMethodException e) {
            return "has no public no-argument constructor";
        }
        return "has no public no-argument constructor";
    }

    /**
     * Makes a new instance.
     *
     * @return the instance
     * @throws CacheException if the constructor fails, or a named factory returns something that is
     *     not a {@code T}; the message names the class and where it was configured
     */
    @Override
    public T create() {
        Object made;
        try {
            made = type.getConstructor().newInstance();
            if (made instanceof Factory<?> factory && !expected.isInstance(made)) {
                made = factory.create();
            }
        } catch (InvocationTargetException e) {
            throw new CacheException(origin + ": creating " + type.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new CacheException(origin + ": cannot create " + type.getName() + ": " + e, e);
        }
        if (!expected.isInstance(made)) {
            throw new CacheException(origin + ": " + type.getName() + " made " + (made == null ? "null" : "a "
                    + made.getClass().getName()) + ", not a " + expected.getName());
        }
        return expected.cast(made);
    }

    @Override
    public String toString() {
        return "ClassFactory[" + type.getName() + "]";
    }
}
