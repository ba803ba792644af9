package dev.stowage.jcache.management;

import dev.stowage.jcache.storage.NearEntryStorage;

/**
 * The {@link NearCacheMXBean} of one cache, read live from its {@link NearEntryStorage}. Thread-safe.
 */
public final class NearCacheBean implements NearCacheMXBean {

    private final NearEntryStorage<?, ?> near;

    /**
     * Creates the bean.
     *
     * @param near the cache's near storage, not {@code null}
     */
    public NearCacheBean(NearEntryStorage<?, ?> near) {
        this.near = near;
    }

    @Override
    public long getNearHits() {
        return near.hits();
    }

    @Override
    public long getNearMisses() {
        return near.misses();
    }

    @Override
    public float getNearHitPercentage() {
        long hits = near.hits();
        long reads = hits + near.misses();
        return reads == 0 ? 0 : hits * 100f / reads;
    }

    @Override
    public long getInvalidations() {
        return near.invalidations();
    }

    @Override
    public long getInvalidationLosses() {
        return near.losses();
    }

    @Override
    public boolean isServing() {
        return near.serving();
    }

    @Override
    public long getSize() {
        return near.size();
    }
}
