package dev.stowage.examples.spring;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * Book lookups through Spring's cache abstraction: {@code books} and {@code bestsellers} are declared
 * in {@code stowage.yaml} (with their expiry), {@code recent} comes from {@code spring.cache.cache-names}.
 * Thread-safe.
 */
@Service
public class BookService {

    private final BookCatalog catalog;

    /**
     * Creates the service.
     *
     * @param catalog the system of record, not {@code null}
     */
    public BookService(BookCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Returns a book's title, from the {@code books} cache when it holds it.
     *
     * @param isbn the ISBN, not {@code null}
     * @return the title
     */
    @Cacheable("books")
    public String title(String isbn) {
        return catalog.title(isbn);
    }

    /**
     * Forgets a book's cached title (after the title changed), so the next {@link #title} asks the
     * catalogue.
     *
     * @param isbn the ISBN, not {@code null}
     */
    @CacheEvict("books")
    public void titleChanged(String isbn) {
        // the eviction is the whole job
    }

    /**
     * Returns a bestseller's title from the short-lived {@code bestsellers} cache.
     *
     * @param isbn the ISBN, not {@code null}
     * @return the title
     */
    @Cacheable("bestsellers")
    public String bestseller(String isbn) {
        return catalog.title(isbn);
    }

    /**
     * Returns a recently viewed book's title from the {@code recent} cache, which
     * {@code spring.cache.cache-names} declares.
     *
     * @param isbn the ISBN, not {@code null}
     * @return the title
     */
    @Cacheable("recent")
    public String recent(String isbn) {
        return catalog.title(isbn);
    }
}
