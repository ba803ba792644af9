package dev.stowage.store.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.store.MutableClock;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StorageObject;
import dev.stowage.store.Stores;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Persistence across restarts, opening by URI, and several stores over one directory in a JVM. */
class FileStoreRestartTest {

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

    private FileStore open() {
        return FileStore.open(temp, FileStoreOptions.defaults().withClock(clock));
    }

    @Test
    void aNewStoreOverTheSameDirectorySeesEveryEntryWithItsRemainingTimeToLive() {
        try (FileStore store = open()) {
            store.set("plain", "p", null);
            store.withNamespace("cache").set("ttl", "t", Duration.ofSeconds(100));
            store.withNamespace("cache").withNamespace("nested").set("short", "s", Duration.ofSeconds(10));
        }
        clock.advance(Duration.ofSeconds(40));
        try (FileStore store = open()) {
            assertThat(new String(store.get("plain"), UTF_8)).isEqualTo("p");
            NamespacedStore cache = store.withNamespace("cache");
            assertThat(new String(cache.get("ttl"), UTF_8)).isEqualTo("t");
            assertThat(cache.expiresIn("ttl")).contains(Duration.ofSeconds(60));
            assertThat(store.deleteExpired()).isEqualTo(1);
            assertThat(cache.withNamespace("nested").get("short")).isNull();
        }
    }

    @Test
    void storesAreFoundByUriScheme() {
        assertThat(Stores.schemes(null)).contains("filestore");
        URI uri = URI.create("filestore:" + temp.toUri().getRawPath() + "?sync=true&permissions=rw-r-----");
        try (NamespacedStore store = Stores.open(uri, null)) {
            assertThat(store).isInstanceOf(FileStore.class);
            assertThat(((FileStore) store).directory()).isEqualTo(temp.toAbsolutePath());
            store.withNamespace("x").set("k", "v", null);
        }
        try (NamespacedStore store = Stores.open(URI.create("filestore://" + temp.toUri().getRawPath()), null)) {
            assertThat(new String(store.withNamespace("x").get("k"), UTF_8)).isEqualTo("v");
        }
    }

    @Test
    void theUriOptionsReachTheStore() throws Exception {
        Path root = temp.resolve("group");
        try (NamespacedStore store = new FileStoreFactory().open(URI.create("filestore:" + root + "?permissions=rw-rw----"))) {
            store.set("k", "v", null);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(Names.entryFile("k")))))
                .isEqualTo("rw-rw----");
    }

    @Test
    void badUrisAreRefusedNamingTheProblem() {
        FileStoreFactory factory = new FileStoreFactory();
        assertThatThrownBy(() -> factory.open(URI.create("filestore://host/dir")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'host'");
        assertThatThrownBy(() -> factory.open(URI.create("filestore:/dir?colour=blue")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'colour'").hasMessageContaining("permissions, sync");
        assertThatThrownBy(() -> factory.open(URI.create("filestore:/dir?sync=yes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sync 'yes'");
        assertThatThrownBy(() -> factory.open(URI.create("filestore:/dir?permissions=rwxrwxrwxx")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("permissions 'rwxrwxrwxx'");
        assertThatThrownBy(() -> factory.open(URI.create("filestore:/dir?permissions=r--------")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("r--------");
        assertThatThrownBy(() -> factory.open(URI.create("filestore:?sync=true")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no directory");
        assertThatThrownBy(() -> factory.open(URI.create("memory:")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory:");
        assertThat(factory.schemes()).containsExactly("filestore");
    }

    @Test
    void twoStoresOverOneDirectoryInOneJvmShareTheirLocks() throws Exception {
        FileStore first = open();
        try (FileStore second = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    NamespacedStore store = (t % 2 == 0 ? first : second).withNamespace("shared");
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 300; i++) {
                            store.compute("counter", current -> StorageObject.of(Long.toString(
                                    current == null ? 1 : Long.parseLong(new String(current.data(), UTF_8)) + 1)
                                    .getBytes(UTF_8), null));
                        }
                    }));
                }
                for (Future<?> future : futures) {
                    future.get(2, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(new String(first.withNamespace("shared").get("counter"), UTF_8)).isEqualTo("1200");
            first.close();
            second.withNamespace("shared").set("after", "first closed", null);
            assertThat(second.withNamespace("shared").exists("after")).isTrue();
        } finally {
            first.close();
        }
    }
}
