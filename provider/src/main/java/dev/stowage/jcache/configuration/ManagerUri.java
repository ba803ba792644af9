package dev.stowage.jcache.configuration;

import dev.stowage.common.UriErrors;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A cache manager URI split into the parameters that belong to the JCache layer and the URI that goes
 * on to the store ({@link dev.stowage.store.Stores#open}) or names the configuration file
 * ({@link CacheManagerSetup#fromFile}). The JCache layer's parameters are the query parameters whose
 * names start with {@value #NEAR_CACHE_PREFIX}: {@code nearCache.maximumSize} and
 * {@code nearCache.timeToLive}, the default near cache of the manager's caches
 * ({@link NearCacheSettings}), e.g. {@code redis://127.0.0.1:6379/app?nearCache.maximumSize=10000&nearCache.timeToLive=5m}
 * or {@code classpath:stowage.yaml?nearCache.maximumSize=10000}. They are taken out of the query, the
 * other parameters stay as written and in order, so no backend's own URI parser sees them; the split
 * does not look at the scheme, and holds for hierarchical and opaque URIs alike. The manager's
 * {@code getURI()} stays the URI as given.
 *
 * <p>Precedence of a cache's near cache: its own setting, else this URI default, else the manager's
 * JCache property {@value NearCacheSettings#PROPERTY}, else the system property of that name.
 * Immutable and thread-safe.
 *
 * @param target the URI without the {@value #NEAR_CACHE_PREFIX} parameters (the given URI itself when it
 *     has none; a bare {@code scheme:} left over becomes {@code scheme:/}), not {@code null}
 * @param nearCache the near cache default the URI gives, or {@code null} when it gives none
 */
public record ManagerUri(URI target, NearCacheSettings nearCache) {

    /** What the names of the JCache layer's parameters start with. */
    public static final String NEAR_CACHE_PREFIX = "nearCache.";

    private static final String KIND = "Cache manager";

    /**
     * Checks the parts.
     *
     * @param target the URI for the store or configuration file, not {@code null}
     * @param nearCache the URI's near cache default, or {@code null}
     * @throws NullPointerException if {@code target} is {@code null}
     */
    public ManagerUri {
        Objects.requireNonNull(target, "target");
    }

    /**
     * Splits a cache manager URI.
     *
     * @param uri the URI as given to {@code getCacheManager}, not {@code null}
     * @return the URI for the store or file and the near cache default
     * @throws NullPointerException if {@code uri} is {@code null}
     * @throws IllegalArgumentException if a {@value #NEAR_CACHE_PREFIX} parameter is unknown, given twice,
     *     without a value or with a bad one, or {@code nearCache.timeToLive} comes without
     *     {@code nearCache.maximumSize}; the message ({@code Cache manager URI '<uri, password masked>' is
     *     invalid: ...}) names the parameter and its value
     */
    public static ManagerUri of(URI uri) {
        String text = uri.toString();
        int hash = text.indexOf('#');
        int end = hash < 0 ? text.length() : hash;
        int question = text.indexOf('?');
        if (question < 0 || question > end) {
            return new ManagerUri(uri, null);
        }
        Map<String, String> near = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        for (String parameter : text.substring(question + 1, end).split("&")) {
            int equals = parameter.indexOf('=');
            String name = decode(equals < 0 ? parameter : parameter.substring(0, equals));
            if (!name.startsWith(NEAR_CACHE_PREFIX)) {
                kept.add(parameter);
            } else if (equals < 0) {
                throw UriErrors.invalid(KIND, text, "parameter '" + name + "' has no value (write " + name + "=...)");
            } else if (near.put(name, decode(parameter.substring(equals + 1))) != null) {
                throw UriErrors.invalid(KIND, text, "parameter '" + name + "' is given twice");
            }
        }
        if (near.isEmpty()) {
            return new ManagerUri(uri, null);
        }
        NearCacheSettings settings = NearCacheSettings.of(NEAR_CACHE_PREFIX, near,
                problem -> UriErrors.invalid(KIND, text, problem));
        String rest = text.substring(0, question) + (kept.isEmpty() ? "" : "?" + String.join("&", kept))
                + text.substring(end);
        if (rest.matches("[A-Za-z][A-Za-z0-9+.-]*:")) {
            rest = rest + "/";
        }
        return new ManagerUri(URI.create(rest), settings);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
