package dev.stowage.examples.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.stowage.jcache.configuration.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hibernate's second-level cache on Stowage, proven through Hibernate's statistics: entity,
 * collection, query-results and update-timestamps regions, and the missing-cache strategies. Runs
 * once per store backend: a subclass names the store URI (see {@link MemorySecondLevelCacheTest}).
 */
abstract class SecondLevelCacheContract {

    static final String BOOK = Book.class.getName();
    static final String AUTHOR = Author.class.getName();
    static final String BOOKS_OF_AUTHOR = Author.class.getName() + ".books";
    static final String QUERY_RESULTS = "default-query-results-region";
    static final String UPDATE_TIMESTAMPS = "default-update-timestamps-region";
    static final String TITLES = "select b.title from Book b where b.title like :prefix order by b.title";

    @TempDir
    Path directory;

    private SessionFactory sessions;

    /**
     * Returns the store URI the configuration file names, e.g. {@code memory:/} or
     * {@code redis://127.0.0.1:6379}; each test gets its own namespace in it.
     *
     * @param directory a fresh directory of this test, for stores that keep files
     * @return the store URI
     */
    protected abstract String storeUri(Path directory);

    @AfterEach
    void close() {
        if (sessions != null) {
            sessions.close();
        }
    }

    /** Writes a configuration file that declares {@code regions}, and returns its URI. */
    private URI configuration(List<String> regions) throws IOException {
        return configuration(directory, regions);
    }

    /** Writes, in {@code home}, a configuration file that declares {@code regions}; returns its URI. */
    private URI configuration(Path home, List<String> regions) throws IOException {
        StringBuilder yaml = new StringBuilder("store: \"" + storeUri(home) + "\"\n")
                .append("namespace: \"").append(home.getFileName()).append("\"\n")
                .append("defaults:\n  statisticsEnabled: true\n")
                .append("caches:\n");
        for (String region : regions) {
            yaml.append("  ").append(region).append(": {}\n");
        }
        if (regions.isEmpty()) {
            yaml.setLength(yaml.length() - "caches:\n".length());
        }
        Path file = Files.createDirectories(home).resolve("stowage.yaml");
        Files.writeString(file, yaml);
        return file.toUri();
    }

    private SessionFactory open(URI configuration, String missingCacheStrategy) {
        Map<String, Object> settings = LibraryDatabase.settings(configuration.toString(), missingCacheStrategy);
        sessions = LibraryDatabase.open(settings);
        return sessions;
    }

    private static CacheManager stowage(URI configuration) {
        return Caching.getCachingProvider(LibraryDatabase.PROVIDER).getCacheManager(configuration, null);
    }

    @Test
    void entityCollectionAndQueryReadsHitTheSecondLevelCache() throws IOException {
        URI configuration = configuration(List.of(BOOK, AUTHOR, BOOKS_OF_AUTHOR, QUERY_RESULTS, UPDATE_TIMESTAMPS));
        SessionFactory factory = open(configuration, "fail");
        LibraryDatabase.seed(factory);
        Statistics statistics = factory.getStatistics();
        statistics.clear();
        long[] secondRoundStatements = new long[1];
        for (int round = 0; round < 3; round++) {
            long statementsBefore = statistics.getPrepareStatementCount();
            factory.inSession(session -> {
                assertThat(session.find(Book.class, 10L).getTitle()).isEqualTo("Dune");
                assertThat(session.find(Author.class, 1L).getBooks()).extracting(Book::getTitle)
                        .containsExactlyInAnyOrder("Dune", "Dune Messiah");
                assertThat(session.createQuery(TITLES, String.class).setParameter("prefix", "Dune%")
                        .setCacheable(true).getResultList()).containsExactly("Dune", "Dune Messiah");
            });
            if (round > 0) {
                secondRoundStatements[0] += statistics.getPrepareStatementCount() - statementsBefore;
            }
        }
        // seeding put the entities; the first round puts the collection and the query result, and
        // the rounds after it run no SQL at all
        assertThat(secondRoundStatements[0]).isZero();
        assertThat(statistics.getDomainDataRegionStatistics(BOOK).getHitCount()).isGreaterThanOrEqualTo(3);
        assertThat(statistics.getEntityStatistics(BOOK).getCacheHitCount()).isGreaterThanOrEqualTo(3);
        assertThat(statistics.getEntityStatistics(AUTHOR).getCacheHitCount()).isGreaterThanOrEqualTo(3);
        assertThat(statistics.getCollectionStatistics(BOOKS_OF_AUTHOR).getCacheMissCount()).isEqualTo(1);
        assertThat(statistics.getCollectionStatistics(BOOKS_OF_AUTHOR).getCacheHitCount()).isEqualTo(2);
        assertThat(statistics.getQueryStatistics(TITLES).getCacheMissCount()).isEqualTo(1);
        assertThat(statistics.getQueryStatistics(TITLES).getCacheHitCount()).isEqualTo(2);
        assertThat(statistics.getQueryCacheHitCount()).isEqualTo(2);
        assertThat(statistics.getUpdateTimestampsCacheHitCount()).isGreaterThanOrEqualTo(2);
        assertThat(statistics.getSecondLevelCacheHitCount()).isGreaterThanOrEqualTo(3 + 3 + 2);

        CacheManager manager = stowage(configuration);
        assertThat(manager.getCacheNames()).contains(BOOK, AUTHOR, BOOKS_OF_AUTHOR, QUERY_RESULTS, UPDATE_TIMESTAMPS);
        assertThat(manager.getCache(BOOK).iterator().hasNext()).isTrue();
    }

    @Test
    void aStoreUriIsAcceptedAsTheCacheUri() {
        SessionFactory factory = open(URI.create(storeUri(directory.resolve("direct"))), "create");
        LibraryDatabase.seed(factory);
        factory.getStatistics().clear();
        factory.inSession(session -> assertThat(session.find(Book.class, 20L).getTitle()).isEqualTo("The Dispossessed"));
        assertThat(factory.getStatistics().getEntityStatistics(BOOK).getCacheHitCount()).isEqualTo(1);
        assertThat(factory.getStatistics().getPrepareStatementCount()).isZero();
    }

    @Test
    void aCacheUriThatIsNeitherAStoreNorAFileIsExplained() {
        assertThatThrownBy(() -> open(URI.create("nosuchscheme:/x"), "create"))
                .hasStackTraceContaining("is neither a Stowage store URI (schemes [")
                .hasStackTraceContaining("nosuchscheme:/x");
    }

    @Test
    void anUpdateInvalidatesTheEntityAndTheQueryResults() throws IOException {
        SessionFactory factory = open(configuration(List.of(BOOK, AUTHOR, BOOKS_OF_AUTHOR, QUERY_RESULTS,
                UPDATE_TIMESTAMPS)), "fail");
        LibraryDatabase.seed(factory);
        factory.inSession(session -> session.createQuery(TITLES, String.class).setParameter("prefix", "Dune%")
                .setCacheable(true).getResultList());
        factory.inTransaction(session -> session.find(Book.class, 11L).setTitle("Dune 2"));
        Statistics statistics = factory.getStatistics();
        statistics.clear();
        factory.inSession(session -> {
            assertThat(session.find(Book.class, 11L).getTitle()).isEqualTo("Dune 2");
            assertThat(session.createQuery(TITLES, String.class).setParameter("prefix", "Dune%")
                    .setCacheable(true).getResultList()).containsExactly("Dune", "Dune 2");
        });
        assertThat(statistics.getEntityStatistics(BOOK).getCacheHitCount()).isEqualTo(1);
        assertThat(statistics.getQueryStatistics(TITLES).getCacheHitCount()).isZero();
    }

    @Test
    void theFailStrategyNamesARegionThatIsNotDeclared() throws IOException {
        URI configuration = configuration(List.of(BOOK, AUTHOR, QUERY_RESULTS, UPDATE_TIMESTAMPS));
        assertThatThrownBy(() -> open(configuration, "fail"))
                .hasStackTraceContaining(BOOKS_OF_AUTHOR);
    }

    @Test
    void theCreateStrategiesCreateUndeclaredRegions() throws IOException {
        for (String strategy : List.of("create", "create-warn")) {
            URI configuration = configuration(directory.resolve(strategy), List.of(BOOK));
            SessionFactory factory = open(configuration, strategy);
            LibraryDatabase.seed(factory);
            factory.inSession(session -> session.find(Author.class, 2L).getBooks().size());
            factory.getStatistics().clear();
            factory.inSession(session -> assertThat(session.find(Author.class, 2L).getBooks()).hasSize(1));
            assertThat(factory.getStatistics().getCollectionStatistics(BOOKS_OF_AUTHOR).getCacheHitCount()).isEqualTo(1);
            assertThat(factory.getStatistics().getEntityStatistics(AUTHOR).getCacheHitCount()).isEqualTo(1);
            CacheManager manager = stowage(configuration);
            assertThat(manager.getCacheNames()).contains(BOOK, AUTHOR, BOOKS_OF_AUTHOR, QUERY_RESULTS, UPDATE_TIMESTAMPS);
            factory.close();
            sessions = null;
        }
    }

    @Test
    void aBadConfigurationFileStopsHibernateWithTheFileKeyAndValue() throws IOException {
        Path file = directory.resolve("bad.yaml");
        Files.writeString(file, "caches:\n  " + BOOK + ":\n    expiry: {policy: created, duration: 10 parsecs}\n");
        Throwable failure = catchThrowable(() -> open(file.toUri(), "fail"));
        while (failure != null && !(failure instanceof ConfigurationException)) {
            failure = failure.getCause();
        }
        assertThat(failure).isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith("bad.yaml:3: caches[\"" + BOOK + "\"].expiry.duration: '10 parsecs' is not a "
                        + "duration (use e.g. 500ms, 3s, 1m, 2h, 1d, PT5M)");
    }
}
