package dev.stowage.jcache;

import dev.stowage.common.UriMask;
import dev.stowage.jcache.configuration.CacheManagerSetup;
import dev.stowage.jcache.configuration.NearCacheSettings;
import dev.stowage.jcache.configuration.StowageConfiguration;
import dev.stowage.jcache.event.ClusterEvents;
import dev.stowage.jcache.management.CacheEventsBean;
import dev.stowage.jcache.management.ManagementRegistrar;
import dev.stowage.jcache.management.NearCacheBean;
import dev.stowage.jcache.management.StowageCacheMXBean;
import dev.stowage.jcache.storage.EntryStorage;
import dev.stowage.jcache.storage.EntryStorages;
import dev.stowage.jcache.storage.EventCodec;
import dev.stowage.jcache.storage.NearEntryStorage;
import dev.stowage.store.ChangeFeed;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StoreException;
import dev.stowage.store.memory.MemoryStore;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * A JCache {@link CacheManager} (JSR-107 section 5 "Cache Managers") over one root store, opened
 * from the manager's URI: {@code memory:}, {@code filestore:/dir}, {@code redis://host:port}, ...
 * The root store's namespace belongs to the manager; each named cache is a child namespace of it, so
 * {@link #destroyCache(String)} empties exactly that cache's entries. A store-by-reference cache of a
 * manager whose store holds no Java objects ({@link NamespacedStore#objects()} is empty) keeps its
 * entries in this JVM's memory instead, in a memory store of the manager's (JSR-107 section 3.2:
 * references cannot cross a process boundary). Each cache reads the time from its namespace's
 * {@link NamespacedStore#clock() clock}, so that it and the store agree on expiry. A manager
 * opened from a configuration file creates each cache the file declares on its first
 * {@link #getCache(String)}, and lists it in {@link #getCacheNames()} before that. Thread-safe.
 */
public final class StowageCacheManager implements CacheManager {

    /**
     * The JCache property ({@code getCacheManager(uri, classLoader, properties)}) that adds JDK
     * filter patterns ({@code com.acme.**;org.example.Dto}) to the {@code java} codec's allow-list
     * of this manager's caches only; the system property of the same name reaches every manager.
     */
    public static final String ALLOW_PROPERTY = "stowage.codec.java.allow";

    private final StowageCachingProvider provider;
    private final URI uri;
    private final ClassLoader classLoader;
    private final Properties properties;
    private final NamespacedStore root;
    private final CacheManagerSetup setup;
    private final NearCacheSettings nearCacheDefault;
    private final Executor executor;
    private final ConcurrentMap<String, StowageCache<?, ?>> caches = new ConcurrentHashMap<>();
    private NamespacedStore referenceStore;
    private volatile boolean closed;

    StowageCacheManager(StowageCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties,
            CacheManagerSetup setup, NearCacheSettings nearCacheDefault, Executor executor) {
        this.provider = provider;
        this.uri = uri;
        this.classLoader = classLoader;
        this.properties = properties;
        this.root = setup.root();
        this.setup = setup;
        this.nearCacheDefault = nearCacheDefault;
        this.executor = executor;
    }

    @Override
    public CachingProvider getCachingProvider() {
        return provider;
    }

    @Override
    public URI getURI() {
        return uri;
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    @Override
    public Properties getProperties() {
        return properties;
    }

    /**
     * Creates a cache in the child namespace {@code cacheName} of this manager's store (JSR-107
     * {@code createCache}). Entries already in that namespace (persistent backends) become the
     * cache's entries.
     *
     * @throws NullPointerException if {@code cacheName} or {@code configuration} is {@code null}
     * @throws CacheException if a cache of that name exists or is declared in the configuration
     *     file, or the store fails
     * @throws IllegalStateException if this manager is closed
     */
    @Override
    public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
        requireOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        Objects.requireNonNull(configuration, "configuration");
        synchronized (caches) {
            if (setup.declaredConfiguration(cacheName) != null) {
                throw new CacheException(setup.declaredMessage(cacheName));
            }
            return create(cacheName, copyOf(configuration));
        }
    }

    private <K, V> StowageCache<K, V> create(String cacheName, MutableConfiguration<K, V> copy) {
        synchronized (caches) {
            if (caches.containsKey(cacheName)) {
                throw new CacheException("a cache named '" + cacheName + "' exists already in " + this);
            }
            StowageCache<K, V> cache = newCache(cacheName, copy);
            caches.put(cacheName, cache);
            if (copy.isManagementEnabled()) {
                ManagementRegistrar.register(cache, ManagementRegistrar.Kind.CacheConfiguration, new StowageCacheMXBean(cache));
            }
            if (copy.isStatisticsEnabled()) {
                ManagementRegistrar.register(cache, ManagementRegistrar.Kind.CacheStatistics, cache.statistics());
            }
            ClusterEvents<K, V> cluster = cache.cluster();
            if (cluster != null) {
                ManagementRegistrar.register(cache, ManagementRegistrar.Kind.CacheEvents, new CacheEventsBean(cluster));
            }
            if (cache.storage() instanceof NearEntryStorage<K, V> near) {
                ManagementRegistrar.register(cache, ManagementRegistrar.Kind.NearCache, new NearCacheBean(near));
            }
            return cache;
        }
    }

    private <K, V> StowageCache<K, V> newCache(String cacheName, MutableConfiguration<K, V> configuration) {
        NamespacedStore namespace;
        try {
            namespace = holdsReferences(configuration) ? referenceNamespaceOf(cacheName, configuration)
                    : setup.namespaceOf(cacheName, configuration);
        } catch (StoreException | IllegalArgumentException e) {
            throw new CacheException("cannot open the namespace of cache '" + cacheName + "' in " + this, e);
        }
        EntryStorage<K, V> storage = EntryStorages.forNamespace(namespace, configuration, classLoader,
                properties.getProperty(ALLOW_PROPERTY));
        ClusterEvents<K, V> cluster = clusterEvents(cacheName, configuration, namespace, storage);
        try {
            storage = NearCaches.wrap(cacheName, configuration, namespace, storage, nearCacheDefault, properties,
                    classLoader);
            return new StowageCache<>(cacheName, this, configuration, storage, namespace, executor, namespace.clock(),
                    cluster);
        } catch (RuntimeException e) {
            storage.close();
            if (cluster != null) {
                cluster.close();
            }
            throw e;
        }
    }

    /**
     * Opens the cluster-wide events of a cache ({@link StowageConfiguration.Events}): with {@code auto}
     * (the default) on a shared store that has a change feed, and with {@code cluster}; none with
     * {@code local}, for a store-by-reference cache, or on a store without a feed. With {@code auto}, a
     * feed the server refuses to open (an ACL user without rights on the feed's Pub/Sub channels) leaves
     * the cache's events in this JVM, with a WARNING.
     *
     * @throws CacheException if {@code cluster} is asked of a store without a change feed, or whose
     *     feed cannot be opened
     */
    private <K, V> ClusterEvents<K, V> clusterEvents(String cacheName, MutableConfiguration<K, V> configuration,
            NamespacedStore namespace, EntryStorage<K, V> storage) {
        StowageConfiguration.Events events = configuration instanceof StowageConfiguration<?, ?> stowage
                ? stowage.getEvents() : StowageConfiguration.Events.AUTO;
        if (events == StowageConfiguration.Events.LOCAL
                || (events == StowageConfiguration.Events.AUTO && !namespace.shared())) {
            return null;
        }
        Optional<EventCodec<K, V>> codec = storage.eventCodec();
        try {
            Optional<ChangeFeed> feed = codec.isPresent() ? namespace.changeFeed() : Optional.empty();
            if (feed.isPresent()) {
                return new ClusterEvents<>(cacheName, feed.get(), codec.get());
            }
        } catch (StoreException | CacheException e) {
            if (events == StowageConfiguration.Events.CLUSTER) {
                throw new CacheException("cache '" + cacheName + "' asks for events: cluster, but the change feed of its"
                        + " store " + namespace + " cannot be opened: " + e.getMessage(), e);
            }
            // auto: a feed the server refuses (an ACL user without channel rights, say) leaves the events local
            System.getLogger(StowageCacheManager.class.getName()).log(System.Logger.Level.WARNING, "the events of cache '"
                    + cacheName + "' stay in this JVM: the change feed of its store cannot be opened: " + e.getMessage());
            return null;
        }
        if (events == StowageConfiguration.Events.CLUSTER) {
            throw new CacheException("cache '" + cacheName + "' asks for events: cluster, but its store " + namespace
                    + (codec.isEmpty() ? " holds its entries in this JVM" : " has no change feed")
                    + "; its events can only be local (use events: local or auto)");
        }
        return null;
    }

    /**
     * Tells whether a cache keeps its entries in this JVM's memory although the manager's store is
     * elsewhere: a store-by-reference cache does (JSR-107 section 3.2) when the store holds no Java
     * objects, since references cannot cross a process boundary and its values need not be
     * serializable.
     */
    private boolean holdsReferences(CompleteConfiguration<?, ?> configuration) {
        return !configuration.isStoreByValue() && root.objects().isEmpty();
    }

    /** The namespace of a store-by-reference cache in the in-JVM store, bounded when it has a maximum size. */
    private NamespacedStore referenceNamespaceOf(String cacheName, CompleteConfiguration<?, ?> configuration) {
        long maximumSize = configuration instanceof StowageConfiguration<?, ?> stowage ? stowage.getMaximumSize()
                : StowageConfiguration.UNBOUNDED;
        return maximumSize == StowageConfiguration.UNBOUNDED ? referenceStore().withNamespace(cacheName)
                : referenceStore().withNamespace(cacheName, maximumSize);
    }

    private synchronized NamespacedStore referenceStore() {
        if (referenceStore == null) {
            referenceStore = new MemoryStore(root.clock(), -1);
            System.getLogger(StowageCacheManager.class.getName()).log(System.Logger.Level.INFO,
                    "store-by-reference caches of " + this + " keep their entries in this JVM's memory");
        }
        return referenceStore;
    }

    @SuppressWarnings("unchecked")
    private static <K, V> MutableConfiguration<K, V> copyOf(Configuration<K, V> configuration) {
        if (configuration instanceof StowageConfiguration<?, ?> stowage) {
            return new StowageConfiguration<>((StowageConfiguration<K, V>) stowage);
        }
        if (configuration instanceof CompleteConfiguration<?, ?> complete) {
            return new MutableConfiguration<>((CompleteConfiguration<K, V>) complete);
        }
        MutableConfiguration<K, V> copy = new MutableConfiguration<>();
        copy.setTypes(configuration.getKeyType(), configuration.getValueType());
        copy.setStoreByValue(configuration.isStoreByValue());
        return copy;
    }

    /**
     * Returns the cache named {@code cacheName} after checking its configured types (JSR-107
     * {@code getCache(String, Class, Class)}).
     *
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the cache exists with other key or value types
     * @throws IllegalStateException if this manager is closed
     */
    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
        requireOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        StowageCache<?, ?> cache = lookup(cacheName);
        if (cache == null) {
            return null;
        }
        CompleteConfiguration<?, ?> configuration = cache.getConfiguration(CompleteConfiguration.class);
        if (!configuration.getKeyType().equals(keyType) || !configuration.getValueType().equals(valueType)) {
            throw new ClassCastException("cache '" + cacheName + "' holds " + configuration.getKeyType().getName()
                    + " -> " + configuration.getValueType().getName() + ", not " + keyType.getName() + " -> "
                    + valueType.getName());
        }
        return (Cache<K, V>) cache;
    }

    /**
     * Returns the cache named {@code cacheName}, creating it first when the configuration file
     * declares it and it does not exist yet (JSR-107 {@code getCache(String)}).
     *
     * @throws NullPointerException if {@code cacheName} is {@code null}
     * @throws IllegalStateException if this manager is closed
     * @throws CacheException if creating a declared cache fails
     */
    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> getCache(String cacheName) {
        requireOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        return (Cache<K, V>) lookup(cacheName);
    }

    /** Returns a cache, creating it from the configuration file on first use; {@code null} if unknown. */
    private StowageCache<?, ?> lookup(String cacheName) {
        StowageCache<?, ?> cache = caches.get(cacheName);
        if (cache != null) {
            return cache;
        }
        synchronized (caches) {
            StowageConfiguration<Object, Object> declared = setup.declaredConfiguration(cacheName);
            if (declared == null) {
                return caches.get(cacheName);
            }
            cache = create(cacheName, declared);
            setup.created(cacheName);
            return cache;
        }
    }

    /**
     * Names this manager's caches, with those its configuration file declares that were not created
     * yet (JSR-107 {@code getCacheNames}).
     *
     * @throws IllegalStateException if this manager is closed
     */
    @Override
    public Iterable<String> getCacheNames() {
        requireOpen();
        Set<String> names = new LinkedHashSet<>(caches.keySet());
        names.addAll(setup.declaredCacheNames());
        return Collections.unmodifiableSet(names);
    }

    @Override
    public void destroyCache(String cacheName) {
        requireOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        StowageCache<?, ?> cache;
        synchronized (caches) {
            lookup(cacheName);
            cache = caches.remove(cacheName);
        }
        if (cache != null) {
            cache.shutdown(); // first, so that no loadAll still running stores an entry after the clear
            cache.storage().clear();
            retire(cache);
        }
    }

    @Override
    public void enableManagement(String cacheName, boolean enabled) {
        requireOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        StowageCache<?, ?> cache = lookup(cacheName);
        if (cache == null) {
            return;
        }
        cache.setManagementEnabled(enabled);
        if (enabled) {
            ManagementRegistrar.register(cache, ManagementRegistrar.Kind.CacheConfiguration, new StowageCacheMXBean(cache));
        } else {
            ManagementRegistrar.unregister(cache, ManagementRegistrar.Kind.CacheConfiguration);
        }
    }

    @Override
    public void enableStatistics(String cacheName, boolean enabled) {
        requireOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        StowageCache<?, ?> cache = lookup(cacheName);
        if (cache == null) {
            return;
        }
        cache.setStatisticsEnabled(enabled);
        if (enabled) {
            ManagementRegistrar.register(cache, ManagementRegistrar.Kind.CacheStatistics, cache.statistics());
        } else {
            ManagementRegistrar.unregister(cache, ManagementRegistrar.Kind.CacheStatistics);
        ManagementRegistrar.unregister(cache, ManagementRegistrar.Kind.CacheEvents);
        }
    }

    /** Forgets a cache that was closed on its own (JSR-107 {@code Cache.close()}). */
    void release(StowageCache<?, ?> cache) {
        synchronized (caches) {
            caches.remove(cache.getName(), cache);
        }
        retire(cache);
    }

    private static void retire(StowageCache<?, ?> cache) {
        ManagementRegistrar.unregister(cache, ManagementRegistrar.Kind.CacheConfiguration);
        ManagementRegistrar.unregister(cache, ManagementRegistrar.Kind.CacheStatistics);
        ManagementRegistrar.unregister(cache, ManagementRegistrar.Kind.CacheEvents);
        ManagementRegistrar.unregister(cache, ManagementRegistrar.Kind.NearCache);
        cache.shutdown();
        cache.storage().close();
    }

    /**
     * Closes every cache of this manager and the root store, and forgets this manager in its
     * provider. Persistent backends keep their data. Closing twice is a no-op.
     */
    @Override
    public void close() {
        synchronized (caches) {
            if (closed) {
                return;
            }
            closed = true;
        }
        provider.release(this);
        for (StowageCache<?, ?> cache : caches.values()) {
            retire(cache);
        }
        caches.clear();
        root.close();
        synchronized (this) {
            if (referenceStore != null) {
                referenceStore.close();
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * Returns this manager or its root store as {@code clazz} (JSR-107 {@code unwrap}).
     *
     * @param clazz the type wanted, not {@code null}
     * @return this manager, or its root {@link NamespacedStore}
     * @throws IllegalArgumentException if neither is a {@code clazz}
     */
    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        if (clazz.isInstance(root)) {
            return clazz.cast(root);
        }
        throw new IllegalArgumentException(this + " cannot be unwrapped to " + clazz.getName());
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    @Override
    public String toString() {
        return "StowageCacheManager[" + UriMask.mask(uri.toString()) + "]";
    }
}
