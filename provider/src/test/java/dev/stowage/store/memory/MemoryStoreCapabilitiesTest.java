package dev.stowage.store.memory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.store.MutableClock;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.ObjectEntry;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.Stores;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the memory backend offers beyond the byte-level contract, as the store SPI states it: the
 * object-level view, bounded namespaces and its clock.
 */
class MemoryStoreCapabilitiesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final MemoryStore root = new MemoryStore(clock, -1);

    @AfterEach
    void close() {
        root.close();
    }

    private static List<Object> keysOf(ObjectStore objects) {
        List<Object> keys = new ArrayList<>();
        objects.entryKeys().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void theObjectViewIsTheSameNamespaceUnderAnyKeyAndValue() {
        NamespacedStore users = root.withNamespace("users");
        ObjectStore objects = users.objects().orElseThrow();
        List<Integer> key = List.of(1, 2);
        Object value = new Object();
        objects.computeEntry(key, current -> new ObjectEntry(value, null));
        assertThat(objects.entry(List.of(1, 2)).value()).isSameAs(value);
        users.set("bytes", "v".getBytes(UTF_8), null);
        assertThat(objects.entry("bytes").value()).isEqualTo("v".getBytes(UTF_8));
        assertThat(keysOf(objects)).containsExactlyInAnyOrder(key, "bytes");
        assertThat(users.keys()).toIterable().containsExactly("bytes");
        assertThat(root.withNamespace("users").objects().orElseThrow().entry(key)).isNotNull();
        assertThat(root.withNamespace("other").objects().orElseThrow().entry(key)).isNull();
        users.deleteAll();
        assertThat(keysOf(objects)).isEmpty();
        assertThat(objects.entry(key)).isNull();
    }

    @Test
    void theObjectViewExpiresByTheStoresClockAndStoresNoExpiredEntry() {
        ObjectStore objects = root.withNamespace("expiring").objects().orElseThrow();
        Instant now = clock.instant();
        objects.computeEntry("k", current -> new ObjectEntry("v", now.plusSeconds(10)));
        clock.advance(Duration.ofSeconds(10));
        assertThat(objects.entry("k")).isNull();
        assertThat(objects.computeEntry("k", current -> {
            assertThat(current).isNull();
            return new ObjectEntry("gone", clock.instant());
        })).isNull();
        clock.set(now);
        assertThat(objects.entry("k")).isNull();
        assertThat(keysOf(objects)).isEmpty();
    }

    @Test
    void entriesWithAndWithoutExpiryLiveSideBySideInOneNamespace() {
        ObjectStore objects = root.withNamespace("mixed").objects().orElseThrow();
        Object eternal = new Object();
        objects.putKeepingExpiry("eternal", eternal, null);
        assertThat(objects.value("eternal")).isSameAs(eternal);
        assertThat(objects.entry("eternal")).isEqualTo(new ObjectEntry(eternal, null));
        // the namespace's first entry with an expiry
        Instant now = clock.instant();
        objects.computeEntry("expiring", current -> new ObjectEntry("soon", now.plusSeconds(5)));
        assertThat(objects.value("expiring")).isEqualTo("soon");
        assertThat(objects.entry("expiring").expiresAt()).isEqualTo(now.plusSeconds(5));
        // a put keeps the expiry of the entry it replaces, and gives a new entry the one asked for
        objects.putKeepingExpiry("expiring", "replaced", null);
        assertThat(objects.entry("expiring")).isEqualTo(new ObjectEntry("replaced", now.plusSeconds(5)));
        objects.putKeepingExpiry("eternal", "still eternal", now.plusSeconds(1));
        assertThat(objects.entry("eternal")).isEqualTo(new ObjectEntry("still eternal", null));
        objects.putKeepingExpiry("new", "n", now.plusSeconds(1));
        clock.advance(Duration.ofSeconds(5));
        assertThat(objects.value("expiring")).isNull();
        assertThat(objects.value("new")).isNull();
        assertThat(objects.value("eternal")).isEqualTo("still eternal");
        assertThat(keysOf(objects)).containsExactly("eternal");
        // an entry loses its expiry when rewritten without one
        objects.computeEntry("k", current -> new ObjectEntry("v", clock.instant().plusSeconds(1)));
        objects.computeEntry("k", current -> current.withExpiresAt(null));
        clock.advance(Duration.ofSeconds(10));
        assertThat(objects.entry("k")).isEqualTo(new ObjectEntry("v", null));
    }

    @Test
    void aValueThatIsItselfAnEntryIsStoredAsItIs() {
        ObjectStore objects = root.withNamespace("entries").objects().orElseThrow();
        ObjectEntry asValue = new ObjectEntry("inner", clock.instant().minusSeconds(60));
        objects.putKeepingExpiry("k", asValue, null);
        assertThat(objects.value("k")).isSameAs(asValue);
        objects.computeEntry("e", current -> new ObjectEntry(asValue, clock.instant().plusSeconds(60)));
        assertThat(objects.value("e")).isSameAs(asValue);
        assertThat(objects.entry("e").expiresAt()).isEqualTo(clock.instant().plusSeconds(60));
        assertThat(objects.value("k")).isSameAs(asValue);
    }

    @Test
    void aPutRacingTheNamespacesFirstExpiringEntryKeepsThatExpiry() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Instant expiresAt = clock.instant().plusSeconds(60);
            for (int i = 0; i < 2_000; i++) {
                ObjectStore objects = root.withNamespace("race-" + i).objects().orElseThrow();
                CyclicBarrier start = new CyclicBarrier(2);
                Future<?> expiring = threads.submit(() -> {
                    start.await();
                    return objects.computeEntry("k", current -> new ObjectEntry("expiring", expiresAt));
                });
                Future<?> put = threads.submit(() -> {
                    start.await();
                    objects.putKeepingExpiry("k", "put", null);
                    return null;
                });
                expiring.get();
                put.get();
                // either order is right; a put that came second keeps the expiry it found
                assertThat(objects.entry("k")).isIn(new ObjectEntry("expiring", expiresAt), new ObjectEntry("put", expiresAt));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aComputeThatLeavesAnEternalEntryKeepsTheSameValue() {
        ObjectStore objects = root.withNamespace("same").objects().orElseThrow();
        Object value = new Object();
        objects.putKeepingExpiry("k", value, null);
        ObjectEntry[] seen = new ObjectEntry[1];
        ObjectEntry left = objects.computeEntry("k", current -> {
            seen[0] = current;
            return current;
        });
        assertThat(seen[0].value()).isSameAs(value);
        assertThat(left.value()).isSameAs(value);
        assertThat(objects.computeEntry("k", current -> null)).isNull();
        assertThat(objects.value("k")).isNull();
    }

    @Test
    void aBoundedNamespaceKeepsItsMaximumSizeAndItsSiblingsDoNot() {
        NamespacedStore bounded = root.withNamespace("bounded", 10);
        NamespacedStore free = root.withNamespace("free");
        for (int i = 0; i < 1_000; i++) {
            bounded.set("k" + i, new byte[] {1}, null);
            free.set("k" + i, new byte[] {1}, null);
        }
        assertThat(bounded.keys()).toIterable().hasSizeBetween(1, 20);
        assertThat(free.keys()).toIterable().hasSize(1_000);
        assertThat(root.withNamespace("bounded").keys()).toIterable().hasSizeBetween(1, 20);
        NamespacedStore child = bounded.withNamespace("child");
        for (int i = 0; i < 1_000; i++) {
            child.set("k" + i, new byte[] {1}, null);
        }
        assertThat(child.keys()).toIterable().hasSizeBetween(1, 20);
    }

    @Test
    void reboundingANamespaceKeepsItsEntriesForEveryHandle() {
        NamespacedStore before = root.withNamespace("cache");
        for (int i = 0; i < 5; i++) {
            before.set("k" + i, new byte[] {(byte) i}, null);
        }
        NamespacedStore bounded = root.withNamespace("cache", 100);
        assertThat(bounded.keys()).toIterable().hasSize(5);
        assertThat(before.get("k3")).containsExactly(3);
        for (int i = 5; i < 1_000; i++) {
            before.set("k" + i, new byte[] {1}, null);
        }
        assertThat(bounded.keys()).toIterable().hasSizeBetween(1, 200);
        assertThat(root.withNamespace("cache", 100).keys()).toIterable().hasSizeBetween(1, 200);
    }

    @Test
    void aBadBoundIsRefusedNamingIt() {
        assertThatThrownBy(() -> root.withNamespace("cache", -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maximumSize -2 of namespace 'cache' is negative");
        assertThatThrownBy(() -> root.withNamespace("", 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> root.withNamespace(null, 5))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("namespace");
    }

    @Test
    void theBackendSaysWhatItCanDoBeforeAndAfterOpening(@TempDir Path directory) {
        assertThat(root.boundsNamespaces()).isTrue();
        assertThat(root.clock()).isSameAs(clock);
        assertThat(root.withNamespace("a").clock()).isSameAs(clock);
        assertThat(Stores.factory(URI.create("memory:/"), null)).hasValueSatisfying(
                factory -> assertThat(factory.boundsNamespaces()).isTrue());
        URI files = URI.create("filestore:" + directory);
        assertThat(Stores.factory(files, null)).hasValueSatisfying(
                factory -> assertThat(factory.boundsNamespaces()).isFalse());
        try (NamespacedStore file = Stores.open(files, null)) {
            assertThat(file.boundsNamespaces()).isFalse();
            assertThat(file.objects()).isEmpty();
            assertThatThrownBy(() -> file.withNamespace("cache", 5))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("cannot bound the size of namespace 'cache' (maximumSize 5)");
        }
        assertThat(Stores.factory(URI.create("nosuch://host"), null)).isEmpty();
    }
}
