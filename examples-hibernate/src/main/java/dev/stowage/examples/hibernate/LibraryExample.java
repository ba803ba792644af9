package dev.stowage.examples.hibernate;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

/**
 * Runs Hibernate with Stowage as its second-level cache and prints the cache statistics: the second
 * read of an entity, a collection and a query is served from the cache. Configuration:
 * {@code stowage-hibernate.yaml} on the class path.
 */
public final class LibraryExample {

    private LibraryExample() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (SessionFactory sessions = LibraryDatabase.open(LibraryDatabase.settings("stowage-hibernate.yaml", "fail"))) {
            LibraryDatabase.seed(sessions);
            for (int round = 1; round <= 2; round++) {
                sessions.inSession(session -> {
                    Author author = session.find(Author.class, 1L);
                    System.out.println(author.getName() + " wrote " + author.getBooks().size() + " books");
                    System.out.println(session.createQuery("select b.title from Book b order by b.title", String.class)
                            .setCacheable(true).getResultList());
                });
            }
            Statistics statistics = sessions.getStatistics();
            System.out.println("second-level cache hits: " + statistics.getSecondLevelCacheHitCount()
                    + ", misses: " + statistics.getSecondLevelCacheMissCount()
                    + ", query cache hits: " + statistics.getQueryCacheHitCount());
        }
    }
}
