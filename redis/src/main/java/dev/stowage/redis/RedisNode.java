package dev.stowage.redis;

import java.util.Objects;

/**
 * One server named in a Redis URI: a host and a port. Immutable and thread-safe.
 *
 * @param host a host name, an IPv4 address, or an IPv6 address without brackets; not empty
 * @param port the TCP port, 1 to 65535
 */
public record RedisNode(String host, int port) {

    /**
     * Checks the parts.
     *
     * @param host a host name, an IPv4 address, or an IPv6 address without brackets; not empty
     * @param port the TCP port, 1 to 65535
     * @throws NullPointerException if {@code host} is {@code null}
     * @throws IllegalArgumentException if {@code host} is empty or {@code port} out of range (named)
     */
    public RedisNode {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("a Redis node needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Redis node port " + port + " is not between 1 and 65535");
        }
    }

    /**
     * The address in the form Redisson expects.
     *
     * @param tls whether to connect with TLS
     * @return e.g. {@code redis://127.0.0.1:6379}, {@code rediss://[::1]:6380}
     */
    public String address(boolean tls) {
        return (tls ? "rediss://" : "redis://") + this;
    }

    /**
     * The node as written in a URI.
     *
     * @return {@code host:port}, an IPv6 host in brackets
     */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
