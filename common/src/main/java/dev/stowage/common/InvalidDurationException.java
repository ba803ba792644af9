package dev.stowage.common;

/**
 * A text that {@link Durations#parse} does not read as a duration. The message names what the
 * duration is for and the text as written ({@code timeout '5x' is not a duration (use e.g. ...)});
 * {@link #problem()} is only what is wrong, for callers that name the value their own way (a
 * configuration file names the file, the line and the key). Immutable.
 */
public final class InvalidDurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What is wrong, e.g. "is not a duration (use e.g. ...)". */
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param name what the duration is for, e.g. {@code "timeout"}; not {@code null}
     * @param text the text as written; not {@code null}
     * @param problem what is wrong with it, starting with a verb, e.g. {@code "is negative"}; not
     *     {@code null}
     * @param cause the underlying failure, or {@code null}
     */
    InvalidDurationException(String name, String text, String problem, Throwable cause) {
        super(name + " '" + text + "' " + problem, cause);
        this.problem = problem;
    }

    /**
     * What is wrong with the text, without naming it.
     *
     * @return e.g. {@code "is not a duration: a number needs a unit (use e.g. 500ms, 3s, 1m, 2h, 1d, PT5M)"}
     */
    public String problem() {
        return problem;
    }
}
