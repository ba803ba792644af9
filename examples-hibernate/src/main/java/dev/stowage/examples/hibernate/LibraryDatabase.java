package dev.stowage.examples.hibernate;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;

/**
 * Builds a Hibernate 6 {@link SessionFactory} over an embedded H2 database whose second-level cache
 * is Stowage: {@code hibernate.cache.region.factory_class=stowage} ({@code stowage-hibernate}'s
 * region factory, which picks Stowage's provider and stores entity and collection keys compactly),
 * {@code hibernate.javax.cache.uri} (a store URI such as {@code redis://host:6379/0/library}, or a
 * configuration file) and {@code hibernate.javax.cache.missing_cache_strategy}. Statistics and the
 * query cache are on. Stateless.
 */
public final class LibraryDatabase {

    /** Stowage's JCache provider, which the {@code stowage} region factory uses unless told otherwise. */
    public static final String PROVIDER = "dev.stowage.jcache.StowageCachingProvider";

    private LibraryDatabase() {
    }

    /**
     * Returns the settings of a library database.
     *
     * @param cacheUri {@code hibernate.javax.cache.uri}: a Stowage store URI ({@code memory:},
     *     {@code filestore:/var/cache/library}, {@code redis://host:6379/0/library}), passed to the
     *     provider as it is, or a configuration file as a class path resource name
     *     ({@code stowage-hibernate.yaml}) or a URL ({@code file:/etc/app/stowage.yaml}), which
     *     Hibernate resolves. Not {@code null}
     * @param missingCacheStrategy {@code create}, {@code create-warn} or {@code fail}: what Hibernate
     *     does about a region that is neither created nor declared in the file
     * @return the settings, modifiable
     */
    public static Map<String, Object> settings(String cacheUri, String missingCacheStrategy) {
        Map<String, Object> settings = new TreeMap<>();
        settings.put("jakarta.persistence.jdbc.url", "jdbc:h2:mem:library-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        settings.put("jakarta.persistence.jdbc.user", "sa");
        settings.put("jakarta.persistence.jdbc.password", "");
        settings.put("jakarta.persistence.schema-generation.database.action", "drop-and-create");
        settings.put("hibernate.cache.use_second_level_cache", "true");
        settings.put("hibernate.cache.use_query_cache", "true");
        settings.put("hibernate.cache.region.factory_class", "stowage");
        settings.put("hibernate.javax.cache.uri", cacheUri);
        settings.put("hibernate.javax.cache.missing_cache_strategy", missingCacheStrategy);
        settings.put("hibernate.generate_statistics", "true");
        return settings;
    }

    /**
     * Builds a session factory with the entities {@link Author} and {@link Book}.
     *
     * @param settings the settings, e.g. from {@link #settings}; not {@code null}
     * @return the session factory, which the caller closes (closing it closes its cache manager)
     * @throws org.hibernate.HibernateException if Hibernate cannot start, e.g. a region is missing
     *     under the {@code fail} strategy, or the configuration file is bad
     */
    public static SessionFactory open(Map<String, Object> settings) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(settings).build();
        try {
            return new MetadataSources(registry).addAnnotatedClass(Author.class).addAnnotatedClass(Book.class)
                    .buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    /**
     * Stores two authors with three books.
     *
     * @param sessions the session factory, not {@code null}
     */
    public static void seed(SessionFactory sessions) {
        sessions.inTransaction(session -> {
            Author herbert = new Author(1L, "Frank Herbert");
            Author le = new Author(2L, "Ursula K. Le Guin");
            session.persist(herbert);
            session.persist(le);
            session.persist(new Book(10L, "Dune", herbert));
            session.persist(new Book(11L, "Dune Messiah", herbert));
            session.persist(new Book(20L, "The Dispossessed", le));
        });
    }
}
