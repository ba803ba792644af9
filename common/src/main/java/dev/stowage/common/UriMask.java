package dev.stowage.common;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one password mask of Stowage: every message, exception, log line and JMX name that shows a URI
 * shows it through {@link #mask(String)}, with the password replaced by {@value #MASK}. Stateless and
 * thread-safe.
 */
public final class UriMask {

    /** What stands in for a password. */
    public static final String MASK = "****";

    /** A query parameter whose name ends in {@code password} (any case), and its value. */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("([?&][^=&#]*(?i:password)=)[^&#]*");

    /** An authority of hosts only, {@code host[:port][,host[:port]...]}: no user information in it. */
    private static final Pattern HOSTS = Pattern.compile("(\\[[^]]*]|[^,:\\[]+)(:[0-9]*)?(,(\\[[^]]*]|[^,:\\[]+)(:[0-9]*)?)*");

    private UriMask() {
    }

    /**
     * Replaces the password of a URI (any {@code scheme://user:password@host...}) with {@value #MASK},
     * also when the URI is otherwise malformed, so that messages and JMX names never show it. The
     * user information ends at the last {@code @} of the authority, so an {@code @} in the path or
     * query is left alone. The value of every query parameter whose name ends in {@code password}
     * (any case: {@code keyStorePassword=...}) is masked too.
     *
     * @param uri any text, not {@code null}
     * @return the text with the part between {@code user:} and {@code @}, and the values of password
     *     parameters, masked; the text itself when it holds no password
     * @throws NullPointerException if {@code uri} is {@code null}
     */
    public static String mask(String uri) {
        return maskParameters(maskUserInfo(uri));
    }

    private static String maskParameters(String uri) {
        int query = uri.indexOf('?');
        if (query < 0) {
            return uri;
        }
        return uri.substring(0, query)
                + PASSWORD_PARAMETER.matcher(uri.substring(query)).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }

    private static String maskUserInfo(String uri) {
        int start = uri.indexOf("://");
        if (start < 0) {
            return uri;
        }
        int authorityEnd = uri.length();
        for (char end : new char[] {'/', '?', '#'}) {
            int index = uri.indexOf(end, start + 3);
            if (index >= 0 && index < authorityEnd) {
                authorityEnd = index;
            }
        }
        int colon = uri.indexOf(':', start + 3);
        int at = uri.lastIndexOf('@', authorityEnd - 1);
        if (at < start + 3 && colon >= 0 && colon < authorityEnd
                && !HOSTS.matcher(uri.substring(start + 3, authorityEnd)).matches()) {
            // "user:pa/ss@host": a password with an unescaped '/', '?' or '#' ends the authority early
            at = uri.lastIndexOf('@');
        }
        if (at < start + 3 || colon < 0 || colon > at) {
            return uri;
        }
        return uri.substring(0, colon + 1) + MASK + uri.substring(at);
    }
}
