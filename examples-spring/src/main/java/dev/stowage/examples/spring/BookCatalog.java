package dev.stowage.examples.spring;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The slow system of record that caching saves calls to: a book catalogue that counts how often it
 * is asked. Thread-safe.
 */
@Component
public class BookCatalog {

    private final AtomicInteger lookups = new AtomicInteger();

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
        return "Title of " + isbn;
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
