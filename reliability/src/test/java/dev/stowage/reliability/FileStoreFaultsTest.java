package dev.stowage.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.store.NamespacedStore;
import dev.stowage.store.file.FileStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store under faults from outside the JVM: a second JVM ({@link FileWorker}) contending on
 * the same keys, clearing while the other writes, killed with {@code SIGKILL} mid-write, files planted
 * at entries' names (3 GB sparse, truncated), and a process with {@code umask 000}.
 */
class FileStoreFaultsTest {

    private static final Duration WORKER_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path directory;

    @Test
    void twoJvmsTimesFourThreadsOfCountersStayExact() {
        int iterations = 150;
        int threads = 4;
        List<ChildJvm> jvms = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                ChildJvm jvm = ChildJvm.start(null, directory.toString(), "counters", Integer.toString(iterations),
                        Integer.toString(threads));
                jvms.add(jvm);
                assertThat(jvm.readLine()).isEqualTo("ready");
            }
            long start = System.nanoTime();
            jvms.forEach(ChildJvm::go);
            List<String> output = new ArrayList<>();
            jvms.forEach(jvm -> output.addAll(jvm.finish(WORKER_TIMEOUT)));
            long increments = 2L * threads * iterations;
            Map<String, String> counters = new HashMap<>();
            try (FileStore root = FileStore.open(directory)) {
                NamespacedStore store = root.withNamespace(FileWorker.NAMESPACE);
                FileWorker.COUNTER_KEYS.forEach(key -> counters.put(key, new String(store.get(key), UTF_8)));
            }
            long total = counters.values().stream().mapToLong(Long::parseLong).sum();
            Figures.of("file: 2 JVMs x 4 threads of compute counters").put("calls", ChildJvm.sum(output, "done"))
                    .put("errors", ChildJvm.sum(output, "errors")).put("final total", total)
                    .put("expected", increments).put("lost", increments - total)
                    .put("seconds", String.format("%.1f", (System.nanoTime() - start) / 1e9)).print();
            assertThat(ChildJvm.sum(output, "errors")).as("output %s", output).isZero();
            assertThat(total).isEqualTo(increments);
            counters.values().forEach(value -> assertThat(Long.parseLong(value)).isEqualTo(increments / 4));
        } finally {
            jvms.forEach(ChildJvm::close);
        }
    }

    @Test
    void writesOfAnotherJvmNeverFailWhileThisOneClears() {
        try (ChildJvm writer = ChildJvm.start(null, directory.toString(), "writeloop", "3000");
                FileStore root = FileStore.open(directory)) {
            assertThat(writer.readLine()).isEqualTo("ready");
            NamespacedStore store = root.withNamespace(FileWorker.NAMESPACE);
            long clears = 0;
            long deadline = System.nanoTime() + WORKER_TIMEOUT.toNanos();
            List<String> output = new ArrayList<>();
            Thread reader = new Thread(() -> output.addAll(writer.finish(WORKER_TIMEOUT)));
            reader.start();
            while (reader.isAlive() && System.nanoTime() < deadline) {
                store.deleteAll();
                clears++;
            }
            join(reader);
            Figures.of("file: clear() racing another JVM's writes for 3 s").put("clears", clears)
                    .put("writes", ChildJvm.sum(output, "done")).put("errors", ChildJvm.sum(output, "errors")).print();
            assertThat(ChildJvm.sum(output, "errors")).as("output %s", output).isZero();
            assertThat(ChildJvm.sum(output, "done")).isPositive();
            assertThat(clears).isPositive();
        }
    }

    @Test
    void twentyKillsMidWriteLoseNoAcknowledgedWriteAndCorruptNothing() throws Exception {
        int keys = 6;
        int[] acknowledged = new int[keys];
        Random random = new Random(17);
        long acks = 0;
        int corrupt = 0;
        int lost = 0;
        for (int round = 0; round < 20; round++) {
            // generations grow across rounds, so a write in flight at a kill is newer than any acknowledged one
            try (ChildJvm writer = ChildJvm.start(null, directory.toString(), "writer", Integer.toString(keys),
                    Integer.toString(1 + round * 1_000_000))) {
                assertThat(writer.readLine()).isEqualTo("ready");
                long killAt = System.nanoTime() + Duration.ofMillis(50 + random.nextInt(250)).toNanos();
                while (System.nanoTime() < killAt) {
                    String line = writer.readLine();
                    if (line == null) {
                        break;
                    }
                    acks += acknowledge(line, acknowledged);
                }
                assertThat(writer.kill()).as("killed by SIGKILL").isEqualTo(128 + 9);
                // lines printed before the kill that were not read yet are acknowledged too
                for (String line = writer.readLine(); line != null; line = writer.readLine()) {
                    acks += acknowledge(line, acknowledged);
                }
            }
            try (FileStore root = FileStore.open(directory)) {
                NamespacedStore store = root.withNamespace(FileWorker.NAMESPACE);
                for (int k = 0; k < keys; k++) {
                    byte[] value = store.get("key-" + k);
                    int generation = value == null ? 0 : FileWorker.generationOf(k, value);
                    if (value != null && generation < 0) {
                        corrupt++;
                    } else if (generation < acknowledged[k]) {
                        lost++;
                    }
                }
            }
        }
        Path corruptDirectory;
        try (Stream<Path> dirs = Files.walk(directory)) {
            corruptDirectory = dirs.filter(p -> p.getFileName().toString().equals(".corrupt")).findAny().orElse(null);
        }
        Figures.of("file: kill -9 of a writer of 64 KB-1 MB values, 20 times").put("kills", 20)
                .put("acknowledged writes", acks).put("corrupt", corrupt).put("lost acknowledged", lost).print();
        assertThat(corrupt).isZero();
        assertThat(lost).isZero();
        assertThat(corruptDirectory).as("no entry file was moved aside as corrupt").isNull();
        assertThat(acks).isPositive();
    }

    /** Records {@code ack <key> <generation>}; a line the kill cut short acknowledges nothing. */
    private static int acknowledge(String line, int[] acknowledged) {
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[0].equals("ack")) {
            return 0;
        }
        acknowledged[Integer.parseInt(parts[1])] = Integer.parseInt(parts[2]);
        return 1;
    }

    @Test
    void anOversizedAndATruncatedEntryFileAreMissesWithoutOutOfMemory() throws IOException {
        try (FileStore root = FileStore.open(directory)) {
            NamespacedStore store = root.withNamespace(FileWorker.NAMESPACE);
            store.set("huge", "small value".getBytes(UTF_8), null);
            Path huge = onlyEntryFile();
            try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
                file.setLength(3L * 1024 * 1024 * 1024);
            }
            store.set("truncated", new byte[100_000], null);
            Path truncated;
            try (Stream<Path> files = Files.list(huge.getParent())) {
                truncated = files.filter(p -> !p.equals(huge) && p.getFileName().toString().endsWith(".entry"))
                        .findFirst().orElseThrow();
            }
            try (RandomAccessFile file = new RandomAccessFile(truncated.toFile(), "rw")) {
                file.setLength(50_000);
            }
            long start = System.nanoTime();
            assertThat(store.get("huge")).isNull();
            assertThat(store.get("truncated")).isNull();
            List<String> keys = new ArrayList<>();
            store.keys().forEachRemaining(keys::add);
            assertThat(keys).doesNotContain("huge", "truncated");
            store.set("huge", "again".getBytes(UTF_8), null);
            assertThat(new String(store.get("huge"), UTF_8)).isEqualTo("again");
            Figures.of("file: a 3 GB sparse file and a truncated file at entries' names")
                    .put("reads", 2).put("misses", 2).put("OutOfMemoryError", 0)
                    .put("ms", (System.nanoTime() - start) / 1_000_000).print();
        }
    }

    private Path onlyEntryFile() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".entry"))
                    .reduce((a, b) -> {
                        throw new AssertionError("more than one entry file: " + a + ", " + b);
                    }).orElseThrow();
        }
    }

    @Test
    void underUmask000EveryFileAndDirectoryIsTheOwnersOnly() throws IOException {
        try (ChildJvm filler = ChildJvm.start("000", directory.toString(), "fill", "20")) {
            assertThat(ChildJvm.sum(filler.finish(WORKER_TIMEOUT), "done")).isEqualTo(20);
        }
        List<String> open = new ArrayList<>();
        long checked = 0;
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.filter(p -> !p.equals(directory)).toList()) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
                checked++;
                if (permissions.stream().anyMatch(p -> !p.name().startsWith("OWNER_"))) {
                    open.add(path + " " + PosixFilePermissions.toString(permissions));
                }
            }
        }
        Figures.of("file: a process with umask 000 writes 40 entries").put("paths checked", checked)
                .put("group or other bits", open.size()).print();
        assertThat(open).isEmpty();
        assertThat(checked).isGreaterThan(40);
    }

    private static void join(Thread thread) {
        try {
            thread.join(WORKER_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
