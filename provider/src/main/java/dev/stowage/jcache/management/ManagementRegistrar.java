package dev.stowage.jcache.management;

import dev.stowage.common.UriMask;
import java.lang.management.ManagementFactory;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanRegistrationException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.NotCompliantMBeanException;
import javax.management.ObjectName;

/**
 * Registers a cache's beans with the platform MBean server under the names JSR-107 section 12.1
 * gives and Micrometer's {@code JCacheMetrics} reads:
 * {@code javax.cache:type=CacheStatistics|CacheConfiguration,CacheManager=<uri>,Cache=<name>} (and
 * Stowage's own {@code dev.stowage:type=CacheEvents|NearCache,...}), with
 * {@code : = , ? * "} and newlines in the URI and name replaced by dots (a {@code ?} or {@code *} would make
 * the name a pattern, e.g. in {@code redis://host/0?namespace=APP}). Stateless and thread-safe.
 */
public final class ManagementRegistrar {

    /** The kinds of bean a cache has. */
    public enum Kind {
        /** The {@link javax.cache.management.CacheMXBean}. */
        CacheConfiguration,
        /** The {@link javax.cache.management.CacheStatisticsMXBean}. */
        CacheStatistics,
        /** Stowage's {@link CacheEventsMXBean}, in the domain {@code dev.stowage}. */
        CacheEvents,
        /** Stowage's {@link NearCacheMXBean}, in the domain {@code dev.stowage}. */
        NearCache
    }

    private ManagementRegistrar() {
    }

    /**
     * Returns the object name of a cache's bean.
     *
     * @param cache the cache, not {@code null}
     * @param kind which bean
     * @return the name
     * @throws CacheException if the name cannot be formed
     */
    public static ObjectName objectName(Cache<?, ?> cache, Kind kind) {
        try {
            String domain = kind == Kind.CacheEvents || kind == Kind.NearCache ? "dev.stowage" : "javax.cache";
            return new ObjectName(domain + ":type=" + kind + ",CacheManager="
                    + safe(UriMask.mask(cache.getCacheManager().getURI().toString())) + ",Cache=" + safe(cache.getName()));
        } catch (MalformedObjectNameException e) {
            throw new CacheException("cache '" + cache.getName() + "' has no valid JMX object name", e);
        }
    }

    /**
     * Registers {@code bean} unless a bean of that name is registered already.
     *
     * @param cache the cache, not {@code null}
     * @param kind which bean
     * @param bean the bean, not {@code null}
     * @throws CacheException if the MBean server refuses it
     */
    public static void register(Cache<?, ?> cache, Kind kind, Object bean) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = objectName(cache, kind);
        try {
            if (!server.isRegistered(name)) {
                server.registerMBean(bean, name);
            }
        } catch (InstanceAlreadyExistsException e) {
            // registered concurrently: what we wanted
        } catch (MBeanRegistrationException | NotCompliantMBeanException e) {
            throw new CacheException("registering " + name + " failed", e);
        }
    }

    /**
     * Unregisters a cache's bean; a no-op when it is not registered.
     *
     * @param cache the cache, not {@code null}
     * @param kind which bean
     * @throws CacheException if the MBean server refuses
     */
    public static void unregister(Cache<?, ?> cache, Kind kind) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = objectName(cache, kind);
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (InstanceNotFoundException e) {
            // unregistered concurrently: what we wanted
        } catch (MBeanRegistrationException e) {
            throw new CacheException("unregistering " + name + " failed", e);
        }
    }

    private static String safe(String text) {
        return text == null ? "" : text.replaceAll("[:=,\n?*\"]", ".");
    }
}
