package dev.stowage.hibernate;

import dev.stowage.jcache.StowageCachingProvider;
import dev.stowage.store.Stores;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.hibernate.boot.spi.SessionFactoryOptions;
import org.hibernate.cache.CacheException;
import org.hibernate.cache.jcache.ConfigSettings;
import org.hibernate.cache.jcache.internal.JCacheRegionFactory;

/**
 * Hibernate 6's JCache region factory ({@code hibernate-jcache}) made for Stowage, selected with
 * {@code hibernate.cache.region.factory_class=stowage}:
 * <ul>
 *   <li>{@code hibernate.javax.cache.uri} takes a Stowage store URI as it is ({@code memory:},
 *       {@code filestore:/var/cache/app}, {@code redis://host:6379/0/app}: any scheme a
 *       {@code StoreFactory} on the class path serves), which Hibernate's own factory would try to
 *       load as a resource and refuse with "Couldn't load URI". Anything else (a configuration file
 *       as a class path resource name or a URL) is resolved as Hibernate does;</li>
 *   <li>{@code hibernate.javax.cache.provider} defaults to Stowage's provider, by name, so another
 *       JCache provider on the class path (Redisson's) is never picked;</li>
 *   <li>entity and collection keys are {@link StowageCacheKeysFactory}'s compact ones.</li>
 * </ul>
 * No global state is touched: no URL handler, no system property. Thread-safe as Hibernate's.
 */
public class StowageRegionFactory extends JCacheRegionFactory {

    /** The short name of {@code hibernate.cache.region.factory_class}. */
    public static final String SHORT_NAME = "stowage";

    private static final Set<String> CONFIGURATION_SCHEMES = Set.of("classpath", "file", "jar");

    /** Creates the factory; Hibernate calls this. */
    public StowageRegionFactory() {
        super(StowageCacheKeysFactory.INSTANCE);
    }

    @Override
    protected CachingProvider getCachingProvider(Map<String, Object> properties) {
        Object named = properties == null ? null : properties.get(ConfigSettings.PROVIDER);
        return named == null ? Caching.getCachingProvider(StowageCachingProvider.class.getName(),
                StowageRegionFactory.class.getClassLoader()) : super.getCachingProvider(properties);
    }

    @Override
    protected URI getUri(SessionFactoryOptions settings, Map<String, Object> properties) {
        Object value = properties == null ? null : properties.get(ConfigSettings.CONFIG_URI);
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        URI storeUri = storeUri(text);
        if (storeUri != null) {
            return storeUri;
        }
        try {
            return super.getUri(settings, properties);
        } catch (CacheException e) {
            throw new CacheException(ConfigSettings.CONFIG_URI + " '" + dev.stowage.common.UriMask.mask(text)
                    + "' is neither a Stowage store URI (schemes " + Stores.schemes(getClass().getClassLoader())
                    + ") nor a configuration file Hibernate finds as a URL or class path resource", e);
        }
    }

    /** Returns {@code text} as a store URI when a store factory serves its scheme, else {@code null}. */
    private static URI storeUri(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (CONFIGURATION_SCHEMES.contains(scheme)
                || !Stores.schemes(StowageRegionFactory.class.getClassLoader()).contains(scheme)) {
            return null;
        }
        // java.net.URI cannot hold a bare "memory:"
        String full = text.length() == colon + 1 ? text + "/" : text;
        try {
            return new URI(full);
        } catch (URISyntaxException e) {
            throw new CacheException(ConfigSettings.CONFIG_URI + " '" + dev.stowage.common.UriMask.mask(text)
                    + "' is not a URI: " + e.getMessage(), e);
        }
    }
}
