package dev.stowage.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of one scenario (faults injected, calls made, errors, recovery time, data lost), printed
 * on standard output as one line {@code [reliability] <scenario>: name=value, ...} and appended to
 * {@code target/reliability-figures.txt}, from which docs/reliability.md takes them. Not thread-safe:
 * fill it from the test thread.
 */
final class Figures {

    private static final Path FILE = Path.of("target", "reliability-figures.txt");

    private final String scenario;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Figures(String scenario) {
        this.scenario = scenario;
    }

    /**
     * Starts the figures of a scenario.
     *
     * @param scenario e.g. {@code redis kill/restart under 4 threads}
     * @return empty figures
     */
    static Figures of(String scenario) {
        return new Figures(scenario);
    }

    /**
     * Records one figure; a later value of the same name replaces it.
     *
     * @param name e.g. {@code calls}
     * @param value e.g. {@code 12345} or {@code "480 ms"}
     * @return these figures
     */
    Figures put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    /** Prints the line and appends it to the figures file. */
    void print() {
        String line = "[reliability] " + scenario + ": " + values.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        System.out.println(line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + FILE, e);
        }
    }
}
