package dev.stowage.store.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.store.NamespacedStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entry files of several gigabytes planted at an entry's name: they are corrupt files like any other
 * (a miss, moved aside), found so from their header and size without reading them. The files are
 * sparse, so they cost no disk; reading one whole would throw {@link OutOfMemoryError}.
 */
class FileStoreHugeFileTest {

    private static final long HUGE = 3L * 1024 * 1024 * 1024;

    @TempDir
    Path temp;

    private FileStore root;
    private NamespacedStore store;
    private Path directory;

    @BeforeEach
    void open() {
        root = FileStore.open(temp);
        store = root.withNamespace("ns");
        directory = temp.resolve(Names.namespaceDirectory("ns"));
    }

    @AfterEach
    void close() {
        root.close();
    }

    private Path entry(String key) {
        return directory.resolve(Names.entryFile(key));
    }

    /** Plants a sparse file of {@link #HUGE} bytes that starts with {@code header}. */
    private void plant(String key, byte[] header) throws IOException {
        Files.createDirectories(directory);
        try (RandomAccessFile file = new RandomAccessFile(entry(key).toFile(), "rw")) {
            file.write(header);
            file.setLength(HUGE);
        }
    }

    /** A version 1 header without expiry that declares a UTF-8 key and a value of these lengths. */
    private static byte[] header(long keyLength, long valueLength) {
        return ByteBuffer.allocate(26).putInt(0x53545745).put((byte) 1).put((byte) 0).putLong(0).putInt(0)
                .putInt((int) keyLength).putInt((int) valueLength).array();
    }

    @Test
    void aHugeFileIsAMissThatIsMovedAsideAndNeverStopsOtherEntries() throws IOException {
        store.set("before", "kept", null);
        store.set("zeros", "v", null);
        store.set("small-lengths", "v", null);
        store.set("matching-lengths", "v", null);
        store.set("huge-key", "v", null);
        plant("zeros", new byte[0]);
        plant("small-lengths", header(3, 5));
        long keyLength = 1024 * 1024 * 1024;
        plant("matching-lengths", header(keyLength, HUGE - 30 - keyLength));
        plant("huge-key", header(HUGE - 30, 0));
        List<String> huge = List.of("zeros", "small-lengths", "matching-lengths", "huge-key");

        assertThat(keys(store)).containsExactly("before");
        for (String key : huge) {
            assertThat(store.get(key)).as(key).isNull();
            assertThat(store.exists(key)).as(key).isFalse();
            assertThat(store.read(key)).as(key).isNull();
            assertThat(entry(key)).as(key).doesNotExist();
        }
        try (Stream<Path> aside = Files.list(directory.resolve(Names.CORRUPT_DIRECTORY))) {
            assertThat(aside.count()).isEqualTo(huge.size());
        }
        assertThat(new String(store.get("before"), UTF_8)).isEqualTo("kept");
    }

    @Test
    void aWriteOverAHugeFileReplacesIt() throws IOException {
        plant("put", header(3, 5));
        plant("compute", header(1024 * 1024 * 1024, HUGE - 30 - 1024 * 1024 * 1024));
        plant("delete", new byte[0]);
        plant("collision-check", header(HUGE - 30, 0));

        store.set("put", "new value", null);
        assertThat(new String(store.get("put"), UTF_8)).isEqualTo("new value");
        assertThat(store.compute("compute", UnaryOperator.identity())).isNull();
        store.compute("compute", current -> dev.stowage.store.StorageObject.of("computed".getBytes(UTF_8), null));
        assertThat(new String(store.get("compute"), UTF_8)).isEqualTo("computed");
        store.delete("delete");
        assertThat(entry("delete")).doesNotExist();
        store.set("collision-check", "written", null);
        assertThat(new String(store.get("collision-check"), UTF_8)).isEqualTo("written");
        assertThat(Files.size(entry("put"))).isLessThan(100);
        assertThat(keys(store)).containsExactlyInAnyOrder("put", "compute", "collision-check");
    }

    @Test
    void sweepingAndClearingGoOnPastAHugeFile() throws IOException {
        store.set("a", "1", null);
        plant("huge", header(3, 5));
        store.set("b", "2", null);
        assertThat(store.deleteExpired()).isZero();
        assertThat(keys(store)).containsExactlyInAnyOrder("a", "b");
        plant("huge-again", new byte[0]);
        store.deleteAll();
        assertThat(directory).doesNotExist();
    }

    private static List<String> keys(NamespacedStore store) {
        List<String> keys = new ArrayList<>();
        store.keys().forEachRemaining(keys::add);
        return keys;
    }
}
