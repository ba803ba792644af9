package dev.stowage.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the {@code redis-server} and {@code redis-cli} programs the test servers run.
 *
 * <p>{@code redis-server} is taken from the {@code PATH} first, else from the binaries that
 * {@code com.github.codemonstur:embedded-redis} ships as class-path resources (Linux x86-64 / arm64 /
 * i386, macOS), copied once per JVM into a temporary file. {@code redis-cli} is only ever taken from
 * the {@code PATH}: the embedded artifact ships none.
 *
 * <p>Thread-safe: every method may be called from any thread; the extraction happens at most once.
 */
public final class RedisBinaries {

    private static Path extracted;

    private RedisBinaries() {
    }

    /**
     * Looks an executable up in the directories of the {@code PATH} environment variable.
     *
     * @param name the program's file name, e.g. {@code "redis-server"}; never null
     * @return the first executable regular file of that name, or empty when there is none
     */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The {@code redis-server} program to start: the one on the {@code PATH}, else the embedded one.
     *
     * @return an executable file; never null
     * @throws IllegalStateException when none is on the PATH and no embedded binary fits this
     *     operating system and architecture (the message names both ways to fix it)
     */
    public static Path server() {
        return onPath("redis-server").orElseGet(RedisBinaries::embeddedServer);
    }

    /**
     * The {@code redis-cli} program, needed to create a Redis Cluster.
     *
     * @return an executable file on the PATH; never null
     * @throws IllegalStateException when there is none on the PATH (the message names the
     *     Debian package that ships it)
     */
    public static Path cli() {
        return onPath("redis-cli").orElseThrow(() -> new IllegalStateException(
                "redis-cli is not on the PATH; install it (Debian: apt-get install redis-tools)"));
    }

    private static synchronized Path embeddedServer() {
        if (extracted != null) {
            return extracted;
        }
        String resource = embeddedResourceName();
        try (InputStream in = RedisBinaries.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no redis-server on the PATH and no embedded binary "
                        + resource + " on the class path; install redis-server (Debian: apt-get install "
                        + "redis-server) or add com.github.codemonstur:embedded-redis");
            }
            Path file = Files.createTempFile("stowage-redis-server-", "");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            if (!file.toFile().setExecutable(true, true)) {
                throw new IllegalStateException("cannot make " + file + " executable");
            }
            file.toFile().deleteOnExit();
            extracted = file;
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the embedded redis-server " + resource, e);
        }
    }

    private static String embeddedResourceName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            if (arch.equals("amd64") || arch.equals("x86_64")) {
                return "redis-server-6.2.6-v5-linux-amd64";
            }
            if (arch.equals("aarch64") || arch.equals("arm64")) {
                return "redis-server-6.2.7-linux-arm64";
            }
            return "redis-server-6.2.7-linux-386";
        }
        if (os.contains("mac")) {
            return arch.equals("aarch64") ? "redis-server-6.2.6-v5-darwin-arm64"
                    : "redis-server-6.2.6-v5-darwin-amd64";
        }
        throw new IllegalStateException("no embedded redis-server for " + os + "/" + arch
                + "; install redis-server on the PATH");
    }
}
