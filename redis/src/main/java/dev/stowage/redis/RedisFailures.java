package dev.stowage.redis;

import dev.stowage.common.Durations;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.redisson.client.RedisAuthRequiredException;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisTimeoutException;
import org.redisson.client.RedisWrongPasswordException;

/**
 * Says in one sentence why a Redis connection or call failed, for stores and channels alike: the
 * cause Redisson buries in its exception chain (a refused password, a missing one, an ACL
 * permission, an untrusted or mismatching TLS certificate, a missing client certificate, a server
 * that is down or does not answer), named first, with the server's address, never a password.
 *
 * <p>What it recognizes, walking the whole cause chain:
 * <ul>
 * <li>{@code WRONGPASS} (Redis 6+: wrong password or unknown user) and {@code NOAUTH} (a password is
 *     needed), the reply text of Redis's {@code AUTH} / {@code HELLO}, which never holds the
 *     password;</li>
 * <li>{@code NOPERM}: the ACL user may not run that command or touch that key;</li>
 * <li>TLS: a server certificate no trust store vouches for ({@code PKIX path building failed}), one
 *     that does not name the host connected to, and a server that requires a client certificate
 *     ({@code tls-auth-clients yes}: the alert {@code certificate_required} or
 *     {@code bad_certificate});</li>
 * <li>a refused or lost connection, and Redisson's "Unable to write command into connection! ...
 *     increase nettyThreads", which it throws while the server is down: the server is
 *     unreachable;</li>
 * <li>a command or connect timeout: the server did not answer within the timeout.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class RedisFailures {

    /** {@code addr=redis://host:port} in Redisson's messages: the node a command went to. */
    private static final Pattern NODE_ADDRESS = Pattern.compile("addr=rediss?://([^\\s\\],]+)");
    /** {@code R:host/ip:port} in Netty's description of a channel: the server end. */
    private static final Pattern REMOTE_ADDRESS = Pattern.compile("R:[^\\s/]*/([^\\s\\],]+:\\d+)");
    /** Password-like text Redisson may quote in a message (an {@code AUTH} command's parameters). */
    private static final Pattern PARAMS = Pattern.compile("params: \\[[^]]*]");

    /** What went wrong, in the order the description checks for it. */
    public enum Kind {
        /** {@code WRONGPASS}: the server refused the user name and password. */
        WRONG_CREDENTIALS,
        /** {@code NOAUTH}: the server wants a password and none was given. */
        NO_CREDENTIALS,
        /** {@code NOPERM}: the ACL user may not run the command or touch the key. */
        NO_PERMISSION,
        /** The server's certificate is not trusted. */
        TLS_UNTRUSTED,
        /** The server's certificate does not name the host connected to. */
        TLS_HOST_MISMATCH,
        /** The server requires a client certificate and got none it accepts. */
        TLS_CLIENT_CERTIFICATE,
        /** Another TLS failure. */
        TLS_OTHER,
        /** The server refused or lost the connection, or cannot be written to. */
        UNREACHABLE,
        /** The server did not answer within the timeout. */
        TIMEOUT,
        /** Anything else: the server's own error reply, for instance. */
        OTHER
    }

    private RedisFailures() {
    }

    /**
     * Tells what kind of failure {@code failure} is, from its whole cause chain.
     *
     * @param failure what Redisson threw, not {@code null}
     * @return the kind; {@link Kind#OTHER} when nothing known is found
     */
    public static Kind kind(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            String text = text(t);
            if (t instanceof RedisWrongPasswordException || text.startsWith("WRONGPASS")) {
                return Kind.WRONG_CREDENTIALS;
            }
            if (t instanceof RedisAuthRequiredException || text.startsWith("NOAUTH")) {
                return Kind.NO_CREDENTIALS;
            }
            if (text.startsWith("NOPERM")) {
                return Kind.NO_PERMISSION;
            }
        }
        Kind tls = tlsKind(chain);
        if (tls != null) {
            return tls;
        }
        for (Throwable t : chain) {
            if (t instanceof RedisTimeoutException || t instanceof io.netty.channel.ConnectTimeoutException
                    || text(t).startsWith("Command execution timeout")) {
                return Kind.TIMEOUT;
            }
        }
        for (Throwable t : chain) {
            if (t instanceof RedisConnectionException || t instanceof ConnectException
                    || t instanceof ClosedChannelException || text(t).contains("Connection reset")
                    || text(t).contains("Channel is closed")) {
                return Kind.UNREACHABLE;
            }
        }
        return Kind.OTHER;
    }

    private static Kind tlsKind(List<Throwable> chain) {
        boolean tls = false;
        for (Throwable t : chain) {
            String text = text(t).toLowerCase(Locale.ROOT);
            if (text.contains("pkix path") || text.contains("unable to find valid certification path")) {
                return Kind.TLS_UNTRUSTED;
            }
            if (text.contains("no subject alternative") || text.contains("no name matching")) {
                return Kind.TLS_HOST_MISMATCH;
            }
            if (text.contains("certificate_required") || text.contains("bad_certificate")) {
                return Kind.TLS_CLIENT_CERTIFICATE;
            }
            tls |= t instanceof SSLException || t instanceof CertificateException;
        }
        return tls ? Kind.TLS_OTHER : null;
    }

    /**
     * Describes a failure of the server(s) at {@code nodes}: what went wrong, where, and what to do.
     *
     * @param failure what Redisson threw, not {@code null}
     * @param nodes the configured nodes, e.g. {@code 127.0.0.1:6379}; used when the failure does not
     *     name the node itself; not {@code null}
     * @param timeout the connect and command timeout, or {@code null} when unknown (a client the
     *     caller configured)
     * @return e.g. {@code the Redis server at 127.0.0.1:6379 is unreachable (Connection refused)};
     *     never a password
     */
    public static String describe(Throwable failure, String nodes, Duration timeout) {
        Kind kind = kind(failure);
        String node = node(failure, nodes);
        String at = (node.contains(",") ? "the Redis Cluster at " : "the Redis server at ") + node;
        String detail = detail(kind, failure);
        return switch (kind) {
            case WRONG_CREDENTIALS -> at + " refused the credentials: " + detail
                    + " (check the user and password of the URI)";
            case NO_CREDENTIALS -> at + " requires a password: " + detail
                    + " (give user:password@ in the URI)";
            case NO_PERMISSION -> at + " refused the command to this ACL user: " + detail;
            case TLS_UNTRUSTED -> at + " presented a TLS certificate that is not trusted (" + detail
                    + "); give its CA in trustStore=... or the JVM's javax.net.ssl.trustStore";
            case TLS_HOST_MISMATCH -> at + " presented a TLS certificate for another host name (" + detail + ")";
            case TLS_CLIENT_CERTIFICATE -> at + " requires a TLS client certificate it trusts (" + detail
                    + "); give it in keyStore=...";
            case TLS_OTHER -> "the TLS handshake with " + at.substring(4) + " failed: " + detail;
            case UNREACHABLE -> at + " is unreachable (" + detail + "); Redisson reconnects when it answers again";
            case TIMEOUT -> at + " did not answer within " + (timeout == null ? "the command timeout"
                    : Durations.format(timeout));
            case OTHER -> at + " failed: " + detail;
        };
    }

    /**
     * Describes a failure of the servers of {@code uri}, as {@link #describe(Throwable, String, Duration)}
     * does with its nodes and timeout.
     *
     * @param failure what Redisson threw, not {@code null}
     * @param uri the URI the client was made from, or {@code null} for a client the caller configured
     * @param fallback how to name the server when {@code uri} is {@code null} and the failure names no
     *     node, not {@code null}
     * @return the description; never a password
     */
    public static String describe(Throwable failure, RedisUri uri, String fallback) {
        return uri == null ? describe(failure, fallback, null)
                : describe(failure, uri.connection().nodes(), uri.timeout());
    }

    /** The node the failure names ({@code addr=redis://host:port}, {@code R:host/ip:port}), else the configured nodes. */
    private static String node(Throwable failure, String nodes) {
        for (Pattern pattern : List.of(NODE_ADDRESS, REMOTE_ADDRESS)) {
            for (Throwable t : chain(failure)) {
                Matcher matcher = pattern.matcher(text(t));
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
        }
        return nodes;
    }

    /** The innermost message that says something about {@code kind}, shortened; never a password. */
    private static String detail(Kind kind, Throwable failure) {
        List<Throwable> chain = chain(failure);
        String found = null;
        for (Throwable t : chain) {
            String text = text(t);
            boolean fits = switch (kind) {
                case WRONG_CREDENTIALS -> text.startsWith("WRONGPASS");
                case NO_CREDENTIALS -> text.startsWith("NOAUTH");
                case NO_PERMISSION -> text.startsWith("NOPERM");
                case TLS_UNTRUSTED, TLS_HOST_MISMATCH, TLS_CLIENT_CERTIFICATE, TLS_OTHER ->
                        t instanceof SSLException || t instanceof CertificateException;
                case UNREACHABLE -> t instanceof ConnectException || t instanceof ClosedChannelException
                        || text.contains("Connection reset") || text.contains("Channel is closed");
                default -> !text.isEmpty();
            };
            if (fits && !text.isEmpty()) {
                found = text;
            }
        }
        if (found == null || (kind == Kind.UNREACHABLE && found.indexOf(' ') < 0)) {
            found = kind == Kind.UNREACHABLE ? "connection refused or closed" : text(chain.get(chain.size() - 1));
        }
        found = PARAMS.matcher(found).replaceAll("params: [...]");
        int channel = found.indexOf(" channel: [");
        if (channel > 0) {
            found = found.substring(0, channel).replaceAll("\\.+$", ".");
        }
        int newline = found.indexOf('\n');
        if (newline >= 0) {
            found = found.substring(0, newline);
        }
        return found.length() > 300 ? found.substring(0, 300) + "..." : found;
    }

    private static String text(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getMessage().strip();
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
            for (Throwable suppressed : t.getSuppressed()) {
                if (seen.add(suppressed)) {
                    chain.add(suppressed);
                }
            }
        }
        return chain;
    }
}
