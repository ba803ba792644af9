package dev.stowage.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.jcache.StowageCachingProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.CacheManager;
import org.springframework.cache.jcache.JCacheCacheManager;

/**
 * Spring's own JCache support, without the starter's auto-configuration ({@code stowage.enabled=false},
 * {@code spring.cache.type=jcache}, {@code spring.cache.jcache.config} naming a Stowage YAML file):
 * Spring's {@code NullValue} and {@code SimpleKey} round-trip through the java codec with no
 * allow-list setting, and {@code @CacheEvict(allEntries = true)} works. Each subclass names a store.
 */
@SpringBootTest(properties = {"stowage.enabled=false", "spring.cache.type=jcache",
        "spring.cache.jcache.provider=dev.stowage.jcache.StowageCachingProvider"})
abstract class PlainJCacheConfigurationContract {

    @Autowired
    BookService books;

    @Autowired
    BookCatalog catalog;

    @Autowired
    CacheManager cacheManager;

    /**
     * Writes a Stowage configuration file that puts the example's caches on {@code store}.
     *
     * @param store the store URI
     * @return the file's {@code file:} URI, for {@code spring.cache.jcache.config}
     */
    static String configuration(String store) {
        try {
            Path file = Files.createTempFile("stowage-plain-", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, "store: \"" + store + "\"\n"
                    + "caches:\n"
                    + "  books: {}\n"
                    + "  covers: {}\n"
                    + "  shelves: {}\n"
                    + "  bestsellers:\n"
                    + "    expiry: {policy: created, duration: 1s}\n");
            return file.toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void springBootsJCacheSupportOpensStowageFromTheFile() {
        javax.cache.CacheManager jcache = ((JCacheCacheManager) cacheManager).getCacheManager();
        assertThat(jcache.getCachingProvider()).isInstanceOf(StowageCachingProvider.class);
        assertThat(jcache.getURI().toString()).startsWith("file:").endsWith(".yaml");
    }

    @Test
    void aNullResultAndAKeyOfTwoParametersRoundTrip() {
        int before = catalog.lookups();
        assertThat(books.cover("978-0000000010")).isNull();
        assertThat(books.cover("978-0000000010")).isNull();
        books.onShelf("poetry", 3);
        assertThat(books.onShelf("poetry", 3)).isEqualTo("Title of poetry-3");
        assertThat(catalog.lookups() - before).isEqualTo(2);
    }

    @Test
    void evictAllEntriesEmptiesTheCache() {
        books.title("978-0000000020");
        books.catalogReloaded();
        int before = catalog.lookups();
        books.title("978-0000000020");
        assertThat(catalog.lookups() - before).isEqualTo(1);
    }
}
