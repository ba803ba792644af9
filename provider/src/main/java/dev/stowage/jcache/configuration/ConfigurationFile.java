package dev.stowage.jcache.configuration;

import java.net.URI;
import java.util.Map;

/**
 * What a configuration file says, checked: the store to open, the manager's namespace in it, and
 * the caches it declares. Immutable (the cache configurations are templates; users copy them).
 *
 * @param source the file's URI as given to the provider
 * @param store the store URI (after variable substitution); {@code memory:/} when the file names none
 * @param storeNode the {@code store} entry, for errors when the store cannot be opened, or
 *     {@code null} when the file names none
 * @param namespace the manager's namespace in the store, or {@code null} for the store's root
 * @param caches the declared caches by name, in file order, unmodifiable
 */
record ConfigurationFile(String source, URI store, YamlNode storeNode, String namespace,
        Map<String, StowageConfiguration<Object, Object>> caches) {
}
