package dev.stowage.channels;

import dev.stowage.common.Durations;
import dev.stowage.common.UriErrors;
import dev.stowage.common.UriMask;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed channels backend URI: {@code scheme:[//[user[:password]@]host[:port][,host[:port]...]][/path][?name=value&...]}.
 *
 * <p>Unlike {@link java.net.URI} it accepts {@code memory:} (nothing after the scheme) and several
 * comma-separated hosts (cluster seed nodes). User, password and parameter values are
 * percent-decoded. {@link #toString()} never shows the password (it shows {@value UriMask#MASK}
 * instead). Immutable and thread-safe.
 */
public final class ChannelsUri {

    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

    private final String text;
    private final String scheme;
    private final String user;
    private final String password;
    private final List<HostPort> hosts;
    private final String path;
    private final Map<String, String> parameters;

    private ChannelsUri(String text, String scheme, String user, String password, List<HostPort> hosts,
                        String path, Map<String, String> parameters) {
        this.text = text;
        this.scheme = scheme;
        this.user = user;
        this.password = password;
        this.hosts = List.copyOf(hosts);
        this.path = path;
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    /**
     * Parses a URI.
     *
     * @param uri the text, e.g. {@code "redis-stream://:secret@127.0.0.1:6379/0?history=10"}; never null
     * @return the parsed URI; never null
     * @throws NullPointerException when {@code uri} is null
     * @throws IllegalArgumentException when it has no lower-case scheme, a bad port, an empty host or
     *     a repeated parameter (the message shows the URI without its password)
     */
    public static ChannelsUri parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        int colon = uri.indexOf(':');
        if (colon <= 0 || !SCHEME.matcher(uri.substring(0, colon)).matches()) {
            throw new IllegalArgumentException("channels backend URI has no lower-case scheme: '"
                    + UriMask.mask(uri) + "' (expected e.g. memory: or redis-stream://host:port)");
        }
        String scheme = uri.substring(0, colon);
        String rest = uri.substring(colon + 1);
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        String user = null;
        String password = null;
        List<HostPort> hosts = new ArrayList<>();
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            rest = slash < 0 ? "" : rest.substring(slash);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                String userInfo = authority.substring(0, at);
                authority = authority.substring(at + 1);
                int sep = userInfo.indexOf(':');
                user = decode(sep < 0 ? userInfo : userInfo.substring(0, sep));
                password = sep < 0 ? null : decode(userInfo.substring(sep + 1));
                if (user.isEmpty()) {
                    user = null;
                }
            }
            for (String host : authority.split(",", -1)) {
                hosts.add(HostPort.parse(host, uri));
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (parameters.put(name, value) != null) {
                throw new IllegalArgumentException("parameter '" + name + "' given twice in " + UriMask.mask(uri));
            }
        }
        return new ChannelsUri(uri, scheme, user, password, hosts, rest, parameters);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * The URI exactly as given to {@link #parse}, password included, for a backend that reads a
     * grammar of its own from it (the Redis backends do). Never print it: {@link #toString()} is the
     * printable form.
     *
     * @return the text; never null
     */
    public String text() {
        return text;
    }

    /**
     * The scheme, lower case.
     *
     * @return e.g. {@code "redis-stream"}; never null
     */
    public String scheme() {
        return scheme;
    }

    /**
     * The user name of the authority.
     *
     * @return the decoded user, or empty when none (or empty) was given
     */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /**
     * The password of the authority. Never logged nor shown by {@link #toString()}.
     *
     * @return the decoded password, or empty when none was given
     */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /**
     * The hosts of the authority, in the order given.
     *
     * @return the hosts; empty when the URI has no {@code //} authority; never null
     */
    public List<HostPort> hosts() {
        return hosts;
    }

    /**
     * The path after the authority.
     *
     * @return e.g. {@code "/0"}; empty string when none; never null
     */
    public String path() {
        return path;
    }

    /**
     * The query parameters, decoded, in the order given.
     *
     * @return an unmodifiable map; never null
     */
    public Map<String, String> parameters() {
        return parameters;
    }

    /**
     * Rejects any parameter not in {@code known}.
     *
     * @param known the parameter names the backend understands; never null
     * @throws IllegalArgumentException naming the first unknown parameter and the known ones
     */
    public void requireOnly(Set<String> known) {
        for (String name : parameters.keySet()) {
            if (!known.contains(name)) {
                throw UriErrors.unknownParameter("Channels backend", text, name, known);
            }
        }
    }

    /**
     * An integer parameter.
     *
     * @param name the parameter's name; never null
     * @param fallback the value when the parameter is absent
     * @param min the smallest value allowed
     * @return the value, {@code >= min}
     * @throws IllegalArgumentException when the value is not an integer or below {@code min}
     *     (the message names the parameter and the value)
     */
    public long longParameter(String name, long fallback, long min) {
        String text = parameters.get(name);
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' is not an integer: '" + text
                    + "' in " + this, e);
        }
        if (value < min) {
            throw new IllegalArgumentException("parameter '" + name + "' must be >= " + min + ", was "
                    + value + " in " + this);
        }
        return value;
    }

    /**
     * An {@code int} parameter.
     *
     * @param name the parameter's name; never null
     * @param fallback the value when the parameter is absent
     * @param min the smallest value allowed
     * @return the value, between {@code min} and {@link Integer#MAX_VALUE}
     * @throws IllegalArgumentException when the value is not an integer, below {@code min} or above
     *     {@link Integer#MAX_VALUE} (the message names the parameter and the value)
     */
    public int intParameter(String name, int fallback, int min) {
        long value = longParameter(name, fallback, min);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter '" + name + "' must be <= " + Integer.MAX_VALUE
                    + ", was " + value + " in " + this);
        }
        return (int) value;
    }

    /**
     * A duration parameter, in the one duration syntax of Stowage ({@link Durations}: {@code 500ms},
     * {@code 3s}, {@code 1m}, {@code 2h}, {@code 1d}, {@code PT5M}; a bare number is an error).
     *
     * @param name the parameter's name; never null
     * @param fallback the value when the parameter is absent; never null
     * @param min the shortest value allowed; never null
     * @return the value, {@code >= min}
     * @throws IllegalArgumentException when the value is not a duration or is shorter than
     *     {@code min} (the message names the parameter, the value and this URI without password)
     */
    public Duration durationParameter(String name, Duration fallback, Duration min) {
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(min, "min");
        String value = parameters.get(name);
        if (value == null) {
            return fallback;
        }
        Duration duration;
        try {
            duration = Durations.parse(name, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " in " + this, e);
        }
        if (duration.compareTo(min) < 0) {
            throw new IllegalArgumentException(name + " '" + value + "' must be at least " + Durations.format(min)
                    + " in " + this);
        }
        return duration;
    }

    /**
     * A boolean parameter: {@code true} or {@code false}, any case.
     *
     * @param name the parameter's name; never null
     * @param fallback the value when the parameter is absent
     * @return the value
     * @throws IllegalArgumentException when the value is neither (the message names it)
     */
    public boolean booleanParameter(String name, boolean fallback) {
        String text = parameters.get(name);
        if (text == null) {
            return fallback;
        }
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be true or false, was '" + text
                + "' in " + this);
    }

    /**
     * The URI without its password ({@value UriMask#MASK} stands in for it).
     *
     * @return a printable form; never null
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(scheme).append(':');
        if (!hosts.isEmpty()) {
            out.append("//");
            if (user != null || password != null) {
                out.append(user == null ? "" : user).append(password == null ? "" : ":" + UriMask.MASK).append('@');
            }
            out.append(String.join(",", hosts.stream().map(HostPort::toString).toList()));
        }
        out.append(path);
        if (!parameters.isEmpty()) {
            out.append('?');
            out.append(String.join("&", parameters.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        return out.toString();
    }

    /**
     * One host of a URI's authority.
     *
     * @param host the host name or address (IPv6 without brackets); never null nor empty
     * @param port the port, or -1 when none was given
     */
    public record HostPort(String host, int port) {

        static HostPort parse(String text, String uri) {
            String host = text;
            int port = -1;
            int colon = text.lastIndexOf(':');
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed IPv6 address '" + text + "' in "
                            + UriMask.mask(uri));
                }
                host = text.substring(1, close);
                colon = text.indexOf(':', close);
            } else if (colon >= 0) {
                host = text.substring(0, colon);
            }
            if (colon >= 0) {
                String portText = text.substring(colon + 1);
                try {
                    port = Integer.parseInt(portText);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad port '" + portText + "' in " + UriMask.mask(uri), e);
                }
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("port out of range: " + port + " in " + UriMask.mask(uri));
                }
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException("empty host in " + UriMask.mask(uri));
            }
            return new HostPort(host, port);
        }

        /**
         * The port, or a default when none was given.
         *
         * @param fallback the scheme's default port
         * @return the port
         */
        public int portOr(int fallback) {
            return port < 0 ? fallback : port;
        }

        /**
         * The host and port as written in a URI.
         *
         * @return e.g. {@code "127.0.0.1:6379"} or {@code "[::1]:6379"}
         */
        @Override
        public String toString() {
            String h = host.contains(":") ? "[" + host + "]" : host;
            return port < 0 ? h : h + ":" + port;
        }
    }
}
