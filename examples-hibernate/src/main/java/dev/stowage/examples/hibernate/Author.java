package dev.stowage.examples.hibernate;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/**
 * An author, cached in the second-level entity region {@code dev.stowage.examples.hibernate.Author};
 * the {@link #getBooks() books} collection in the collection region
 * {@code dev.stowage.examples.hibernate.Author.books}. Not thread-safe (a JPA entity).
 */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class Author {

    @Id
    private Long id;

    private String name;

    @OneToMany(mappedBy = "author")
    @Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
    private List<Book> books = new ArrayList<>();

    /** For JPA. */
    protected Author() {
    }

    /**
     * Creates an author.
     *
     * @param id the identifier, not {@code null}
     * @param name the name, not {@code null}
     */
    public Author(Long id, String name) {
        this.id = id;
        this.name = name;
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
     * Returns the name.
     *
     * @return the name
     */
    public String getName() {
        return name;
    }

    /**
     * Returns the author's books (the inverse side of {@link Book#getAuthor()}), loaded lazily.
     *
     * @return the live list
     */
    public List<Book> getBooks() {
        return books;
    }
}
