package dev.stowage.jcache.configuration;

import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StoreException;
import dev.stowage.store.Stores;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.CacheException;
import javax.cache.configuration.CompleteConfiguration;

/**
 * What a cache manager is built from, given its URI (DESIGN.md "JCache layer"): the root store,
 * where each cache's namespace lies in it, and the caches a configuration file declares that have
 * not been created yet. A store URI ({@code memory:}, {@code filestore:/dir}, {@code redis://...})
 * gives a store and no declared caches; a configuration URI ({@code classpath:}, {@code file:},
 * {@code jar:}) gives the store its file names, the file's namespace and its caches.
 *
 * <p>A cache's namespace is {@code [file namespace /] (configured namespace | cache name)}. A cache
 * with a {@link StowageConfiguration#getMaximumSize() maximum size} gets that namespace bounded
 * ({@link NamespacedStore#withNamespace(String, long)}), where the store says it
 * {@link NamespacedStore#boundsNamespaces() can}. Thread-safe.
 */
public final class CacheManagerSetup {

    private final NamespacedStore root;
    private final String source;
    private final String namespace;
    private final Map<String, StowageConfiguration<Object, Object>> declared;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    private CacheManagerSetup(NamespacedStore root, String source, String namespace,
            Map<String, StowageConfiguration<Object, Object>> declared) {
        this.root = root;
        this.source = source;
        this.namespace = namespace;
        this.declared = declared;
        pending.addAll(declared.keySet());
    }

    /**
     * Tells whether a cache manager URI names a configuration file: its scheme is
     * {@code classpath}, {@code file} or {@code jar} (case ignored).
     *
     * @param uri the URI, not {@code null}
     * @return {@code true} for a configuration file
     */
    public static boolean isConfigurationUri(URI uri) {
        return uri.getScheme() != null
                && ConfigurationParser.CONFIGURATION_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT));
    }

    /**
     * Sets up a manager on a store opened from a store URI: each cache in the child namespace of its
     * name (or its configured namespace), no declared caches.
     *
     * @param root the opened root store, not {@code null}; the manager closes it
     * @return the setup
     */
    public static CacheManagerSetup forStore(NamespacedStore root) {
        return new CacheManagerSetup(root, null, null, Map.of());
    }

    /**
     * Reads a configuration file (YAML, schema in {@code docs/configuration.md}), checks all of it,
     * resolves the classes it names with {@code loader}, and opens the store it names through
     * {@link Stores#open}. Variables {@code ${NAME}} / {@code ${NAME:default}} in values are taken from
     * the environment, then from system properties.
     *
     * @param uri a {@code classpath:}, {@code file:} or {@code jar:} URI, not {@code null}
     * @param loader the manager's class loader, not {@code null}
     * @return the setup, holding the open store
     * @throws ConfigurationException if the file is missing, unreadable, not YAML, holds an unknown
     *     key, a bad value or a missing class, or its store cannot be opened; the message names the
     *     file, the line, the key and the value
     */
    public static CacheManagerSetup fromFile(URI uri, ClassLoader loader) {
        String source = uri.toString();
        String text = ConfigurationSources.read(uri, loader);
        YamlNode document = YamlNode.parse(text, source, new Substitution(Substitution.ENVIRONMENT));
        ConfigurationFile file = ConfigurationParser.parse(source, document, loader);
        NamespacedStore root;
        try {
            root = Stores.open(file.store(), loader);
        } catch (IllegalArgumentException | StoreException e) {
            if (file.storeNode() == null) {
                throw new ConfigurationException(source, 0, "store", "the memory store cannot be opened: " + e, e);
            }
            throw file.storeNode().failSecret("cannot be opened: " + e.getMessage(), e);
        }
        return new CacheManagerSetup(root, source, file.namespace(), file.caches());
    }

    /**
     * Returns the root store, which the manager owns and closes.
     *
     * @return the root store
     */
    public NamespacedStore root() {
        return root;
    }

    /**
     * Opens the namespace of a cache in the root store.
     *
     * @param cacheName the cache's name, not {@code null}
     * @param configuration its configuration; a {@link StowageConfiguration} may set its namespace
     *     and maximum size
     * @return the cache's namespace
     * @throws CacheException if a maximum size is asked of a store that cannot bound a namespace, or
     *     the store refuses the namespace; the message names the cache
     */
    public NamespacedStore namespaceOf(String cacheName, CompleteConfiguration<?, ?> configuration) {
        String own = cacheName;
        long maximumSize = StowageConfiguration.UNBOUNDED;
        if (configuration instanceof StowageConfiguration<?, ?> stowage) {
            own = stowage.getNamespace() == null ? cacheName : stowage.getNamespace();
            maximumSize = stowage.getMaximumSize();
        }
        if (maximumSize != StowageConfiguration.UNBOUNDED && !root.boundsNamespaces()) {
            throw new CacheException("cache '" + cacheName + "' has maximumSize " + maximumSize
                    + ", which this manager's store " + root + " cannot honour: it does not bound namespaces"
                    + " (the memory store does)");
        }
        try {
            NamespacedStore parent = namespace == null ? root : root.withNamespace(namespace);
            return maximumSize == StowageConfiguration.UNBOUNDED ? parent.withNamespace(own)
                    : parent.withNamespace(own, maximumSize);
        } catch (IllegalArgumentException | StoreException e) {
            throw new CacheException("cannot open the namespace '" + own + "' of cache '" + cacheName + "'", e);
        }
    }

    /**
     * Returns the names of the caches the file declares that have not been created yet.
     *
     * @return a snapshot in file order, unmodifiable; empty for a store URI
     */
    public Set<String> declaredCacheNames() {
        Set<String> names = new LinkedHashSet<>(declared.keySet());
        names.retainAll(pending);
        return Collections.unmodifiableSet(names);
    }

    /**
     * Returns the configuration of a declared cache that has not been created yet.
     *
     * @param cacheName the name, not {@code null}
     * @return a new copy of the file's configuration, or {@code null} when the file does not declare
     *     the cache or it was created already
     */
    public StowageConfiguration<Object, Object> declaredConfiguration(String cacheName) {
        StowageConfiguration<Object, Object> template = declared.get(cacheName);
        return template == null || !pending.contains(cacheName) ? null : new StowageConfiguration<>(template);
    }

    /**
     * Records that a declared cache was created (or destroyed), so it is not created again from the
     * file: afterwards the name is the manager's like any other (JSR-107 {@code destroyCache} frees
     * it for {@code createCache}).
     *
     * @param cacheName the name, not {@code null}
     */
    public void created(String cacheName) {
        pending.remove(cacheName);
    }

    /**
     * Explains why {@code createCache} refuses a declared name.
     *
     * @param cacheName the declared name, not {@code null}
     * @return the message
     */
    public String declaredMessage(String cacheName) {
        return "cache '" + cacheName + "' is declared in " + source + "; get it with getCache(\"" + cacheName
                + "\") instead of creating it (with Spring Boot, leave it out of spring.cache.cache-names)";
    }
}
