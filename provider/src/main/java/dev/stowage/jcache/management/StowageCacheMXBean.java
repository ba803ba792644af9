package dev.stowage.jcache.management;

import javax.cache.Cache;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.management.CacheMXBean;

/**
 * A cache's configuration as a management bean (JSR-107 section 12.3 "Cache Configuration"),
 * read live from the cache. Thread-safe.
 */
public final class StowageCacheMXBean implements CacheMXBean {

    private final Cache<?, ?> cache;

    /**
     * Creates the bean.
     *
     * @param cache the cache it describes, not {@code null}
     */
    public StowageCacheMXBean(Cache<?, ?> cache) {
        this.cache = cache;
    }

    private CompleteConfiguration<?, ?> configuration() {
        @SuppressWarnings("unchecked")
        CompleteConfiguration<?, ?> configuration = cache.getConfiguration(CompleteConfiguration.class);
        return configuration;
    }

    @Override
    public String getKeyType() {
        return configuration().getKeyType().getName();
    }

    @Override
    public String getValueType() {
        return configuration().getValueType().getName();
    }

    @Override
    public boolean isReadThrough() {
        return configuration().isReadThrough();
    }

    @Override
    public boolean isWriteThrough() {
        return configuration().isWriteThrough();
    }

    @Override
    public boolean isStoreByValue() {
        return configuration().isStoreByValue();
    }

    @Override
    public boolean isStatisticsEnabled() {
        return configuration().isStatisticsEnabled();
    }

    @Override
    public boolean isManagementEnabled() {
        return configuration().isManagementEnabled();
    }
}
