package dev.stowage.jcache.management;

import dev.stowage.jcache.event.ClusterEvents;

/**
 * The {@link CacheEventsMXBean} of one cache, read live from its {@link ClusterEvents}. Thread-safe.
 */
public final class CacheEventsBean implements CacheEventsMXBean {

    private final ClusterEvents<?, ?> events;

    /**
     * Creates the bean.
     *
     * @param events the cache's cluster events, not {@code null}
     */
    public CacheEventsBean(ClusterEvents<?, ?> events) {
        this.events = events;
    }

    @Override
    public long getSubscriptionGaps() {
        return events.gaps();
    }

    @Override
    public boolean isPublishing() {
        return events.publishing();
    }
}
