package dev.stowage.jcache.configuration;

import dev.stowage.store.StoreFactory;
import dev.stowage.store.Stores;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the top level of a configuration file — {@code store}, {@code namespace}, {@code defaults},
 * {@code caches} — into a {@link ConfigurationFile}, leaving each cache's settings to
 * {@link CacheSettingsParser}. Cache names are the keys of {@code caches} exactly as written (dots
 * included: Hibernate region names are class names). Stateless.
 */
final class ConfigurationParser {

    /** The keys of the top level. */
    static final Set<String> TOP_KEYS = Set.of("store", "namespace", "defaults", "caches");

    /** The manager URI schemes that name a configuration file, never a store. */
    static final Set<String> CONFIGURATION_SCHEMES = Set.of("classpath", "file", "jar");

    private static final URI MEMORY = URI.create("memory:/");

    private ConfigurationParser() {
    }

    /**
     * Checks and reads a parsed file.
     *
     * @param source the file's URI as given to the provider, not {@code null}
     * @param root the document's root node, not {@code null}
     * @param loader the class loader that resolves named classes, not {@code null}
     * @return the file's content
     * @throws ConfigurationException naming the file, line, key and value of the first problem
     */
    static ConfigurationFile parse(String source, YamlNode root, ClassLoader loader) {
        root.requireMapping(TOP_KEYS);
        YamlNode storeNode = root.get("store");
        URI store = storeNode == null ? MEMORY : storeUri(storeNode);
        YamlNode namespaceNode = root.get("namespace");
        String namespace = null;
        if (namespaceNode != null) {
            namespace = namespaceNode.string();
            if (namespace.isEmpty()) {
                throw namespaceNode.fail("is not a namespace: it must not be empty");
            }
        }
        // asks the backend, before opening it, whether it honours maximumSize; an unknown scheme fails
        // later, when the store is opened, with the schemes that are available
        boolean bounds = Stores.factory(store, loader).map(StoreFactory::boundsNamespaces).orElse(true);
        CacheSettingsParser parser = new CacheSettingsParser(loader,
                bounds || storeNode == null ? null : storeNode.written());
        YamlNode defaults = root.get("defaults");
        if (defaults != null) {
            defaults.requireMapping(CacheSettingsParser.DEFAULTS_KEYS);
            parser.parse(null, defaults);
        }
        Map<String, StowageConfiguration<Object, Object>> caches = new LinkedHashMap<>();
        YamlNode cachesNode = root.get("caches");
        if (cachesNode != null) {
            if (cachesNode.kind() != YamlNode.Kind.MAPPING) {
                throw cachesNode.fail("is not a mapping of cache names to their settings");
            }
            Map<String, String> cacheByNamespace = new HashMap<>();
            for (Map.Entry<String, YamlNode> cache : cachesNode.entries().entrySet()) {
                YamlNode settings = cache.getValue().requireMapping(CacheSettingsParser.CACHE_KEYS);
                StowageConfiguration<Object, Object> configuration =
                        parser.parse(settings.kind() == YamlNode.Kind.NULL ? null : settings, defaults);
                String own = configuration.getNamespace() == null ? cache.getKey() : configuration.getNamespace();
                String other = cacheByNamespace.putIfAbsent(own, cache.getKey());
                if (other != null) {
                    YamlNode culprit = settings.kind() == YamlNode.Kind.MAPPING && settings.get("namespace") != null
                            ? settings.get("namespace") : cache.getValue();
                    throw culprit.fail("gives cache '" + cache.getKey() + "' the namespace '" + own
                            + "' of cache '" + other + "'; two caches in one namespace would mix their entries");
                }
                caches.put(cache.getKey(), configuration);
            }
        }
        return new ConfigurationFile(source, store, storeNode, namespace, Collections.unmodifiableMap(caches));
    }

    private static URI storeUri(YamlNode node) {
        String text = node.string().strip();
        if (text.matches("[A-Za-z][A-Za-z0-9+.-]*:")) {
            text = text + "/";
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw node.failSecret("is not a URI: " + e.getReason(), e);
        }
        if (uri.getScheme() == null) {
            throw node.failSecret("has no scheme; a store URI is e.g. memory:, filestore:/var/cache/app or "
                    + "redis://host:6379", null);
        }
        if (CONFIGURATION_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw node.failSecret("names a configuration file, not a store; a store URI is e.g. memory:, "
                    + "filestore:/var/cache/app or redis://host:6379", null);
        }
        return uri;
    }
}
