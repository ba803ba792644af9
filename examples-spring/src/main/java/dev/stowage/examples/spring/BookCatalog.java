package dev.stowage.examples.spring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The slow system of record that caching saves calls to: a book catalogue that counts how often it
 * is asked. Thread-safe.
 */
@Component
public class BookCatalog {

    private final AtomicInteger lookups = new AtomicInteger();
    private final Map<String, String> titles = new ConcurrentHashMap<>();

    /** Creates the catalogue; Spring calls this. */
    public BookCatalog() {
    }

    /**
     * Looks a book's title up.
     *
     * @param isbn the book's ISBN, not {@code null}
     * @return the title, never {@code null}
     */
    public String title(String isbn) {
        lookups.incrementAndGet();
        return titles.getOrDefault(isbn, "Title of " + isbn);
    }

    /**
     * Changes a book's title.
     *
     * @param isbn the book's ISBN, not {@code null}
     * @param title the new title, not {@code null}
     * @return the new title
     */
    public String retitle(String isbn, String title) {
        lookups.incrementAndGet();
        titles.put(isbn, title);
        return title;
    }

    /**
     * Looks a book's cover up: books whose ISBN ends in {@code 0} have none.
     *
     * @param isbn the book's ISBN, not {@code null}
     * @return the cover's file name, or {@code null} when the book has none
     */
    public String cover(String isbn) {
        lookups.incrementAndGet();
        return isbn.endsWith("0") ? null : isbn + ".jpg";
    }

    /**
     * Returns how many lookups were made so far.
     *
     * @return the count
     */
    public int lookups() {
        return lookups.get();
    }
}
