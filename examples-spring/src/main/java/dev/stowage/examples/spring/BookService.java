package dev.stowage.examples.spring;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * Book lookups through Spring's cache abstraction on Stowage. No cache is declared anywhere except
 * {@code bestsellers}, whose expiry {@code application.properties} sets
 * ({@code stowage.caches.bestsellers.time-to-live}); the starter creates the others on first use.
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
     * Sets a book's title in the catalogue and in the {@code books} cache at once.
     *
     * @param isbn the ISBN, not {@code null}
     * @param title the new title, not {@code null}
     * @return the new title, which the cache now holds
     */
    @CachePut(cacheNames = "books", key = "#p0")
    public String retitle(String isbn, String title) {
        return catalog.retitle(isbn, title);
    }

    /**
     * Forgets every cached title (after the catalogue was reloaded); Spring clears the cache, which
     * is JCache {@code removeAll()}.
     */
    @CacheEvict(cacheNames = "books", allEntries = true)
    public void catalogReloaded() {
        // the eviction is the whole job
    }

    /**
     * Returns the cover image name of a book, or {@code null} when it has none; the {@code null} is
     * cached too (Spring stores it as its {@code NullValue}).
     *
     * @param isbn the ISBN, not {@code null}
     * @return the cover's file name, or {@code null}
     */
    @Cacheable("covers")
    public String cover(String isbn) {
        return catalog.cover(isbn);
    }

    /**
     * Returns the book at a position of a genre's shelf; the cache key of two parameters is Spring's
     * {@code SimpleKey}.
     *
     * @param genre the genre, not {@code null}
     * @param position the position on the shelf, from 1
     * @return the title found there
     */
    @Cacheable("shelves")
    public String onShelf(String genre, int position) {
        return catalog.title(genre + "-" + position);
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
}
