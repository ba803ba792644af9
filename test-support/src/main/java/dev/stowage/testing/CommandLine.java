package dev.stowage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short external command (such as {@code redis-cli}) and returns what it printed.
 *
 * <p>Thread-safe: each call starts its own process.
 */
final class CommandLine {

    private CommandLine() {
    }

    /**
     * Runs the command, standard error merged into standard output.
     *
     * @param timeout how long to wait before the process is killed; never null
     * @param command the program and its arguments; never empty
     * @return the exit code and the printed text
     * @throws IllegalStateException when the process does not end within {@code timeout}
     * @throws UncheckedIOException when the program cannot be started
     */
    static Result run(Duration timeout, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[][] output = new byte[1][];
            Thread reader = new Thread(() -> {
                try {
                    output[0] = process.getInputStream().readAllBytes();
                } catch (IOException e) {
                    output[0] = new byte[0];
                }
            }, "stowage-command-output");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not end within " + timeout);
            }
            reader.join(timeout.toMillis());
            String text = output[0] == null ? "" : new String(output[0], StandardCharsets.UTF_8);
            return new Result(process.exitValue(), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    /**
     * What a finished command left.
     *
     * @param exitCode the process's exit code
     * @param output standard output and standard error, decoded as UTF-8; never null
     */
    record Result(int exitCode, String output) {
    }
}
