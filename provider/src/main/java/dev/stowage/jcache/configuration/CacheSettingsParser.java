package dev.stowage.jcache.configuration;

import dev.stowage.common.Durations;
import dev.stowage.common.InvalidDurationException;
import java.util.Locale;
import java.util.Set;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryListener;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/**
 * Turns the settings of one cache in a configuration file (its own keys over those of
 * {@code defaults}) into a {@link StowageConfiguration}. The keys are JSR-107's
 * {@code MutableConfiguration} properties plus Stowage's {@code namespace}, {@code maximumSize},
 * {@code codec}, {@code events} and {@code expiry}; {@code docs/configuration.md} lists them with their defaults.
 * Immutable; thread-safe.
 */
final class CacheSettingsParser {

    /** The keys a cache's settings may hold. */
    static final Set<String> CACHE_KEYS = Set.of("keyType", "valueType", "storeByValue", "codec", "namespace",
            "maximumSize", "events", "nearCache", "expiry", "readThrough", "cacheLoader", "writeThrough", "cacheWriter",
            "cacheEntryListeners", "statisticsEnabled", "managementEnabled");

    /** The keys {@code defaults} may hold: a cache's, except its namespace. */
    static final Set<String> DEFAULTS_KEYS = CACHE_KEYS.stream().filter(key -> !key.equals("namespace"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static final Set<String> EXPIRY_KEYS = Set.of("policy", "duration");
    private static final Set<String> NEAR_CACHE_KEYS = Set.of("maximumSize", "timeToLive");
    private static final Set<String> LISTENER_KEYS = Set.of("listener", "filter", "oldValueRequired", "synchronous");

    private final ClassLoader loader;
    private final String unboundedStore;

    /**
     * Creates the parser.
     *
     * @param loader the class loader that resolves named classes, not {@code null}
     * @param unboundedStore the store URI as written when its backend cannot bound a namespace
     *     ({@link dev.stowage.store.StoreFactory#boundsNamespaces()} is {@code false}) and so cannot
     *     honour {@code maximumSize}, else {@code null}
     */
    CacheSettingsParser(ClassLoader loader, String unboundedStore) {
        this.loader = loader;
        this.unboundedStore = unboundedStore;
    }

    /** The settings of one cache: its own node over the defaults node. */
    private record Settings(YamlNode cache, YamlNode defaults) {
        YamlNode get(String key) {
            YamlNode own = cache == null ? null : cache.get(key);
            return own != null || defaults == null ? own : defaults.get(key);
        }
    }

    /**
     * Builds the configuration of one cache.
     *
     * @param cache the cache's settings (a mapping, already checked for unknown keys), or
     *     {@code null} for the defaults alone
     * @param defaults the {@code defaults} mapping (already checked), or {@code null}
     * @return a new configuration
     * @throws ConfigurationException naming the first bad key and value
     */
    StowageConfiguration<Object, Object> parse(YamlNode cache, YamlNode defaults) {
        Settings settings = new Settings(cache, defaults);
        StowageConfiguration<Object, Object> configuration = new StowageConfiguration<>();
        Class<?> keyType = settings.get("keyType") == null ? Object.class
                : ClassReferences.type(settings.get("keyType"), loader);
        Class<?> valueType = settings.get("valueType") == null ? Object.class
                : ClassReferences.type(settings.get("valueType"), loader);
        setTypes(configuration, keyType, valueType);
        YamlNode node = settings.get("storeByValue");
        if (node != null) {
            configuration.setStoreByValue(node.bool());
        }
        codec(configuration, settings.get("codec"), valueType);
        node = settings.get("namespace");
        if (node != null) {
            if (node.string().isEmpty()) {
                throw node.fail("is not a namespace: it must not be empty");
            }
            configuration.setNamespace(node.string());
        }
        node = settings.get("maximumSize");
        if (node != null) {
            long maximumSize = node.nonNegativeLong();
            if (unboundedStore != null) {
                throw node.fail("needs a store that bounds namespaces (the memory store does); this file's store '"
                        + unboundedStore + "' does not");
            }
            configuration.setMaximumSize(maximumSize);
        }
        node = settings.get("events");
        if (node != null) {
            configuration.setEvents(events(node));
        }
        node = settings.get("nearCache");
        if (node != null) {
            configuration.setNearCache(nearCache(node));
        }
        configuration.setExpiryPolicyFactory(expiry(settings.get("expiry")));
        integration(configuration, settings);
        listeners(configuration, settings.get("cacheEntryListeners"));
        node = settings.get("statisticsEnabled");
        if (node != null) {
            configuration.setStatisticsEnabled(node.bool());
        }
        node = settings.get("managementEnabled");
        if (node != null) {
            configuration.setManagementEnabled(node.bool());
        }
        return configuration;
    }

    @SuppressWarnings("unchecked")
    private static void setTypes(StowageConfiguration<Object, Object> configuration, Class<?> keyType, Class<?> valueType) {
        configuration.setTypes((Class<Object>) keyType, (Class<Object>) valueType);
    }

    private static void codec(StowageConfiguration<Object, Object> configuration, YamlNode node, Class<?> valueType) {
        if (node == null) {
            return;
        }
        try {
            configuration.setCodec(node.string());
        } catch (IllegalArgumentException e) {
            throw node.fail("is not a codec; use one of " + String.join(", ", StowageConfiguration.codecNames()), e);
        }
        if (configuration.getCodec().equals("raw") && valueType != String.class && valueType != byte[].class) {
            throw node.fail("needs valueType java.lang.String or byte[], not " + valueType.getName());
        }
    }

    private static NearCacheSettings nearCache(YamlNode node) {
        node.requireMapping(NEAR_CACHE_KEYS);
        YamlNode sizeNode = node.get("maximumSize");
        if (sizeNode == null) {
            throw node.failHere("a near cache needs maximumSize, e.g. nearCache: { maximumSize: 10000, timeToLive: 5m }");
        }
        long size = sizeNode.nonNegativeLong();
        YamlNode ttlNode = node.get("timeToLive");
        java.time.Duration timeToLive = NearCacheSettings.DEFAULT_TIME_TO_LIVE;
        if (ttlNode != null) {
            try {
                timeToLive = Durations.parse("timeToLive", ttlNode.string());
            } catch (InvalidDurationException e) {
                throw ttlNode.fail(e.problem(), e);
            }
            if (timeToLive.isZero()) {
                throw ttlNode.fail("is zero; a near cache's timeToLive must be longer than zero");
            }
        }
        return new NearCacheSettings(size, timeToLive);
    }

    private static StowageConfiguration.Events events(YamlNode node) {
        String value = node.string().strip();
        for (StowageConfiguration.Events events : StowageConfiguration.Events.values()) {
            if (events.name().equalsIgnoreCase(value)) {
                return events;
            }
        }
        throw node.fail("is not an events choice; use local, cluster or auto");
    }

    private Factory<? extends ExpiryPolicy> expiry(YamlNode expiry) {
        if (expiry == null) {
            return EternalExpiryPolicy.factoryOf();
        }
        expiry.requireMapping(EXPIRY_KEYS);
        YamlNode policyNode = expiry.get("policy");
        YamlNode durationNode = expiry.get("duration");
        String policy = policyNode == null ? "eternal" : policyNode.string().strip();
        String lower = policy.toLowerCase(Locale.ROOT);
        boolean timed = Set.of("created", "accessed", "modified", "touched").contains(lower);
        if (!timed) {
            if (durationNode != null) {
                throw durationNode.fail("is not used by the expiry policy '" + policy + "'"
                        + (policyNode == null ? " (the default)" : "")
                        + "; set policy to created, accessed, modified or touched");
            }
            if (lower.equals("eternal")) {
                return EternalExpiryPolicy.factoryOf();
            }
            if (policy.indexOf('.') < 0) {
                throw policyNode.fail("is not an expiry policy; use eternal, created, accessed, modified, touched, "
                        + "or the class name of an ExpiryPolicy or of a Factory of one");
            }
            return ClassReferences.factory(policyNode, ExpiryPolicy.class, loader);
        }
        if (durationNode == null) {
            throw expiry.failHere("the expiry policy '" + policy + "' needs a duration, e.g. duration: 10m");
        }
        java.time.Duration parsed;
        try {
            parsed = Durations.parse("duration", durationNode.string());
        } catch (InvalidDurationException e) {
            throw durationNode.fail(e.problem(), e);
        }
        if (parsed.isZero()) {
            throw durationNode.fail("is zero; an expiry duration must be longer than zero");
        }
        Duration duration = JCacheDurations.toJCache(parsed);
        return switch (lower) {
            case "created" -> CreatedExpiryPolicy.factoryOf(duration);
            case "accessed" -> AccessedExpiryPolicy.factoryOf(duration);
            case "modified" -> ModifiedExpiryPolicy.factoryOf(duration);
            default -> TouchedExpiryPolicy.factoryOf(duration);
        };
    }

    private void integration(StowageConfiguration<Object, Object> configuration, Settings settings) {
        YamlNode loaderNode = settings.get("cacheLoader");
        if (loaderNode != null) {
            Factory<CacheLoader<Object, Object>> factory = loaderFactory(loaderNode);
            configuration.setCacheLoaderFactory(factory);
        }
        YamlNode writerNode = settings.get("cacheWriter");
        if (writerNode != null) {
            Factory<CacheWriter<Object, Object>> factory = writerFactory(writerNode);
            configuration.setCacheWriterFactory(factory);
        }
        YamlNode node = settings.get("readThrough");
        if (node != null && node.bool()) {
            if (loaderNode == null) {
                throw node.fail("needs a cacheLoader (the class name of a CacheLoader or a Factory of one)");
            }
            configuration.setReadThrough(true);
        }
        node = settings.get("writeThrough");
        if (node != null && node.bool()) {
            if (writerNode == null) {
                throw node.fail("needs a cacheWriter (the class name of a CacheWriter or a Factory of one)");
            }
            configuration.setWriteThrough(true);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Factory<CacheLoader<Object, Object>> loaderFactory(YamlNode node) {
        return (Factory) ClassReferences.factory(node, CacheLoader.class, loader);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Factory<CacheWriter<Object, Object>> writerFactory(YamlNode node) {
        return (Factory) ClassReferences.factory(node, CacheWriter.class, loader);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void listeners(StowageConfiguration<Object, Object> configuration, YamlNode listeners) {
        if (listeners == null) {
            return;
        }
        if (listeners.kind() != YamlNode.Kind.SEQUENCE) {
            throw listeners.fail("is not a list of listeners (each with listener, filter, oldValueRequired, synchronous)");
        }
        for (YamlNode item : listeners.items()) {
            item.requireMapping(LISTENER_KEYS);
            YamlNode listenerNode = item.get("listener");
            if (listenerNode == null) {
                throw item.failHere("needs 'listener': the class name of a CacheEntryListener or a Factory of one");
            }
            Factory listener = ClassReferences.factory(listenerNode, CacheEntryListener.class, loader);
            YamlNode filterNode = item.get("filter");
            Factory filter = filterNode == null ? null
                    : ClassReferences.factory(filterNode, CacheEntryEventFilter.class, loader);
            boolean oldValueRequired = item.get("oldValueRequired") != null && item.get("oldValueRequired").bool();
            boolean synchronous = item.get("synchronous") != null && item.get("synchronous").bool();
            configuration.addCacheEntryListenerConfiguration(
                    new MutableCacheEntryListenerConfiguration<Object, Object>(listener, filter, oldValueRequired, synchronous));
        }
    }
}
