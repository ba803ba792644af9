package dev.stowage.spring.boot;

import dev.stowage.common.UriMask;
import dev.stowage.jcache.StowageCacheManager;
import dev.stowage.jcache.StowageCachingProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Properties;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.springframework.beans.factory.DisposableBean;

/**
 * One application context's hold on the Stowage JCache cache manager: opened from Stowage's provider
 * by its class name (so Redisson's or any other {@code CachingProvider} on the class path is never
 * chosen by accident), shared with every other context of the same class loader and URI, and
 * released — closed by the last holder — when the context closes (see {@link SharedCacheManagers}).
 * Thread-safe.
 */
public final class StowageCacheManagerLease implements DisposableBean {

    private final CacheManager cacheManager;

    /**
     * Opens or joins the manager.
     *
     * @param uri the manager URI as configured ({@code memory:}, {@code redis://...},
     *     {@code classpath:stowage.yaml}), or {@code null} for the provider's default
     * @param allowPatterns the {@code java} codec's additions for this manager, a JDK filter pattern
     *     list, or empty for none
     * @param classLoader the application's class loader, not {@code null}
     * @throws IllegalArgumentException if {@code uri} is not a URI; the message names it, password masked
     * @throws javax.cache.CacheException if the manager cannot be opened (the provider's message)
     */
    StowageCacheManagerLease(String uri, String allowPatterns, ClassLoader classLoader) {
        StowageCachingProvider provider = (StowageCachingProvider) Caching.getCachingProvider(
                StowageCachingProvider.class.getName(), classLoader);
        URI managerUri = uri == null || uri.isBlank() ? provider.getDefaultURI() : parse(uri.strip());
        Properties properties = new Properties();
        if (!allowPatterns.isEmpty()) {
            properties.setProperty(StowageCacheManager.ALLOW_PROPERTY, allowPatterns);
        }
        this.cacheManager = SharedCacheManagers.acquire(
                () -> provider.getCacheManager(managerUri, classLoader, properties));
    }

    private static URI parse(String text) {
        // java.net.URI cannot hold a bare "memory:"; the provider's default URI reads it the same way
        String full = text.matches("[A-Za-z][A-Za-z0-9+.-]*:") ? text + "/" : text;
        try {
            return new URI(full);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("stowage.uri '" + UriMask.mask(text) + "' is not a URI: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Returns the manager.
     *
     * @return the open JCache manager
     */
    public CacheManager cacheManager() {
        return cacheManager;
    }

    /** Releases this context's hold; the last holder closes the manager. */
    @Override
    public void destroy() {
        SharedCacheManagers.release(cacheManager);
    }
}
