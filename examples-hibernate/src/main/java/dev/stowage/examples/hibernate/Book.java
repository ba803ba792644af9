package dev.stowage.examples.hibernate;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/**
 * A book, cached in the second-level entity region {@code dev.stowage.examples.hibernate.Book}. Not
 * thread-safe (a JPA entity).
 */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class Book {

    @Id
    private Long id;

    private String title;

    @ManyToOne(fetch = FetchType.LAZY)
    private Author author;

    /** For JPA. */
    protected Book() {
    }

    /**
     * Creates a book and adds it to its author's books.
     *
     * @param id the identifier, not {@code null}
     * @param title the title, not {@code null}
     * @param author the author, not {@code null}
     */
    public Book(Long id, String title, Author author) {
        this.id = id;
        this.title = title;
        this.author = author;
        author.getBooks().add(this);
    }

    /**
     * Returns the identifier.
     *
     * @return the identifier
     */
    public Long getId() {
        return id;
    }

    /**
     * Returns the title.
     *
     * @return the title
     */
    public String getTitle() {
        return title;
    }

    /**
     * Changes the title.
     *
     * @param title the new title, not {@code null}
     */
    public void setTitle(String title) {
        this.title = title;
    }

    /**
     * Returns the author.
     *
     * @return the author (a lazy proxy until read)
     */
    public Author getAuthor() {
        return author;
    }
}
