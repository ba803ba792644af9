package dev.stowage.jcache;

import dev.stowage.common.UriMask;
import dev.stowage.jcache.configuration.CacheManagerSetup;
import dev.stowage.jcache.configuration.ManagerUri;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StoreException;
import dev.stowage.store.Stores;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * Stowage's JCache {@link CachingProvider} (JSR-107 section 5.1), registered in
 * {@code META-INF/services/javax.cache.spi.CachingProvider} so that {@code Caching.getCachingProvider()}
 * finds it. One {@link StowageCacheManager} per class loader and URI.
 *
 * <p>The default URI is the system property {@value #URI_PROPERTY}, else the environment variable
 * {@value #URI_ENVIRONMENT}, else {@code memory:} ({@link #DEFAULT_URI}), so JCache code with no configuration runs on the
 * memory backend. A URI names a store backend by its scheme ({@code memory:}, {@code filestore:/dir},
 * {@code redis://host:port}, ...), found through {@link dev.stowage.store.StoreFactory}, or a YAML
 * configuration file ({@code classpath:stowage.yaml}, {@code file:/etc/app/stowage.yaml},
 * {@code jar:file:/app.jar!/stowage.yaml}; see {@code docs/configuration.md}) that names the store and
 * declares caches. Either may carry the query parameters {@code nearCache.maximumSize} and
 * {@code nearCache.timeToLive}, the default near cache of the manager's caches, which are taken out
 * before the rest goes to the store or names the file ({@link ManagerUri}); {@code getURI()} stays the
 * URI as given. Supports store-by-reference. Thread-safe.
 */
public final class StowageCachingProvider implements CachingProvider {

    /** The system property that holds the default cache manager URI. */
    public static final String URI_PROPERTY = "stowage.uri";

    /** The environment variable that holds the default cache manager URI. */
    public static final String URI_ENVIRONMENT = "STOWAGE_URI";

    /**
     * The URI of the memory backend when nothing else is configured. {@code java.net.URI} cannot
     * hold a bare {@code memory:}, so a property or variable that says {@code memory:} (or any bare
     * {@code scheme:}) means {@code memory:/}.
     */
    public static final URI DEFAULT_URI = URI.create("memory:/");

    private final Map<ClassLoader, Map<URI, StowageCacheManager>> managers = new WeakHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(new DaemonThreads());

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public StowageCachingProvider() {
    }

    /** Names the threads that run asynchronous listeners and {@code loadAll}; they never block exit. */
    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "stowage-jcache-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /**
     * Returns the cache manager of {@code uri} and {@code classLoader}, opening its store the first
     * time (JSR-107 {@code getCacheManager}).
     *
     * @param uri the manager URI, or {@code null} for {@link #getDefaultURI()}
     * @param classLoader the class loader, or {@code null} for {@link #getDefaultClassLoader()}
     * @param properties implementation properties, or {@code null} for none
     * @return the open manager
     * @throws CacheException if no backend serves the URI, the URI is malformed, a {@code nearCache.*}
     *     parameter is unknown or bad (the message names it and its value), or the store cannot be
     *     opened; the message names the URI. A configuration file that is missing or holds a bad
     *     key, value or class gives a {@link dev.stowage.jcache.configuration.ConfigurationException}
     *     naming the file, line, key and value
     */
    @Override
    public synchronized CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
        URI managerUri = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        Map<URI, StowageCacheManager> byUri = managers.computeIfAbsent(loader, ignored -> new HashMap<>());
        StowageCacheManager manager = byUri.get(managerUri);
        if (manager == null || manager.isClosed()) {
            Properties copy = new Properties();
            if (properties != null) {
                copy.putAll(properties);
            }
            ManagerUri parts = split(managerUri);
            CacheManagerSetup setup = CacheManagerSetup.isConfigurationUri(parts.target())
                    ? CacheManagerSetup.fromFile(parts.target(), loader)
                    : CacheManagerSetup.forStore(openStore(managerUri, parts.target(), loader));
            manager = new StowageCacheManager(this, managerUri, loader, copy, setup, parts.nearCache(), executor);
            byUri.put(managerUri, manager);
        }
        return manager;
    }

    private static ManagerUri split(URI uri) {
        try {
            return ManagerUri.of(uri);
        } catch (IllegalArgumentException e) {
            throw new CacheException(e.getMessage(), e);
        }
    }

    /** Opens the store of {@code storeUri}, naming the manager URI {@code uri} as given when it fails. */
    private static NamespacedStore openStore(URI uri, URI storeUri, ClassLoader loader) {
        try {
            return Stores.open(storeUri, loader);
        } catch (IllegalArgumentException | StoreException e) {
            throw new CacheException("cannot open cache manager URI '" + UriMask.mask(uri.toString()) + "': "
                    + e.getMessage(), e);
        }
    }

    /** Forgets a manager that closed itself. */
    synchronized void release(StowageCacheManager manager) {
        Map<URI, StowageCacheManager> byUri = managers.get(manager.getClassLoader());
        if (byUri != null) {
            byUri.remove(manager.getURI(), manager);
            if (byUri.isEmpty()) {
                managers.remove(manager.getClassLoader());
            }
        }
    }

    @Override
    public ClassLoader getDefaultClassLoader() {
        return getClass().getClassLoader();
    }

    /**
     * Returns the default cache manager URI: the system property {@value #URI_PROPERTY}, else the
     * environment variable {@value #URI_ENVIRONMENT}, else {@link #DEFAULT_URI}.
     *
     * @return the URI
     * @throws CacheException if the property or variable holds a malformed URI; the message names it
     */
    @Override
    public URI getDefaultURI() {
        String configured = System.getProperty(URI_PROPERTY);
        String source = "system property " + URI_PROPERTY;
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(URI_ENVIRONMENT);
            source = "environment variable " + URI_ENVIRONMENT;
        }
        if (configured == null || configured.isBlank()) {
            return DEFAULT_URI;
        }
        String text = configured.trim();
        if (text.matches("[A-Za-z][A-Za-z0-9+.-]*:")) {
            text = text + "/";
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new CacheException(source + " holds the malformed URI '" + UriMask.mask(configured) + "': "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Properties getDefaultProperties() {
        return new Properties();
    }

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
        return getCacheManager(uri, classLoader, getDefaultProperties());
    }

    @Override
    public CacheManager getCacheManager() {
        return getCacheManager(getDefaultURI(), getDefaultClassLoader(), getDefaultProperties());
    }

    @Override
    public void close() {
        List<StowageCacheManager> all = new ArrayList<>();
        synchronized (this) {
            managers.values().forEach(byUri -> all.addAll(byUri.values()));
        }
        all.forEach(StowageCacheManager::close);
    }

    @Override
    public void close(ClassLoader classLoader) {
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        List<StowageCacheManager> all;
        synchronized (this) {
            Map<URI, StowageCacheManager> byUri = managers.get(loader);
            all = byUri == null ? List.of() : new ArrayList<>(byUri.values());
        }
        all.forEach(StowageCacheManager::close);
    }

    @Override
    public void close(URI uri, ClassLoader classLoader) {
        URI managerUri = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        StowageCacheManager manager;
        synchronized (this) {
            Map<URI, StowageCacheManager> byUri = managers.get(loader);
            manager = byUri == null ? null : byUri.get(managerUri);
        }
        if (manager != null) {
            manager.close();
        }
    }

    /**
     * Tells which optional JSR-107 features this provider supports: store-by-reference, yes.
     *
     * @param optionalFeature the feature, not {@code null}
     * @return {@code true} for {@link OptionalFeature#STORE_BY_REFERENCE}
     */
    @Override
    public boolean isSupported(OptionalFeature optionalFeature) {
        return optionalFeature == OptionalFeature.STORE_BY_REFERENCE;
    }
}
