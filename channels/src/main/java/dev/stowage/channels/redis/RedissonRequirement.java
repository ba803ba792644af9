package dev.stowage.channels.redis;

/**
 * Checks that Redisson is on the class path before a Redis backend touches it, so a missing optional
 * dependency fails at once with a message naming it instead of a {@link NoClassDefFoundError} later.
 * This class itself references no Redisson type. Thread-safe.
 */
final class RedissonRequirement {

    /** The Maven coordinates named in the error. */
    static final String DEPENDENCY = "org.redisson:redisson";

    private RedissonRequirement() {
    }

    /**
     * Throws unless {@code org.redisson.api.RedissonClient} loads from this module's class loader.
     *
     * @param scheme the backend's scheme, named in the message
     * @throws IllegalStateException when Redisson is missing; the message names the dependency to add
     */
    static void check(String scheme) {
        try {
            Class.forName("org.redisson.api.RedissonClient", false, RedissonRequirement.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("the " + scheme + " channels backend needs Redisson on the class "
                    + "path: add the dependency " + DEPENDENCY + " (3.50.0 or later; it is optional in "
                    + "stowage-channels)", e);
        }
    }
}
