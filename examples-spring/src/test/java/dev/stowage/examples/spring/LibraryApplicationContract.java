package dev.stowage.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.jcache.StowageCachingProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.cache.CacheManager;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The example application through Spring's cache abstraction on Stowage, with no Stowage setting but
 * {@code stowage.uri} (each subclass names a store): a cached {@code null}, a key of two parameters,
 * {@code @CachePut}, {@code @CacheEvict(allEntries = true)}, an expiring cache, Micrometer's
 * {@code cache.gets} hits and misses, and the {@code stowage} health component over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class LibraryApplicationContract {

    @Autowired
    BookService books;

    @Autowired
    BookCatalog catalog;

    @Autowired
    CacheManager cacheManager;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TestRestTemplate http;

    /**
     * Returns the start of the manager URI this subclass configures.
     *
     * @return e.g. {@code memory:}
     */
    abstract String expectedUriPrefix();

    private javax.cache.CacheManager jcache() {
        return ((JCacheCacheManager) cacheManager).getCacheManager();
    }

    @Test
    void springCachesAreStowageCachesOnTheConfiguredStore() {
        assertThat(jcache().getCachingProvider()).isInstanceOf(StowageCachingProvider.class);
        assertThat(jcache().getURI().toString()).startsWith(expectedUriPrefix());
    }

    @Test
    void aCachedMethodRunsOncePerKey() {
        int before = catalog.lookups();
        books.title("978-0441013593");
        books.title("978-0441013593");
        assertThat(books.title("978-0441013593")).isEqualTo("Title of 978-0441013593");
        assertThat(catalog.lookups() - before).isEqualTo(1);
    }

    @Test
    void aNullResultIsCachedToo() {
        int before = catalog.lookups();
        assertThat(books.cover("978-0000000000")).isNull();
        assertThat(books.cover("978-0000000000")).isNull();
        assertThat(catalog.lookups() - before).isEqualTo(1);
        assertThat(books.cover("978-0000000001")).isEqualTo("978-0000000001.jpg");
    }

    @Test
    void aMethodOfTwoParametersIsCachedUnderBoth() {
        int before = catalog.lookups();
        assertThat(books.onShelf("fantasy", 1)).isEqualTo("Title of fantasy-1");
        books.onShelf("fantasy", 1);
        books.onShelf("fantasy", 2);
        books.onShelf("fantasy", 2);
        assertThat(catalog.lookups() - before).isEqualTo(2);
    }

    @Test
    void cachePutReplacesTheCachedValueAndEvictAllEntriesEmptiesTheCache() {
        books.title("978-0553293357");
        assertThat(books.retitle("978-0553293357", "Foundation")).isEqualTo("Foundation");
        int before = catalog.lookups();
        assertThat(books.title("978-0553293357")).isEqualTo("Foundation");
        assertThat(catalog.lookups() - before).isZero();

        books.catalogReloaded();
        assertThat(jcache().getCache("books").iterator().hasNext()).isFalse();
        books.title("978-0553293357");
        assertThat(catalog.lookups() - before).isEqualTo(1);
    }

    @Test
    void anEntryExpiresAfterItsCachesTimeToLive() throws InterruptedException {
        int before = catalog.lookups();
        books.bestseller("978-0345391803");
        books.bestseller("978-0345391803");
        assertThat(catalog.lookups() - before).isEqualTo(1);
        // bestsellers live 1 s after creation (application.properties); wait for that, at most 10 s
        Instant deadline = Instant.now().plusSeconds(10);
        while (jcache().getCache("bestsellers").containsKey("978-0345391803") && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        books.bestseller("978-0345391803");
        assertThat(catalog.lookups() - before).isEqualTo(2);
    }

    @Test
    void micrometerCountsHitsAndMissesOfACacheCreatedOnFirstUse() {
        books.title("978-0143111580");
        double hits = count("books", "hit");
        double misses = count("books", "miss");
        books.title("978-0143111580");
        books.title("978-0143111580");
        books.title("978-0143111581");
        assertThat(count("books", "hit") - hits).isEqualTo(2.0);
        assertThat(count("books", "miss") - misses).isEqualTo(1.0);

        ResponseEntity<Map<String, Object>> response = http.exchange(
                "/actuator/metrics/cache.gets?tag=cache:books&tag=result:hit", HttpMethod.GET, null,
                new ParameterizedTypeReference<>() { });
        assertThat(response.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(response.getBody().get("measurements").toString()).contains("value=" + count("books", "hit"));
    }

    @Test
    void theHealthEndpointReportsTheStore() {
        ResponseEntity<Map<String, Object>> response = http.exchange("/actuator/health", HttpMethod.GET, null,
                new ParameterizedTypeReference<>() { });
        assertThat(response.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(response.getBody()).containsEntry("status", "UP");
        @SuppressWarnings("unchecked")
        Map<String, Object> stowage = (Map<String, Object>) ((Map<String, Object>) response.getBody().get("components"))
                .get("stowage");
        assertThat(stowage).containsEntry("status", "UP");
        assertThat(stowage.get("details").toString()).contains(expectedUriPrefix());
    }

    private double count(String cache, String result) {
        return Search.in(meters).name("cache.gets").tag("cache", cache).tag("result", result).functionCounter().count();
    }
}
