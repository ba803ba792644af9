package dev.stowage.redis.near;

import dev.stowage.jcache.management.ManagementRegistrar;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * What the near cache tests of this package read of a cache's near tier (its
 * {@code dev.stowage:type=NearCache} MXBean) and how they wait: until a check passes, or until a call
 * stops failing while a server is away. Stateless and thread-safe.
 */
final class NearTierProbe {

    private NearTierProbe() {
    }

    /** Whether the cache has a near cache: its MXBean is registered. */
    static boolean hasNearCache(Cache<?, ?> cache) {
        return ManagementFactory.getPlatformMBeanServer().isRegistered(
                ManagementRegistrar.objectName(cache, ManagementRegistrar.Kind.NearCache));
    }

    /** One attribute of the cache's near cache MXBean ({@code NearHits}, {@code Serving}, {@code Size}, ...). */
    static Object attribute(Cache<?, ?> cache, String name) {
        ObjectName bean = ManagementRegistrar.objectName(cache, ManagementRegistrar.Kind.NearCache);
        try {
            return ManagementFactory.getPlatformMBeanServer().getAttribute(bean, name);
        } catch (JMException e) {
            throw new IllegalStateException("cannot read " + name + " of " + bean, e);
        }
    }

    /** A count of the cache's near cache MXBean, such as {@code NearHits}. */
    static long count(Cache<?, ?> cache, String name) {
        return ((Number) attribute(cache, name)).longValue();
    }

    /** Runs {@code check} until it passes, every 10 ms, at most {@code limit}; then its last failure is thrown. */
    static void eventually(Duration limit, Runnable check) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError | CacheException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }

    /** Calls {@code call} until it does not throw a {@link RuntimeException}, every 20 ms, at most {@code limit}. */
    static <T> T retrying(Duration limit, Callable<T> call) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                return call.call();
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }
}
