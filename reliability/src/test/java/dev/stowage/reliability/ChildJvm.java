package dev.stowage.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running {@link FileWorker} on this test's class path, its standard output read line by
 * line; standard error goes to the test's. The caller kills or awaits it. Not thread-safe.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final BufferedReader output;

    private ChildJvm(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
    }

    /**
     * Starts {@code java -cp <test class path> dev.stowage.reliability.FileWorker <arguments>}.
     *
     * @param umask a {@code umask} to run it under (through {@code /bin/sh}), or {@code null} for the
     *     test's own
     * @param arguments the worker's arguments
     * @return the running JVM
     */
    static ChildJvm start(String umask, String... arguments) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        if (umask != null) {
            command.addAll(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$0\" \"$@\""));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", classPath,
                FileWorker.class.getName()));
        command.addAll(List.of(arguments));
        try {
            return new ChildJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * Reads the next line the worker printed.
     *
     * @return the line, or {@code null} at the end of its output
     */
    String readLine() {
        try {
            return output.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Tells the worker to go on (it waits for a line on its standard input).
     */
    void go() {
        try {
            process.getOutputStream().write("go\n".getBytes(UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits for the worker to end and returns the rest of its output.
     *
     * @param timeout how long to wait
     * @return the lines not read yet
     * @throws AssertionError when it does not end in time or exits with an error
     */
    List<String> finish(Duration timeout) {
        List<String> lines = new ArrayList<>();
        for (String line = readLine(); line != null; line = readLine()) {
            lines.add(line);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("worker did not end within " + timeout + "; output " + lines);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("worker exited with " + process.exitValue() + "; output " + lines);
        }
        return lines;
    }

    /**
     * Kills the worker with {@code SIGKILL} and waits until it is gone. What it printed before stays
     * readable ({@link Process#destroyForcibly()} would close the pipe; its handle's does not).
     *
     * @return its exit status (137 after {@code SIGKILL})
     */
    int kill() {
        process.toHandle().destroyForcibly();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Kills the worker if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /**
     * Sums {@code name=N} lines.
     *
     * @param lines the output lines
     * @param name the figure's name
     * @return the sum, 0 when none
     */
    static long sum(List<String> lines, String name) {
        return lines.stream().filter(line -> line.startsWith(name + "="))
                .mapToLong(line -> Long.parseLong(line.substring(name.length() + 1))).sum();
    }
}
