package dev.stowage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One {@code redis-server} process started by a test on a free loopback port, in its own temporary
 * directory, with persistence off ({@code --save "" --appendonly no}).
 *
 * <p>It can be killed, or suspended and resumed (POSIX {@code SIGSTOP} / {@code SIGCONT}), for failure
 * tests. Every process still running at JVM exit is killed by a shutdown hook, and its directory
 * deleted. Thread-safe.
 */
public final class RedisProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Set<RedisProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> RUNNING.forEach(RedisProcess::close), "stowage-redis-shutdown"));
    }

    private final Process process;
    private final int port;
    private final Path dir;

    private RedisProcess(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /**
     * Starts {@code redis-server} ({@link RedisBinaries#server()}) bound to 127.0.0.1 on a free port and
     * waits until it logs that it accepts connections. A start that fails because the port was taken
     * meanwhile is retried on another port, twice.
     *
     * @param extraArgs further {@code redis-server} arguments, e.g. {@code List.of("--cluster-enabled",
     *     "yes")}; never null
     * @return the running server; never null
     * @throws IllegalStateException when the server does not become ready within 15 seconds (the
     *     message holds the end of its log)
     */
    public static RedisProcess start(List<String> extraArgs) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return startOnce(LoopbackPorts.free(), extraArgs);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static RedisProcess startOnce(int port, List<String> extraArgs) {
        try {
            Path dir = Files.createTempDirectory("stowage-redis-" + port + "-");
            Path log = dir.resolve("redis.log");
            List<String> command = new ArrayList<>(List.of(RedisBinaries.server().toString(),
                    "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no",
                    "--dir", dir.toString()));
            command.addAll(extraArgs);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            RedisProcess server = new RedisProcess(process, port, dir);
            RUNNING.add(server);
            server.awaitReady(log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server", e);
        }
    }

    private void awaitReady(Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            if (text.contains("Ready to accept connections")) {
                return;
            }
            if (!process.isAlive()) {
                close();
                throw new IllegalStateException("redis-server on 127.0.0.1:" + port + " exited: "
                        + tail(text));
            }
            pause(Duration.ofMillis(20));
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        close();
        throw new IllegalStateException("redis-server on 127.0.0.1:" + port + " not ready within "
                + START_TIMEOUT + ": " + tail(text));
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The port the server listens on, on 127.0.0.1.
     *
     * @return a port number in 1..65535
     */
    public int port() {
        return port;
    }

    /**
     * The server's address as a Redis URL.
     *
     * @return {@code redis://127.0.0.1:<port>}; never null
     */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * Whether the process is still running (suspended counts as running).
     *
     * @return true until it is killed or closed, or exits by itself
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Suspends the process ({@code kill -STOP}): it keeps its connections but answers nothing, as a
     * hung server would. Undo with {@link #resume()}. POSIX systems only.
     *
     * @throws IllegalStateException when the signal cannot be sent
     */
    public void suspend() {
        signal("-STOP");
    }

    /**
     * Resumes a process suspended by {@link #suspend()} ({@code kill -CONT}).
     *
     * @throws IllegalStateException when the signal cannot be sent
     */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        CommandLine.Result result = CommandLine.run(Duration.ofSeconds(5),
                List.of("kill", signal, Long.toString(process.pid())));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed: "
                    + result.output());
        }
    }

    /**
     * Kills the process at once ({@code SIGKILL}) and waits until it is gone, keeping its directory.
     * Does nothing when it is already gone.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Kills the process (see {@link #kill()}) and deletes its temporary directory. Idempotent.
     */
    @Override
    public void close() {
        kill();
        RUNNING.remove(this);
        deleteTree(dir);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /**
     * Describes the server by its address.
     *
     * @return e.g. {@code "redis-server 127.0.0.1:6390"}
     */
    @Override
    public String toString() {
        return "redis-server 127.0.0.1:" + port;
    }
}
