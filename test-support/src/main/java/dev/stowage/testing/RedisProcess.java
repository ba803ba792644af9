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

    private volatile Process process;
    private final int port;
    private final Path dir;
    private final List<String> command;
    private final boolean tls;

    private RedisProcess(Process process, int port, Path dir, List<String> command, boolean tls) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.command = List.copyOf(command);
        this.tls = tls;
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
        return start(extraArgs, false);
    }

    /**
     * Starts {@code redis-server} speaking only TLS ({@code --port 0 --tls-port <free port>}) on
     * 127.0.0.1, as {@link #start(List)} does otherwise. The Redis build must support TLS (Debian's
     * does).
     *
     * @param tlsArgs the TLS arguments, e.g. {@code --tls-cert-file}, {@code --tls-key-file},
     *     {@code --tls-ca-cert-file}, {@code --tls-auth-clients yes}; never null
     * @return the running server, whose {@link #url()} is {@code rediss://127.0.0.1:<port>}; never null
     * @throws IllegalStateException when the server does not become ready within 15 seconds
     */
    public static RedisProcess startTls(List<String> tlsArgs) {
        return start(tlsArgs, true);
    }

    private static RedisProcess start(List<String> extraArgs, boolean tls) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return startOnce(LoopbackPorts.free(), extraArgs, tls);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static RedisProcess startOnce(int port, List<String> extraArgs, boolean tls) {
        Path dir;
        try {
            dir = Files.createTempDirectory("stowage-redis-" + port + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server", e);
        }
        List<String> command = new ArrayList<>(List.of(RedisBinaries.server().toString(),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--dir", dir.toString()));
        command.addAll(tls ? List.of("--port", "0", "--tls-port", Integer.toString(port))
                : List.of("--port", Integer.toString(port)));
        command.addAll(extraArgs);
        RedisProcess server = new RedisProcess(null, port, dir, command, tls);
        RUNNING.add(server);
        server.launch();
        return server;
    }

    private void launch() {
        Path log = dir.resolve("redis.log");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            awaitReady(log, Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8).length() : 0);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start redis-server", e);
        }
    }

    /**
     * Starts the server again after {@link #kill()}, on the same port with the same arguments and
     * directory (its data is gone: persistence is off), and waits until it is ready. Kills it first
     * when it is still running.
     *
     * @throws IllegalStateException when it does not become ready within 15 seconds (the port may
     *     have been taken meanwhile)
     */
    public void restart() {
        kill();
        launch();
    }

    private void awaitReady(Path log, int from) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String all = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            String text = all.length() > from ? all.substring(from) : "";
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
     * @return {@code redis://127.0.0.1:<port>}, {@code rediss://...} for a TLS server; never null
     */
    public String url() {
        return (tls ? "rediss" : "redis") + "://127.0.0.1:" + port;
    }

    /**
     * The process id, e.g. to name in a test's output.
     *
     * @return the pid of the current process
     */
    public long pid() {
        return process.pid();
    }

    /**
     * The server's log so far (every start of it), e.g. to explain a failure.
     *
     * @return the log's text, empty when there is none
     */
    public String log() {
        try {
            Path log = dir.resolve("redis.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of " + this, e);
        }
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
        Process process = this.process;
        if (process == null) {
            return;
        }
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
        return (tls ? "TLS " : "") + "redis-server 127.0.0.1:" + port;
    }
}
