package dev.stowage.spring.boot;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.cache.CacheManager;

/**
 * Counts the Spring application contexts that use each JCache cache manager. The provider gives one
 * manager per class loader and URI, so two contexts with the same configuration (Spring's test
 * context cache keeps several alive at once) share one; closing the first must not close it under
 * the second. The last context to let go of a manager closes it. Thread-safe.
 */
final class SharedCacheManagers {

    private static final Map<CacheManager, Integer> HOLDERS = new IdentityHashMap<>();

    private SharedCacheManagers() {
    }

    /**
     * Opens (or finds) a manager and counts one more context holding it, in one step with respect
     * to {@link #release}, so a manager being closed is never handed out.
     *
     * @param opener gets the manager from the provider, not {@code null}
     * @return the open manager
     */
    static synchronized CacheManager acquire(Supplier<CacheManager> opener) {
        CacheManager manager = opener.get();
        HOLDERS.merge(manager, 1, Integer::sum);
        return manager;
    }

    /**
     * Counts one context less holding {@code manager}, closing it when none is left.
     *
     * @param manager a manager passed to {@link #acquire}, not {@code null}
     */
    static synchronized void release(CacheManager manager) {
        Integer holders = HOLDERS.get(manager);
        if (holders == null || holders <= 1) {
            HOLDERS.remove(manager);
            manager.close();
        } else {
            HOLDERS.put(manager, holders - 1);
        }
    }

    /**
     * Returns how many contexts hold {@code manager}.
     *
     * @param manager the manager, not {@code null}
     * @return the count, 0 when none
     */
    static synchronized int holders(CacheManager manager) {
        return HOLDERS.getOrDefault(manager, 0);
    }
}
