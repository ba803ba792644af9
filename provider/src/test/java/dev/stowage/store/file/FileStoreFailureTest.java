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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupt entry files, I/O failures and hash collisions in the file store. */
class FileStoreFailureTest {

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final Logger logger = Logger.getLogger("dev.stowage.store.file");
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                synchronized (warnings) {
                    warnings.add(record);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private FileStore root;
    private NamespacedStore store;
    private Path directory;

    @BeforeEach
    void open() {
        logger.addHandler(capture);
        root = FileStore.open(temp, FileStoreOptions.defaults().withClock(clock));
        store = root.withNamespace("ns");
        directory = temp.resolve(Names.namespaceDirectory("ns"));
    }

    @AfterEach
    void close() {
        root.close();
        logger.removeHandler(capture);
    }

    private Path entry(String key) {
        return directory.resolve(Names.entryFile(key));
    }

    private List<String> warningTexts() {
        synchronized (warnings) {
            return warnings.stream().map(r -> java.text.MessageFormat.format(r.getMessage(), r.getParameters())).toList();
        }
    }

    @Test
    void corruptOrTruncatedEntriesAreMissesMovedAsideAndReportedOnce() throws IOException {
        store.set("good", "fine", null);
        byte[] valid = Files.readAllBytes(entry("good"));
        byte[] flipped = valid.clone();
        flipped[valid.length - 6] ^= 0x55;
        byte[] wrongVersion = valid.clone();
        wrongVersion[4] = 9;
        List<byte[]> corruptions = List.of(new byte[0], Arrays.copyOf(valid, valid.length - 1),
                Arrays.copyOf(valid, 10), flipped, wrongVersion, "garbage that is long enough to parse".getBytes(UTF_8),
                Arrays.copyOf(valid, valid.length + 3));
        for (int i = 0; i < corruptions.size(); i++) {
            String key = "bad" + i;
            store.set(key, "value", null);
            Files.write(entry(key), corruptions.get(i));
        }
        for (int i = 0; i < corruptions.size(); i++) {
            String key = "bad" + i;
            assertThat(store.get(key)).as(key).isNull();
            assertThat(store.get(key)).as(key).isNull();
            assertThat(store.exists(key)).isFalse();
            assertThat(entry(key)).doesNotExist();
        }
        assertThat(new String(store.get("good"), UTF_8)).isEqualTo("fine");
        try (Stream<Path> aside = Files.list(directory.resolve(".corrupt"))) {
            assertThat(aside.count()).isEqualTo(corruptions.size());
        }
        List<String> texts = warningTexts();
        assertThat(texts).hasSize(corruptions.size());
        for (int i = 0; i < corruptions.size(); i++) {
            String path = entry("bad" + i).toString();
            assertThat(texts).filteredOn(text -> text.contains(path)).hasSize(1);
        }
    }

    @Test
    void aCorruptEntryNeverStopsOtherEntriesFromListingOrSweeping() throws IOException {
        for (int i = 0; i < 20; i++) {
            store.set("k" + i, "v" + i, null);
        }
        Files.write(entry("k7"), new byte[] {1, 2, 3});
        Files.write(entry("k13"), new byte[0]);
        assertThat(keys(store)).hasSize(18).doesNotContain("k7", "k13");
        store.set("k7", "again", null);
        assertThat(new String(store.get("k7"), UTF_8)).isEqualTo("again");
        Files.write(entry("k3"), new byte[] {9});
        assertThat(store.deleteExpired()).isZero();
        assertThat(keys(store)).hasSize(18).contains("k7").doesNotContain("k3");
        assertThat(store.compute("k13", UnaryOperator.identity())).isNull();
    }

    @Test
    void anEntryThatCannotBeReadIsAStoreExceptionNamingThePath() throws IOException {
        store.set("k", "v", null);
        Path file = entry("blocked");
        Files.createDirectories(file.resolve("inside"));
        assertThatThrownBy(() -> store.get("blocked"))
                .isInstanceOf(StoreException.class).hasMessageContaining(file.toString());
        assertThat(new String(store.get("k"), UTF_8)).isEqualTo("v");
    }

    @Test
    void aNamespaceDirectoryBlockedByAFileIsAStoreExceptionNamingThePath() throws IOException {
        Path blocked = temp.resolve(Names.namespaceDirectory("blocked"));
        Files.writeString(blocked, "a file where a directory belongs");
        assertThatThrownBy(() -> root.withNamespace("blocked").set("k", "v", null))
                .isInstanceOf(StoreException.class).hasMessageContaining(blocked.toString());
        assertThat(blocked).hasContent("a file where a directory belongs");
    }

    @Test
    void aFileHoldingAnotherKeyIsAMissAndIsNeverOverwritten() throws IOException {
        store.set("a", "value of a", null);
        Files.copy(entry("a"), entry("b"));
        assertThat(store.get("b")).isNull();
        assertThat(store.exists("b")).isFalse();
        assertThat(store.read("b")).isNull();
        assertThatThrownBy(() -> store.set("b", "value of b", null))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(entry("b").toString()).hasMessageContaining("'a'").hasMessageContaining("'b'");
        assertThatThrownBy(() -> store.compute("b", current -> dev.stowage.store.StorageObject.of(new byte[] {1}, null)))
                .isInstanceOf(StoreException.class).hasMessageContaining(entry("b").toString());
        store.delete("b");
        assertThat(entry("b")).exists();
        assertThat(Files.readAllBytes(entry("b"))).isEqualTo(Files.readAllBytes(entry("a")));
        assertThat(keys(store)).containsExactly("a");
    }

    private static List<String> keys(NamespacedStore store) {
        List<String> keys = new ArrayList<>();
        store.keys().forEachRemaining(keys::add);
        return keys;
    }
}
