package dev.stowage.jcache.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.jcache.StowageCache;
import dev.stowage.jcache.StowageCachingProvider;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.memory.MemoryStore;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A manager opened from a configuration file: its store, namespaces, and the caches it declares. */
class ConfigurationFileTest {

    private static final URI CLASSPATH = URI.create("classpath:dev/stowage/jcache/configuration/stowage-test.yaml");

    @TempDir
    Path directory;

    private final StowageCachingProvider provider = new StowageCachingProvider();
    private CacheManager manager;

    @BeforeEach
    void open() {
        ConfigurationFixtures.RECORDED.clear();
        manager = provider.getCacheManager(CLASSPATH, getClass().getClassLoader());
    }

    @AfterEach
    void close() {
        provider.close();
    }

    @SuppressWarnings("unchecked")
    private static CompleteConfiguration<?, ?> complete(Cache<?, ?> cache) {
        return cache.getConfiguration(CompleteConfiguration.class);
    }

    @Test
    void declaredCachesAreListedAndCreatedOnFirstGetCache() {
        assertThat(manager.getURI()).isEqualTo(CLASSPATH);
        assertThat(manager.getCacheNames()).containsExactly("users", "com.acme.domain.Book", "greetings", "sessions");
        Cache<Long, String> users = manager.getCache("users", Long.class, String.class);
        assertThat(users).isNotNull();
        assertThat(manager.getCache("users")).isSameAs(users);
        assertThat(manager.getCache("nobody")).isNull();
        assertThat(provider.getCacheManager(CLASSPATH, getClass().getClassLoader())).isSameAs(manager);
    }

    @Test
    void theFileSettingsAndDefaultsAreApplied() {
        Cache<Long, String> users = manager.getCache("users", Long.class, String.class);
        CompleteConfiguration<?, ?> configuration = complete(users);
        assertThat(configuration.isStatisticsEnabled()).isTrue();
        assertThat(configuration.isManagementEnabled()).isTrue();
        assertThat(configuration.isStoreByValue()).isTrue();
        ExpiryPolicy expiry = configuration.getExpiryPolicyFactory().create();
        assertThat(expiry).isInstanceOf(CreatedExpiryPolicy.class);
        assertThat(expiry.getExpiryForCreation()).isEqualTo(new Duration(java.util.concurrent.TimeUnit.SECONDS, 600));
        users.put(1L, "ann");
        @SuppressWarnings("unchecked")
        StowageCache<Long, String> stowage = users.unwrap(StowageCache.class);
        assertThat(stowage.expiresIn(1L))
                .hasValueSatisfying(left -> assertThat(left).isBetween(java.time.Duration.ofMinutes(9), java.time.Duration.ofMinutes(10)));
        assertThatThrownBy(() -> manager.getCache("users", String.class, String.class)).isInstanceOf(ClassCastException.class);

        Cache<Object, Object> sessions = manager.getCache("sessions");
        assertThat(complete(sessions).isStatisticsEnabled()).isFalse();
        assertThat(complete(sessions).isStoreByValue()).isFalse();
    }

    @Test
    void cachesLieInTheFileNamespaceUnderTheirNameOrConfiguredNamespace() {
        manager.getCache("users", Long.class, String.class).put(7L, "x");
        manager.<Object, Object>getCache("sessions").put("k", "v");
        NamespacedStore root = manager.unwrap(NamespacedStore.class);
        MemoryStore app = (MemoryStore) root.withNamespace("app");
        assertThat(app.withNamespace("users").entryKeys()).toIterable().hasSize(1);
        assertThat(app.withNamespace("web-sessions").entryKeys()).toIterable().hasSize(1);
        assertThat(app.withNamespace("sessions").entryKeys()).toIterable().isEmpty();
    }

    @Test
    void aDeclaredMaximumSizeBoundsTheMemoryCache() {
        Cache<Object, Object> books = manager.getCache("com.acme.domain.Book");
        @SuppressWarnings("unchecked")
        StowageConfiguration<?, ?> configuration = books.getConfiguration(StowageConfiguration.class);
        assertThat(configuration.getMaximumSize()).isEqualTo(2);
        for (int i = 0; i < 50; i++) {
            books.put(i, "book " + i);
        }
        long left = 0;
        for (Cache.Entry<Object, Object> ignored : books) {
            left++;
        }
        assertThat(left).isLessThanOrEqualTo(2);
    }

    @Test
    void loadersWritersAndListenersNamedByClassWork() {
        Cache<String, String> greetings = manager.getCache("greetings", String.class, String.class);
        assertThat(greetings.get("ann")).isEqualTo("loaded:ann");
        greetings.put("bob", "hi");
        greetings.put("amy", "hello");
        greetings.remove("bob");
        assertThat(ConfigurationFixtures.RECORDED).containsExactly("created:ann", "write:bob", "write:amy",
                "created:amy", "delete:bob");
    }

    @Test
    void statisticsOfDeclaredCachesAreRegisteredForJmx() throws Exception {
        manager.getCache("users");
        ObjectName name = new ObjectName("javax.cache:type=CacheStatistics,CacheManager="
                + CLASSPATH.toString().replace(':', '.') + ",Cache=users");
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(name)).isTrue();
        manager.close();
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(name)).isFalse();
    }

    @Test
    void createCacheRefusesADeclaredNameUntilItIsDestroyed() {
        assertThatThrownBy(() -> manager.createCache("users", new MutableConfiguration<>()))
                .isInstanceOf(CacheException.class)
                .hasMessageContaining("cache 'users' is declared in " + CLASSPATH);
        manager.destroyCache("users");
        assertThat(manager.getCacheNames()).doesNotContain("users");
        assertThat(manager.getCache("users")).isNull();
        Cache<Object, Object> recreated = manager.createCache("users", new MutableConfiguration<>());
        assertThat(manager.getCache("users")).isSameAs(recreated);
        Cache<Object, Object> other = manager.createCache("other", new MutableConfiguration<>());
        assertThat(manager.getCacheNames()).contains("other", "users");
        assertThat(complete(other).isStatisticsEnabled()).isFalse();
    }

    @Test
    void aClosedManagerIsReopenedFromTheFileWithItsCachesDeclaredAgain() {
        manager.getCache("users", Long.class, String.class).put(1L, "ann");
        manager.close();
        CacheManager reopened = provider.getCacheManager(CLASSPATH, getClass().getClassLoader());
        assertThat(reopened).isNotSameAs(manager);
        assertThat(reopened.getCacheNames()).contains("users");
        assertThat(reopened.getCache("users", Long.class, String.class).get(1L)).isNull();
    }

    @Test
    void fileAndJarUrisAndVariablesWork() throws IOException {
        Path store = directory.resolve("entries");
        String yaml = "store: filestore:${STOWAGE_TEST_STORE_DIR}\ncaches:\n  notes:\n    keyType: String\n"
                + "    valueType: ${STOWAGE_TEST_VALUE_TYPE:java.lang.String}\n    codec: raw\n";
        Path file = directory.resolve("stowage.yaml");
        Files.writeString(file, yaml);
        Path jar = directory.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("config/stowage.yaml"));
            out.write(yaml.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        System.setProperty("STOWAGE_TEST_STORE_DIR", store.toString());
        try {
            CacheManager fromFile = provider.getCacheManager(file.toUri(), null);
            fromFile.<String, String>getCache("notes").put("a", "written through a file: URI");
            assertThat(fromFile.unwrap(NamespacedStore.class).withNamespace("notes").get("a", null))
                    .asString(StandardCharsets.UTF_8).isEqualTo("written through a file: URI");
            fromFile.close();
            URI jarUri = URI.create("jar:" + jar.toUri() + "!/config/stowage.yaml");
            CacheManager fromJar = provider.getCacheManager(jarUri, null);
            assertThat(fromJar.<String, String>getCache("notes").get("a")).isEqualTo("written through a file: URI");
        } finally {
            System.clearProperty("STOWAGE_TEST_STORE_DIR");
        }
    }

    @Test
    void anEmptyFileIsAMemoryManagerWithoutCaches() throws IOException {
        Path file = directory.resolve("empty.yaml");
        Files.writeString(file, "# nothing yet\n");
        CacheManager empty = provider.getCacheManager(file.toUri(), null);
        assertThat(empty.getCacheNames()).isEmpty();
        assertThat(empty.unwrap(NamespacedStore.class)).isInstanceOf(MemoryStore.class);
    }

    @Test
    void theReferenceFileInTheJarIsValid() {
        CacheManager reference = provider.getCacheManager(URI.create("classpath:dev/stowage/stowage-reference.yaml"), null);
        assertThat(reference.getCacheNames()).isNotEmpty();
        for (String name : reference.getCacheNames()) {
            assertThat(reference.getCache(name)).isNotNull();
        }
    }

    @Test
    void aProgrammaticMaximumSizeNeedsTheMemoryStore() throws IOException {
        Path file = directory.resolve("files.yaml");
        Files.writeString(file, "store: filestore:" + directory.resolve("files") + "\n");
        CacheManager files = provider.getCacheManager(file.toUri(), null);
        assertThatThrownBy(() -> files.createCache("bounded", new StowageConfiguration<>().setMaximumSize(5)))
                .isInstanceOf(CacheException.class)
                .hasMessageContaining("cache 'bounded' has maximumSize 5, which this manager's store FileStore[")
                .hasMessageContaining("cannot honour: it does not bound namespaces");
    }
}
