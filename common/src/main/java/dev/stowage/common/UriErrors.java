package dev.stowage.common;

import java.util.Collection;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The one form of the errors about a bad URI, so that one fault reads the same in every module:
 * {@code <Kind> URI '<uri with password masked>' is invalid: <problem>}, and for a parameter no backend
 * knows {@code ... is invalid: unknown parameter 'x'; known are a, b}. Stateless and thread-safe.
 */
public final class UriErrors {

    private UriErrors() {
    }

    /**
     * Makes the error for a URI that cannot be used.
     *
     * @param kind what the URI is for, capitalised as at the start of a sentence, e.g. {@code "Redis"},
     *     {@code "Memory store"}, {@code "File store"}, {@code "Channels backend"}; not {@code null}
     * @param uri the URI as given (its password is masked here with {@link UriMask#mask}); not {@code null}
     * @param problem what is wrong, naming the bad part; not {@code null}
     * @return the exception, to be thrown by the caller
     * @throws NullPointerException if an argument is {@code null}
     */
    public static IllegalArgumentException invalid(String kind, String uri, String problem) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(problem, "problem");
        return new IllegalArgumentException(kind + " URI '" + UriMask.mask(Objects.requireNonNull(uri, "uri"))
                + "' is invalid: " + problem);
    }

    /**
     * Makes the error for a query parameter the URI's backend does not know.
     *
     * @param kind what the URI is for, as in {@link #invalid}; not {@code null}
     * @param uri the URI as given (its password is masked here); not {@code null}
     * @param name the unknown parameter's name; not {@code null}
     * @param known the names the backend knows; not {@code null}, listed sorted
     * @return the exception, to be thrown by the caller
     * @throws NullPointerException if an argument is {@code null}
     */
    public static IllegalArgumentException unknownParameter(String kind, String uri, String name,
            Collection<String> known) {
        Objects.requireNonNull(name, "name");
        return invalid(kind, uri, "unknown parameter '" + name + "'; known are "
                + String.join(", ", new TreeSet<>(Objects.requireNonNull(known, "known"))));
    }
}
