package dev.stowage.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the tests find a Redis server: the shared one named by {@code STOWAGE_REDIS_URL}, or one
 * they start themselves (see the project's DESIGN.md, section Tests).
 *
 * <p>Tests using the shared server must keep to their own keys (a random prefix per test class) and
 * delete them afterwards: other programs use the same server. Thread-safe.
 */
public final class RedisServers {

    /** The environment variable naming the shared Redis server's URL. */
    public static final String URL_VARIABLE = "STOWAGE_REDIS_URL";

    /** The URL used when {@link #URL_VARIABLE} is not set. */
    public static final String DEFAULT_URL = "redis://127.0.0.1:6379";

    private static String standalone;

    private RedisServers() {
    }

    /**
     * The URL of a usable standalone Redis server, decided once per JVM: {@code STOWAGE_REDIS_URL}
     * (default {@code redis://127.0.0.1:6379}) when a server answers {@code PING} there, else a
     * {@code redis-server} this class starts on a free loopback port ({@link RedisProcess#start}),
     * stopped at JVM exit.
     *
     * <p>The answer is checked with {@code redis-cli -u URL ping} when redis-cli is on the PATH, else
     * by opening a TCP connection to the URL's host and port.
     *
     * @return a {@code redis://} or {@code rediss://} URL, possibly holding credentials; never null
     * @throws IllegalStateException when nothing answers and no server can be started
     */
    public static synchronized String standalone() {
        if (standalone == null) {
            String url = Optional.ofNullable(System.getenv(URL_VARIABLE)).filter(s -> !s.isBlank())
                    .orElse(DEFAULT_URL);
            standalone = answers(url) ? url : RedisProcess.start(List.of()).url();
        }
        return standalone;
    }

    /**
     * Starts a private standalone server (for tests that kill or suspend it). The caller closes it.
     *
     * @return the running server; never null
     * @throws IllegalStateException when it cannot be started (see {@link RedisProcess#start})
     */
    public static RedisProcess startPrivate() {
        return RedisProcess.start(List.of());
    }

    /**
     * Starts a 3-master Redis Cluster on loopback ports (see {@link RedisCluster#start()}). The caller
     * closes it.
     *
     * @return the running cluster, every slot served; never null
     * @throws IllegalStateException when it cannot be started or does not reach
     *     {@code cluster_state:ok}
     */
    public static RedisCluster startCluster() {
        return RedisCluster.start();
    }

    /**
     * Whether a Redis server answers at the URL.
     *
     * @param url a {@code redis://} URL; never null
     * @return true when {@code redis-cli ping} prints PONG (or, without redis-cli, when a TCP
     *     connection opens within one second)
     */
    static boolean answers(String url) {
        Optional<java.nio.file.Path> cli = RedisBinaries.onPath("redis-cli");
        if (cli.isPresent()) {
            try {
                CommandLine.Result result = CommandLine.run(Duration.ofSeconds(5),
                        List.of(cli.get().toString(), "--no-auth-warning", "-u", url, "ping"));
                return result.exitCode() == 0 && result.output().contains("PONG");
            } catch (RuntimeException e) {
                return false;
            }
        }
        URI uri = URI.create(url);
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
