package dev.stowage.codec;

import java.util.Set;

/**
 * The classes of the frameworks Stowage integrates with that they store in caches of their own
 * accord, admitted by the {@code java} codec's default allow-list ({@link JavaAllowList}) without
 * configuration — each by its exact name, never a package, so that a framework's other classes
 * (some with dangerous {@code readObject} methods) stay refused:
 * <ul>
 *   <li>Spring's cache abstraction: {@code NullValue} (a cached {@code null} result, the default of
 *       {@code @Cacheable}) and {@code SimpleKey} (the key of a method with several or no
 *       parameters);</li>
 *   <li>Hibernate 6's second-level cache ({@code hibernate-jcache}): its cache keys (entity,
 *       collection, natural id, query), its cache entries (entity and collection state, query
 *       results) and the read-write strategy's items and soft locks, plus
 *       {@code java.io.Serializable} for the {@code Serializable[]} of disassembled state (an
 *       interface, which cannot be instantiated).</li>
 * </ul>
 * The list lives here, with the codec, because it is the codec that decides what may be
 * instantiated: keeping it next to the allow-list makes every admitted class visible in one
 * place, and no framework jar is needed to compile or run Stowage. Naming a class that is absent
 * from the class path admits nothing. Immutable and thread-safe.
 */
final class FrameworkClasses {

    /** The admitted class names, as {@link Class#getName()} writes them. */
    static final Set<String> NAMES = Set.of(
            // Spring Framework 6 (spring-context)
            "org.springframework.cache.support.NullValue",
            "org.springframework.cache.interceptor.SimpleKey",
            // Hibernate ORM 6 (hibernate-core): keys
            "org.hibernate.cache.internal.BasicCacheKeyImplementation",
            "org.hibernate.cache.internal.CacheKeyImplementation",
            "org.hibernate.cache.internal.NaturalIdCacheKey",
            "org.hibernate.cache.spi.QueryKey",
            "org.hibernate.query.internal.QueryParameterBindingsImpl$ParameterBindingsMementoImpl",
            // entries
            "org.hibernate.cache.spi.entry.StandardCacheEntryImpl",
            "org.hibernate.cache.spi.entry.CollectionCacheEntry",
            "org.hibernate.cache.internal.QueryResultsCacheImpl$CacheItem",
            "org.hibernate.cache.spi.support.AbstractReadWriteAccess$Item",
            "org.hibernate.cache.spi.support.AbstractReadWriteAccess$SoftLockImpl",
            "java.io.Serializable");

    private FrameworkClasses() {
    }
}
