package dev.stowage.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.codec.gadget.Gadget;
import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache manager's own allow-list, the JCache property {@code stowage.codec.java.allow}: it admits
 * classes for that manager's caches only, with no JVM-wide system property.
 */
class ManagerAllowListTest {

    private final StowageCachingProvider provider = new StowageCachingProvider();

    @TempDir
    Path directory;

    @AfterEach
    void close() {
        provider.close();
    }

    private Cache<String, Object> cache(String name, Properties properties) {
        URI uri = URI.create("filestore:" + directory.toAbsolutePath());
        CacheManager manager = properties == null ? provider.getCacheManager(uri, getClass().getClassLoader())
                : provider.getCacheManager(uri, getClass().getClassLoader(), properties);
        return manager.createCache(name, new MutableConfiguration<String, Object>().setTypes(String.class, Object.class));
    }

    @Test
    void theManagerPropertyAdmitsItsPatternsForItsCachesOnly() {
        Properties properties = new Properties();
        properties.setProperty(StowageCacheManager.ALLOW_PROPERTY, Gadget.class.getName());
        Cache<String, Object> admitting = cache("admitting", properties);
        admitting.put("g", new Gadget("harmless here"));
        assertThat(admitting.get("g")).isInstanceOf(Gadget.class);

        provider.close();
        Gadget.READ_OBJECT_RAN.set(false);
        Cache<String, Object> plain = cache("admitting", null);
        // the same entry, read by a manager without the property: a miss, and never instantiated
        assertThat(plain.get("g")).isNull();
        assertThat(Gadget.READ_OBJECT_RAN).isFalse();
    }

    @Test
    void aBadPatternListIsRefusedNamingIt() {
        Properties properties = new Properties();
        properties.setProperty(StowageCacheManager.ALLOW_PROPERTY, "com.acme.**;maxdepth=lots");
        assertThatThrownBy(() -> cache("bad", properties))
                .isInstanceOf(CacheException.class)
                .hasMessageContaining("'com.acme.**;maxdepth=lots'");
    }
}
