package dev.stowage.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.jcache.StowageCachingProvider;
import dev.stowage.jcache.configuration.StowageConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
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

/** Spring's cache abstraction on Stowage: hits, evictions, expiry, cache-names, and Micrometer metrics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cache.jcache.config=classpath:stowage-test.yaml")
class LibraryApplicationTest {

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

    private javax.cache.CacheManager jcache() {
        return ((JCacheCacheManager) cacheManager).getCacheManager();
    }

    @Test
    void springCachesAreStowageCachesFromTheConfigurationFile() {
        javax.cache.CacheManager manager = jcache();
        assertThat(manager.getCachingProvider()).isInstanceOf(StowageCachingProvider.class);
        assertThat(manager.getURI().toString()).endsWith("-test.yaml");
        assertThat(cacheManager.getCacheNames()).contains("books", "bestsellers", "recent");
    }

    @Test
    void aCachedMethodRunsOncePerKeyUntilEvicted() {
        int before = catalog.lookups();
        assertThat(books.title("978-0441013593")).isEqualTo("Title of 978-0441013593");
        assertThat(books.title("978-0441013593")).isEqualTo("Title of 978-0441013593");
        assertThat(books.title("978-0441013593")).isEqualTo("Title of 978-0441013593");
        assertThat(catalog.lookups() - before).isEqualTo(1);

        books.titleChanged("978-0441013593");
        assertThat(jcache().getCache("books", String.class, String.class).containsKey("978-0441013593")).isFalse();
        books.title("978-0441013593");
        assertThat(catalog.lookups() - before).isEqualTo(2);
    }

    @Test
    void anEntryExpiresAfterTheDurationInTheConfigurationFile() throws InterruptedException {
        int before = catalog.lookups();
        books.bestseller("978-0553293357");
        books.bestseller("978-0553293357");
        assertThat(catalog.lookups() - before).isEqualTo(1);
        // bestsellers expire 300ms after creation (stowage-test.yaml); wait for that, at most 10 s
        Instant deadline = Instant.now().plusSeconds(10);
        while (jcache().getCache("bestsellers").containsKey("978-0553293357") && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        books.bestseller("978-0553293357");
        assertThat(catalog.lookups() - before).isEqualTo(2);
    }

    @Test
    void cacheNamesFromSpringUseTheConfigurationBean() {
        int before = catalog.lookups();
        books.recent("978-0345391803");
        books.recent("978-0345391803");
        assertThat(catalog.lookups() - before).isEqualTo(1);
        @SuppressWarnings("unchecked")
        StowageConfiguration<Object, Object> configuration =
                jcache().getCache("recent").getConfiguration(StowageConfiguration.class);
        assertThat(configuration.getMaximumSize()).isEqualTo(expectedRecentMaximumSize());
        assertThat(configuration.isStatisticsEnabled()).isTrue();
    }

    @Test
    void micrometerReportsHitsAndMissesOfTheJCacheStatistics() {
        double hits = hits("books");
        books.title("978-0143111580");
        books.title("978-0143111580");
        books.title("978-0143111580");
        assertThat(hits("books") - hits).isEqualTo(2.0);
        assertThat(meters.get("cache.gets").tag("cache", "books").tag("result", "miss").functionCounter().count())
                .isGreaterThanOrEqualTo(1.0);

        ResponseEntity<Map<String, Object>> response = http.exchange("/actuator/metrics/cache.gets?tag=cache:books&tag=result:hit",
                HttpMethod.GET, null, new ParameterizedTypeReference<>() { });
        assertThat(response.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(response.getBody()).containsKey("measurements");
        assertThat(response.getBody().get("measurements").toString()).contains("value=" + hits("books"));
    }

    /** The bound the configuration bean gives the caches of {@code spring.cache.cache-names}. */
    long expectedRecentMaximumSize() {
        return 1_000;
    }

    private double hits(String cache) {
        return meters.get("cache.gets").tag("cache", cache).tag("result", "hit").functionCounter().count();
    }
}
