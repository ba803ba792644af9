package dev.stowage.jcache.configuration;

import java.util.function.Function;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:default}} in a configuration value with the value of
 * the environment variable {@code NAME}, else the system property {@code NAME}, else the default;
 * {@code $${} stands for a literal {@code ${}. Names are letters, digits, {@code _ . -}, not starting
 * with a digit. Stateless apart from its lookup function; thread-safe if that is.
 */
final class Substitution {

    /** Looks a name up in the environment, then in the system properties. */
    static final Function<String, String> ENVIRONMENT = name -> {
        String value = System.getenv(name);
        return value != null ? value : System.getProperty(name);
    };

    private final Function<String, String> lookup;

    /**
     * Creates a substitution.
     *
     * @param lookup gives a variable's value, or {@code null} when it is not set; not {@code null}
     */
    Substitution(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    /**
     * Substitutes every variable in {@code text}.
     *
     * @param text the value as written, not {@code null}
     * @return the value with variables replaced
     * @throws IllegalArgumentException if a {@code ${} is not closed, holds an invalid name, or names
     *     a variable that is not set and has no default; the message names the variable
     */
    String apply(String text) {
        if (!text.contains("${")) {
            return text;
        }
        StringBuilder result = new StringBuilder(text.length());
        int at = 0;
        while (at < text.length()) {
            int start = text.indexOf("${", at);
            if (start < 0) {
                result.append(text, at, text.length());
                break;
            }
            if (start > 0 && text.charAt(start - 1) == '$') {
                result.append(text, at, start - 1).append("${");
                at = start + 2;
                continue;
            }
            result.append(text, at, start);
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new IllegalArgumentException("'${' at position " + start + " is not closed by '}'");
            }
            String body = text.substring(start + 2, end);
            int colon = body.indexOf(':');
            String name = colon < 0 ? body : body.substring(0, colon);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                throw new IllegalArgumentException("'${" + body + "}' does not name a variable");
            }
            String value = lookup.apply(name);
            if (value == null) {
                if (colon < 0) {
                    throw new IllegalArgumentException("the variable " + name + " is not set (neither an environment "
                            + "variable nor a system property); give a default with ${" + name + ":value}");
                }
                value = body.substring(colon + 1);
            }
            result.append(value);
            at = end + 1;
        }
        return result.toString();
    }
}
