package dev.stowage.jcache.management;

/**
 * A Stowage management bean of a cache with a near cache, registered as
 * {@code dev.stowage:type=NearCache,CacheManager=<uri>,Cache=<name>} while the cache is open. Its
 * hits and misses are the near tier's own: JCache's {@code CacheStatistics} keep counting every
 * {@code get} as a cache hit or miss whichever tier served it.
 */
public interface NearCacheMXBean {

    /**
     * Returns how many reads the near tier served, without a round trip to the store.
     *
     * @return the count since the cache was created, 0 or more
     */
    long getNearHits();

    /**
     * Returns how many reads the near tier could not serve (absent, expired, invalidated, or not
     * serving while invalidations were lost), which went to the store.
     *
     * @return the count since the cache was created, 0 or more
     */
    long getNearMisses();

    /**
     * Returns the share of near hits among near reads.
     *
     * @return a percentage, 0 to 100; 0 before any read
     */
    float getNearHitPercentage();

    /**
     * Returns how many keys the store reported changed (by any JVM, this one included).
     *
     * @return the count since the cache was created, 0 or more
     */
    long getInvalidations();

    /**
     * Returns how many times invalidations were lost (a lost connection), each time emptying the tier.
     *
     * @return the count since the cache was created, 0 or more
     */
    long getInvalidationLosses();

    /**
     * Tells whether the near tier serves reads (invalidations flow).
     *
     * @return {@code false} while invalidations are lost
     */
    boolean isServing();

    /**
     * Returns about how many entries the near tier holds.
     *
     * @return Caffeine's estimate, at most about the configured maximum size
     */
    long getSize();
}
