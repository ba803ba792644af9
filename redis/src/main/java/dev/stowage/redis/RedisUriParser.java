package dev.stowage.redis;

import dev.stowage.common.Durations;
import dev.stowage.common.UriErrors;
import dev.stowage.common.UriMask;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the grammar {@link RedisUri} describes from one URI text. One instance per parse; not
 * thread-safe, and not needed to be.
 */
final class RedisUriParser {

    private static final Pattern NODE = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([A-Za-z0-9._-]+))(?::(\\d{1,5}))?");
    private static final Pattern DATABASE = Pattern.compile("\\d{1,5}");
    private static final String CLUSTER = "cluster";

    private final String text;
    private final RedisUri.Kind kind;
    private final Set<String> consumerParameters;
    private final String masked;

    RedisUriParser(String text, RedisUri.Kind kind, Set<String> consumerParameters) {
        this.text = text;
        this.kind = kind;
        this.consumerParameters = Set.copyOf(consumerParameters);
        this.masked = masked(text);
    }

    /** {@link UriMask#mask}, and without {@code ://}, where no password can be told apart, all after the first ':'. */
    private static String masked(String text) {
        if (text.contains("://") || text.indexOf('@') < 0) {
            return UriMask.mask(text);
        }
        return text.substring(0, text.indexOf(':') + 1) + UriMask.MASK;
    }

    RedisUri parse() {
        int separator = text.indexOf("://");
        if (separator < 0) {
            throw invalid("it must start with SCHEME:// where SCHEME is one of " + String.join(", ", kind.schemes()));
        }
        String scheme = text.substring(0, separator).toLowerCase(Locale.ROOT);
        if (!kind.schemes().contains(scheme)) {
            throw invalid("the scheme '" + text.substring(0, separator) + "' is not one of "
                    + String.join(", ", kind.schemes()));
        }
        String rest = text.substring(separator + 3);
        if (rest.indexOf('#') >= 0) {
            throw invalid("a fragment (#...) has no meaning here (percent-encode a '#' in a password as %23)");
        }
        String query = null;
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);

        int at = authority.lastIndexOf('@');
        String username = null;
        String password = null;
        if (at >= 0) {
            String info = authority.substring(0, at);
            int colon = info.indexOf(':');
            username = emptyToNull(decode(colon < 0 ? info : info.substring(0, colon)));
            password = colon < 0 ? null : emptyToNull(decode(info.substring(colon + 1)));
        }
        // Without '@' in the authority, an '@' further on may end user information whose password
        // holds an unescaped '/' or '?': then no part of the authority may be shown.
        boolean authorityMayHoldSecret = at < 0 && text.indexOf('@', separator) >= 0;
        List<RedisNode> nodes = new ArrayList<>();
        String hosts = authority.substring(at + 1);
        if (hosts.isEmpty()) {
            throw invalid("it names no host (write e.g. " + kind.schemes().get(0) + "://localhost:6379)");
        }
        for (String node : hosts.split(",", -1)) {
            nodes.add(node(node, authorityMayHoldSecret));
        }

        ParsedPath parsedPath = path(path);
        Map<String, String> given = query(query, scheme.startsWith("rediss") || scheme.startsWith("valkeys"));
        Duration timeout = given.containsKey("timeout") ? timeout(given.get("timeout")) : RedisUri.DEFAULT_TIMEOUT;
        Boolean clusterParameter = given.containsKey(CLUSTER) ? bool(CLUSTER, given.get(CLUSTER)) : null;
        List<RedisNode> extraNodes = given.containsKey("nodes") ? extraNodes(given.get("nodes")) : List.of();

        if (parsedPath.cluster && Boolean.FALSE.equals(clusterParameter)) {
            throw invalid("the path says /cluster but the parameters say cluster=false");
        }
        boolean cluster = parsedPath.cluster || Boolean.TRUE.equals(clusterParameter);
        if (cluster && parsedPath.database > 0) {
            throw invalid("a Redis Cluster has only database 0, not " + parsedPath.database);
        }
        if (!cluster && !extraNodes.isEmpty()) {
            throw invalid("nodes=... names cluster seed nodes: it needs /cluster as the path (or cluster=true)");
        }
        if (!cluster && nodes.size() > 1) {
            throw invalid("several hosts are cluster seed nodes: write /cluster as the path (e.g. "
                    + kind.schemes().get(0) + "://h1:7000,h2:7001/cluster) or cluster=true");
        }
        nodes.addAll(extraNodes);
        RedisTls tls = tls(given);
        Map<String, String> own = new LinkedHashMap<>(given);
        own.keySet().removeAll(RedisUri.COMMON_PARAMETERS);
        own.keySet().removeAll(RedisUri.TLS_PARAMETERS);
        return new RedisUri(scheme, kind, nodes, username, password, Math.max(parsedPath.database, 0), cluster,
                parsedPath.namespace, timeout, tls, own, masked);
    }

    /** The key and trust stores of the TLS parameters, read and checked. */
    private RedisTls tls(Map<String, String> given) {
        Path keyStore = store(given, "keyStore");
        Path trustStore = store(given, "trustStore");
        RedisTls stores = new RedisTls(keyStore, secret(given, "keyStorePassword"), trustStore,
                secret(given, "trustStorePassword"));
        if (!stores.configured()) {
            return RedisTls.DEFAULT;
        }
        try {
            stores.check();
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        return stores;
    }

    private Path store(Map<String, String> given, String name) {
        String value = given.get(name);
        boolean passwordGiven = given.containsKey(name + "Password") || given.containsKey(name + "PasswordEnv");
        if (value == null) {
            if (passwordGiven) {
                throw invalid("a password for " + name + " is given, but no " + name + "=FILE");
            }
            return null;
        }
        if (value.isEmpty()) {
            throw invalid(name + " must name a file (a PKCS#12 or JKS key store)");
        }
        try {
            return Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw invalid(name + " '" + value + "' is not a file path: " + e.getMessage());
        }
    }

    /** A password given as is ({@code name=...}) or through a variable ({@code nameEnv=VARIABLE}). */
    private String secret(Map<String, String> given, String name) {
        String literal = given.get(name);
        String variable = given.get(name + "Env");
        if (literal != null && variable != null) {
            throw invalid("give either " + name + " or " + name + "Env, not both");
        }
        if (variable == null) {
            return literal;
        }
        String value = System.getenv(variable);
        if (value == null) {
            value = System.getProperty(variable);
        }
        if (value == null) {
            throw invalid(name + "Env names the environment variable '" + variable
                    + "', which is not set (nor a system property of that name)");
        }
        return value;
    }

    /** A parsed path: database (-1 when not given), whether it says cluster, the namespace or null. */
    private record ParsedPath(int database, boolean cluster, String namespace) {
    }

    private ParsedPath path(String path) {
        if (path.isEmpty() || path.equals("/")) {
            return new ParsedPath(-1, false, null);
        }
        String[] segments = path.substring(1).split("/", -1);
        boolean store = kind == RedisUri.Kind.STORE;
        if (segments.length > (store ? 2 : 1) || segments[segments.length - 1].isEmpty()
                || !(DATABASE.matcher(segments[0]).matches() || segments[0].equals(CLUSTER))) {
            throw invalid(store
                    ? "the path must be /DB, /DB/namespace, /cluster or /cluster/namespace (DB a database number), not '"
                            + path + "'"
                    : "the path of a channels URI must be /DB or /cluster (DB a database number; name the keys with "
                            + "prefix=...), not '" + path + "'");
        }
        boolean cluster = segments[0].equals(CLUSTER);
        return new ParsedPath(cluster ? -1 : Integer.parseInt(segments[0]), cluster,
                segments.length == 2 ? decode(segments[1]) : null);
    }

    private Map<String, String> query(String query, boolean tls) {
        Map<String, String> given = new LinkedHashMap<>();
        if (query == null) {
            return given;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (equals < 0) {
                throw invalid("parameter '" + name + "' has no value (write " + name + "=...)");
            }
            if (given.put(name, decode(pair.substring(equals + 1))) != null) {
                throw invalid("parameter '" + name + "' is given twice");
            }
        }
        for (String name : given.keySet()) {
            if (name.equals("tls")) {
                throw invalid("there is no parameter 'tls': the scheme alone chooses TLS; write "
                        + kind.tlsScheme() + "://... (or valkeys" + kind.tlsScheme().substring("rediss".length())
                        + "://...)");
            }
            if (RedisUri.TLS_PARAMETERS.contains(name) && !tls) {
                throw invalid("parameter '" + name + "' is for TLS connections; write " + kind.tlsScheme() + "://...");
            }
            if (!RedisUri.COMMON_PARAMETERS.contains(name) && !RedisUri.TLS_PARAMETERS.contains(name)
                    && !consumerParameters.contains(name)) {
                Set<String> known = new HashSet<>(RedisUri.COMMON_PARAMETERS);
                known.addAll(consumerParameters);
                if (tls) {
                    known.addAll(RedisUri.TLS_PARAMETERS);
                }
                throw UriErrors.unknownParameter(RedisUri.KIND, masked, name, known);
            }
        }
        return given;
    }

    private RedisNode node(String written, boolean authorityMayHoldSecret) {
        Matcher matcher = NODE.matcher(written);
        int port = matcher.matches() && matcher.group(3) != null ? Integer.parseInt(matcher.group(3)) : RedisUri.DEFAULT_PORT;
        if (!matcher.matches() || port < 1 || port > 65535) {
            if (authorityMayHoldSecret) {
                throw invalid("its authority is not [user[:password]@]host[:port]; percent-encode a '/', '?', '#' "
                        + "or '@' in a user name or password (%2F, %3F, %23, %40)");
            }
            throw invalid("node '" + written + "' is not host[:port] with a port from 1 to 65535");
        }
        return new RedisNode(matcher.group(1) != null ? matcher.group(1) : matcher.group(2), port);
    }

    private List<RedisNode> extraNodes(String value) {
        List<RedisNode> nodes = new ArrayList<>();
        for (String node : value.split(",", -1)) {
            nodes.add(node(node, false));
        }
        return nodes;
    }

    private Duration timeout(String value) {
        Duration timeout;
        try {
            timeout = Durations.parse("timeout", value);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (timeout.compareTo(Duration.ofMillis(1)) < 0) {
            throw invalid("timeout '" + value + "' must be at least 1ms");
        }
        if (timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
            throw invalid("timeout '" + value + "' must be at most " + Durations.format(Duration.ofMillis(Integer.MAX_VALUE)));
        }
        return timeout;
    }

    private boolean bool(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name + " '" + value + "' must be true or false");
        };
    }

    private String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("it holds a malformed %-escape (write a '%' as %25)");
        }
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private IllegalArgumentException invalid(String problem) {
        return RedisUri.invalid(masked, problem);
    }
}
