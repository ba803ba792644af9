package dev.stowage.jcache.storage;

import java.io.Serializable;
import java.util.Objects;

/**
 * A cache key made of a scope name and an identifier, e.g. a Hibernate entity name and an entity's
 * id, or a collection role and its owner's id. {@link KeyFormat} stores it compactly and canonically
 * on byte-level stores — {@code k:<length of scope>:<scope>:<tagged id>}, e.g.
 * {@code k:4:Book:l:10} — instead of the Base64 of a serialized object, so equal keys always make
 * the same store key. Immutable and thread-safe; serializable for the memory store's copies.
 *
 * @param scope the scope name, not {@code null}
 * @param id the identifier, not {@code null}; a {@code String}, {@code Long} or {@code Integer} stays
 *     readable, any other type goes through the {@code java} codec and must serialize equal values
 *     to equal bytes (records and value classes do)
 */
public record ScopedKey(String scope, Object id) implements Serializable {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if {@code scope} or {@code id} is {@code null}
     */
    public ScopedKey {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(id, "id");
    }
}
