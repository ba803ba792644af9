package dev.stowage.store.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.store.NamespacedStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes on one file store directory: child JVMs run {@link FileStoreWorker} on the test
 * class path.
 */
class FileStoreProcessTest {

    private static final int HAMMER_ITERATIONS = 400;
    private static final long PROCESS_TIMEOUT_SECONDS = 180;
    private static final int COUNTER_ITERATIONS = 200;
    private static final int WRITE_LOOP_MILLIS = 3000;

    @TempDir
    Path directory;

    private static List<String> javaCommand(String... arguments) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-Xshare:auto", "-cp", classPath, FileStoreWorker.class.getName()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static List<String> finish(Process process, BufferedReader output) throws Exception {
        List<String> lines = new ArrayList<>();
        if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("worker did not finish within " + PROCESS_TIMEOUT_SECONDS + " s");
        }
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            lines.add(line);
        }
        assertThat(process.exitValue()).as("worker exit status, output %s", lines).isZero();
        return lines;
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
    }

    private static long sum(List<List<String>> outputs, String name) {
        return outputs.stream().flatMap(List::stream).filter(line -> line.startsWith(name + "="))
                .mapToLong(line -> Long.parseLong(line.substring(name.length() + 1))).sum();
    }

    @Test
    void twoJvmsHammeringSharedKeysLeaveExactCounts() throws Exception {
        List<Process> processes = new ArrayList<>();
        List<BufferedReader> readers = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Process process = start(javaCommand(directory.toString(), "hammer", Integer.toString(HAMMER_ITERATIONS)));
                processes.add(process);
                readers.add(reader(process));
            }
            List<List<String>> outputs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                outputs.add(finish(processes.get(i), readers.get(i)));
            }
            try (FileStore root = FileStore.open(directory)) {
                NamespacedStore store = root.withNamespace(FileStoreWorker.NAMESPACE);
                assertThat(new String(store.get("counter"), UTF_8)).isEqualTo(Integer.toString(2 * HAMMER_ITERATIONS));
                assertThat(sum(outputs, "claimed")).isEqualTo(FileStoreWorker.SLOTS);
                long replaced = sum(outputs, "replaced");
                assertThat(replaced).isPositive();
                assertThat(new String(store.get("cas"), UTF_8)).isEqualTo(Long.toString(replaced));
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    @Test
    void threadsOfTwoJvmsComputingOnSharedKeysNeverFailAndLeaveExactCounts() throws Exception {
        assertThat(FileStoreWorker.COUNTER_KEYS.stream().map(key -> Names.stripe(Names.entryFile(key), LockTable.STRIPES)).distinct())
                .as("the counter keys lie in distinct lock stripes").hasSameSizeAs(FileStoreWorker.COUNTER_KEYS);
        List<Process> processes = new ArrayList<>();
        List<BufferedReader> readers = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Process process = start(javaCommand(directory.toString(), "counters", Integer.toString(COUNTER_ITERATIONS)));
                processes.add(process);
                readers.add(reader(process));
                assertThat(readers.get(i).readLine()).isEqualTo("ready");
            }
            for (Process process : processes) {
                OutputStream go = process.getOutputStream();
                go.write("go\n".getBytes(UTF_8));
                go.flush();
            }
            List<List<String>> outputs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                outputs.add(finish(processes.get(i), readers.get(i)));
            }
            assertThat(sum(outputs, "errors")).as("errors; outputs %s", outputs).isZero();
            long increments = 2L * FileStoreWorker.COUNTER_THREADS * COUNTER_ITERATIONS;
            assertThat(sum(outputs, "done")).isEqualTo(increments);
            try (FileStore root = FileStore.open(directory)) {
                NamespacedStore store = root.withNamespace(FileStoreWorker.NAMESPACE);
                for (String key : FileStoreWorker.COUNTER_KEYS) {
                    assertThat(new String(store.get(key), UTF_8)).as(key)
                            .isEqualTo(Long.toString(increments / FileStoreWorker.COUNTER_KEYS.size()));
                }
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    @Test
    void writesNeverFailWhileAnotherJvmClearsTheNamespace() throws Exception {
        Process writer = start(javaCommand(directory.toString(), "writeloop", Integer.toString(WRITE_LOOP_MILLIS)));
        try {
            BufferedReader output = reader(writer);
            assertThat(output.readLine()).isEqualTo("ready");
            long clears = 0;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(PROCESS_TIMEOUT_SECONDS));
            try (FileStore root = FileStore.open(directory)) {
                NamespacedStore store = root.withNamespace(FileStoreWorker.NAMESPACE);
                while (writer.isAlive() && Instant.now().isBefore(deadline)) {
                    store.deleteAll();
                    clears++;
                }
                List<String> lines = finish(writer, output);
                assertThat(sum(List.of(lines), "errors")).as("errors; output %s", lines).isZero();
                assertThat(sum(List.of(lines), "done")).isPositive();
                assertThat(clears).isPositive();
                store.set("after", "the race", null);
                assertThat(new String(store.get("after"), UTF_8)).isEqualTo("the race");
            }
        } finally {
            writer.destroyForcibly();
        }
    }

    @Test
    void aWriterKilledMidWriteLeavesEveryEntryAtItsOldOrNewValue() throws Exception {
        int keys = 8;
        try (FileStore root = FileStore.open(directory)) {
            NamespacedStore store = root.withNamespace(FileStoreWorker.NAMESPACE);
            for (int k = 0; k < keys; k++) {
                store.set("key-" + k, FileStoreWorker.payload(k, 0), null);
            }
        }
        Random random = new Random(7);
        for (int round = 0; round < 5; round++) {
            Process writer = start(javaCommand(directory.toString(), "writer", Integer.toString(keys)));
            try {
                BufferedReader output = reader(writer);
                assertThat(output.readLine()).isEqualTo("ready");
                Thread.sleep(20 + random.nextInt(200));
            } finally {
                writer.destroyForcibly();
            }
            assertThat(writer.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            try (FileStore root = FileStore.open(directory)) {
                NamespacedStore store = root.withNamespace(FileStoreWorker.NAMESPACE);
                for (int k = 0; k < keys; k++) {
                    byte[] value = store.get("key-" + k);
                    assertThat(value).as("key-%d after round %d", k, round).isNotNull();
                    assertThat(FileStoreWorker.generationOf(k, value)).as("key-%d after round %d", k, round).isNotNegative();
                }
                store.set("key-0", FileStoreWorker.payload(0, 0), null);
            }
            assertThat(directory.resolve(Names.namespaceDirectory(FileStoreWorker.NAMESPACE)).resolve(".corrupt")).doesNotExist();
        }
    }

    @Test
    void aWriteThatFailsForLackOfSpaceNamesThePathAndKeepsTheOldValue() throws Exception {
        try (FileStore root = FileStore.open(directory)) {
            root.withNamespace(FileStoreWorker.NAMESPACE).set("small", "old value", null);
        }
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -f 128 && exec \"$0\" \"$@\""));
        command.addAll(javaCommand(directory.toString(), "oversize", Integer.toString(4 * 1024 * 1024)));
        Process process = start(command);
        List<String> output = finish(process, reader(process));
        Path namespaceDirectory = directory.resolve(Names.namespaceDirectory(FileStoreWorker.NAMESPACE));
        assertThat(output).singleElement().asString()
                .startsWith("failed: ").contains(namespaceDirectory.resolve(Names.entryFile("small")).toString())
                .contains("nothing stored was changed");
        try (FileStore root = FileStore.open(directory)) {
            assertThat(new String(root.withNamespace(FileStoreWorker.NAMESPACE).get("small"), UTF_8)).isEqualTo("old value");
        }
        try (Stream<Path> files = Files.list(namespaceDirectory)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".tmp-"));
        }
    }
}
