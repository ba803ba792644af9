package dev.stowage.jcache.management;

/**
 * A Stowage management bean of a cache with cluster-wide events ({@code events: cluster}), registered
 * as {@code dev.stowage:type=CacheEvents,CacheManager=<uri>,Cache=<name>} while the cache is open.
 */
public interface CacheEventsMXBean {

    /**
     * Returns how many times the cache's subscription to its change feed was lost and re-established:
     * each time, entry events of other JVMs published meanwhile may be missing (a WARNING is logged too).
     *
     * @return the count since the cache was created, 0 or more
     */
    long getSubscriptionGaps();

    /**
     * Tells whether some JVM listens to the cache's events, so that every JVM publishes them.
     *
     * @return the locally kept answer
     */
    boolean isPublishing();
}
