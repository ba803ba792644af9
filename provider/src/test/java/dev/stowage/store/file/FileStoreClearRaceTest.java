package dev.stowage.store.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StorageObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes racing a {@code deleteAll} of their namespace in another thread of the same JVM: the
 * namespace directory vanishes (and is re-created by another writer) under a write, which must then
 * retry instead of failing. The cross-process form is in {@link FileStoreProcessTest}.
 */
class FileStoreClearRaceTest {

    private static final Duration RACE = Duration.ofMillis(1500);
    private static final int WRITERS = 3;

    @TempDir
    Path temp;

    @Test
    void writesNeverFailWhileAnotherThreadClearsTheirNamespace() throws Exception {
        AtomicLong writes = new AtomicLong();
        AtomicLong clears = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        try (FileStore writing = FileStore.open(temp); FileStore clearing = FileStore.open(temp)) {
            NamespacedStore cache = writing.withNamespace("cache").withNamespace("region");
            NamespacedStore cleared = clearing.withNamespace("cache");
            Instant end = Instant.now().plus(RACE);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < WRITERS; t++) {
                String key = "key-" + t;
                threads.add(new Thread(() -> {
                    for (int i = 0; Instant.now().isBefore(end); i++) {
                        try {
                            if (i % 2 == 0) {
                                cache.set(key, Integer.toString(i), null);
                            } else {
                                cache.compute(key, current -> StorageObject.of(new byte[] {1}, null));
                            }
                            writes.incrementAndGet();
                        } catch (RuntimeException e) {
                            errors.add(e);
                        }
                    }
                }, "writer-" + t));
            }
            for (NamespacedStore clearer : List.of(cleared, cleared.withNamespace("region"))) {
                threads.add(new Thread(() -> {
                    while (Instant.now().isBefore(end)) {
                        try {
                            clearer.deleteAll();
                            clears.incrementAndGet();
                        } catch (RuntimeException e) {
                            errors.add(e);
                        }
                    }
                }, "clearer-" + clearer.namespace()));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(errors).isEmpty();
            assertThat(writes.get()).isPositive();
            assertThat(clears.get()).isPositive();
            cache.set("after", "the race", null);
            assertThat(new String(cache.get("after"), UTF_8)).isEqualTo("the race");
            Path region = temp.resolve(Names.namespaceDirectory("cache")).resolve(Names.namespaceDirectory("region"));
            assertThat(region.resolve(Names.NAMESPACE_FILE)).hasContent("region");
            assertThat(Files.readString(region.getParent().resolve(Names.NAMESPACE_FILE))).isEqualTo("cache");
        }
    }
}
