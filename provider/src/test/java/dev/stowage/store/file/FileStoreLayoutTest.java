package dev.stowage.store.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.store.MutableClock;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file store's on-disk layout: safe names, the entry format, permissions, markers. */
class FileStoreLayoutTest {

    private static final Pattern OWN_NAME = Pattern.compile(
            "[0-9a-f]{64}\\.(entry|ns)|\\.namespace|\\.locks|[0-9]+\\.lock|\\.stowage-filestore");

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

    private FileStore open(Path directory) {
        return FileStore.open(directory, FileStoreOptions.defaults().withClock(clock));
    }

    private static List<Path> tree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).collect(Collectors.toList());
        }
    }

    @Test
    void hostileKeysAndNamespacesNeverNameAPathOutsideTheStore() throws IOException {
        Path root = temp.resolve("store");
        List<String> hostile = List.of("../../etc/passwd", "..", "/etc/shadow", "C:\\Windows\\win.ini", "NUL", "con",
                "a/../../b", "\u0000", "\u00e9".repeat(4096), ".stowage-filestore", ".locks", ".namespace");
        try (FileStore store = open(root)) {
            for (String name : hostile) {
                store.set(name, name, null);
                NamespacedStore child = store.withNamespace(name);
                child.set(name, name, null);
                child.withNamespace(name).set("k", "v", null);
            }
            for (String name : hostile) {
                assertThat(new String(store.withNamespace(name).get(name), UTF_8)).isEqualTo(name);
            }
        }
        assertThat(tree(temp).stream().filter(p -> !p.startsWith(root))).isEmpty();
        for (Path path : tree(root)) {
            assertThat(path.normalize()).startsWith(root);
            assertThat(path.getFileName().toString()).as(path.toString()).matches(OWN_NAME);
        }
    }

    @Test
    void anEntryFileHoldsTheVersionedHeaderTheKeyTheValueAndAChecksum() throws IOException {
        try (FileStore store = open(temp)) {
            NamespacedStore users = store.withNamespace("users");
            users.set("user:42", "Ann", Duration.ofSeconds(30));
            Path namespaceDirectory = temp.resolve(Names.namespaceDirectory("users"));
            byte[] raw = Files.readAllBytes(namespaceDirectory.resolve(Names.entryFile("user:42")));
            assertThat(Arrays.copyOfRange(raw, 0, 4)).isEqualTo("STWE".getBytes(UTF_8));
            assertThat(raw[4]).isEqualTo((byte) 1);
            assertThat(new String(raw, UTF_8)).contains("user:42").contains("Ann");
            assertThat(raw).hasSize(26 + "user:42".length() + "Ann".length() + 4);
            assertThat(Files.readString(namespaceDirectory.resolve(".namespace"))).isEqualTo("users");
            assertThat(Files.readString(temp.resolve(".stowage-filestore"))).isEqualTo("stowage-filestore 1\n");
        }
    }

    @Test
    void newFilesAndDirectoriesAreOwnerOnlyByDefault() throws IOException {
        Path root = temp.resolve("private");
        try (FileStore store = open(root)) {
            store.withNamespace("a").withNamespace("b").set("k", "v", null);
            store.set("k", "v", null);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
        for (Path path : tree(root)) {
            String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString()).isEqualTo(expected);
        }
    }

    @Test
    void permissionsCanBeWidenedForTheGroup() throws IOException {
        Path root = temp.resolve("shared");
        FileStoreOptions options = FileStoreOptions.defaults().withFilePermissions(PosixFilePermissions.fromString("rw-rw----"));
        try (FileStore store = FileStore.open(root, options)) {
            store.withNamespace("a").set("k", "v", null);
        }
        for (Path path : tree(root)) {
            String expected = Files.isDirectory(path) ? "rwxrwx---" : "rw-rw----";
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString()).isEqualTo(expected);
        }
        assertThatThrownBy(() -> options.withFilePermissions(PosixFilePermissions.fromString("r--r-----")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("r--r-----");
    }

    @Test
    void aDirectoryOfAnotherLayoutIsRefusedNamingIt() throws IOException {
        Files.writeString(temp.resolve(".stowage-filestore"), "stowage-filestore 2\n");
        assertThatThrownBy(() -> open(temp))
                .isInstanceOf(StoreException.class).hasMessageContaining(temp.toString()).hasMessageContaining("stowage-filestore 2");
        Path file = temp.resolve("plain-file");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> open(file)).isInstanceOf(StoreException.class).hasMessageContaining(file.toString());
    }

    @Test
    void deleteAllLeavesForeignFilesAlone() throws IOException {
        Path foreign = temp.resolve("keep-me.txt");
        Files.writeString(foreign, "not ours");
        try (FileStore store = open(temp)) {
            store.set("k", "v", null);
            store.withNamespace("child").set("k", "v", null);
            store.deleteAll();
            assertThat(store.exists("k")).isFalse();
        }
        assertThat(foreign).hasContent("not ours");
        assertThat(tree(temp).stream().map(p -> p.getFileName().toString()))
                .noneMatch(name -> name.endsWith(".entry") || name.endsWith(".ns"));
    }

    @Test
    void deleteExpiredSweepsStaleTemporaryFilesOfInterruptedWrites() throws IOException {
        try (FileStore store = open(temp)) {
            NamespacedStore child = store.withNamespace("child");
            child.set("k", "v", null);
            Path directory = temp.resolve(Names.namespaceDirectory("child"));
            Path stale = directory.resolve(".tmp-" + Names.entryFile("k") + "-dead");
            Path fresh = directory.resolve(".tmp-" + Names.entryFile("k") + "-live");
            Files.writeString(stale, "partial");
            Files.writeString(fresh, "partial");
            Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
            assertThat(store.deleteExpired()).isZero();
            assertThat(stale).doesNotExist();
            assertThat(fresh).exists();
            assertThat(new String(child.get("k"), UTF_8)).isEqualTo("v");
        }
    }
}
