package dev.stowage.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link NamespacedStore} backend owes, as the Javadoc of {@link Store} and
 * {@link NamespacedStore} (after Litestar's store documentation) states it. A backend's test class
 * extends this one and implements {@link #createStore(Clock)}; backend-specific behaviour goes in the
 * subclass.
 *
 * <p>Every test works in a fresh namespace named by a random UUID under the root the backend gives,
 * so backends over a shared server can run the suite concurrently; the namespace is deleted
 * afterwards. Time is a {@link MutableClock}, so expiry tests never sleep.
 */
public abstract class StoreContract {

    /** The clock handed to {@link #createStore(Clock)}; tests move it with {@link MutableClock#advance}. */
    protected final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

    /** The root store of the current test, as {@link #createStore(Clock)} returned it. */
    protected NamespacedStore root;

    /** A fresh namespace under {@link #root} for the current test. */
    protected NamespacedStore store;

    /**
     * Opens a root store of the backend under test that reads the time from {@code clock}.
     *
     * @param clock the time source for expiry, not {@code null}
     * @return a new root store; the contract closes it after each test
     */
    protected abstract NamespacedStore createStore(Clock clock);

    /**
     * Tells whether the backend expires entries natively (Redis) so that
     * {@link NamespacedStore#deleteExpired()} has nothing to do and returns 0.
     *
     * @return {@code false} unless a subclass says otherwise
     */
    protected boolean nativeExpiry() {
        return false;
    }

    @BeforeEach
    void openStore() {
        root = createStore(clock);
        store = root.withNamespace("contract-" + UUID.randomUUID());
    }

    @AfterEach
    void closeStore() {
        if (closed(root)) {
            List<String> path = store.namespace();
            root = createStore(clock);
            store = root.withNamespace(path.get(path.size() - 1));
        }
        try {
            store.deleteAll();
        } finally {
            root.close();
        }
    }

    private static boolean closed(Store store) {
        try {
            store.exists("probe");
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /**
     * Returns a sibling of {@link #store} under the root with a fresh random name.
     *
     * @return the sibling
     */
    protected NamespacedStore freshNamespace() {
        return root.withNamespace("contract-" + UUID.randomUUID());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, UTF_8);
    }

    // ---- set / get ----

    @Test
    void setThenGetReturnsTheValueAndCopiesBothWays() {
        byte[] value = {1, 2, 3};
        store.set("k", value, null);
        value[0] = 9;
        byte[] read = store.get("k");
        assertThat(read).containsExactly(1, 2, 3);
        read[1] = 9;
        assertThat(store.get("k")).containsExactly(1, 2, 3);
        assertThat(store.get("k", null)).containsExactly(1, 2, 3);
        assertThat(store.exists("k")).isTrue();
    }

    @Test
    void absentKeysAreNullFalseAndEmpty() {
        assertThat(store.get("absent")).isNull();
        assertThat(store.get("absent", Duration.ofHours(1))).isNull();
        assertThat(store.exists("absent")).isFalse();
        assertThat(store.expiresIn("absent")).isEmpty();
        assertThat(store.read("absent")).isNull();
    }

    @Test
    void setReplacesTheValueAndItsExpiry() {
        store.set("k", bytes("one"), Duration.ofSeconds(10));
        store.set("k", bytes("two"), null);
        assertThat(text(store.get("k"))).isEqualTo("two");
        assertThat(store.expiresIn("k")).isEmpty();
        clock.advance(Duration.ofSeconds(20));
        assertThat(text(store.get("k"))).isEqualTo("two");
        store.set("k", bytes("three"), Duration.ofSeconds(5));
        assertThat(store.expiresIn("k")).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(5)));
    }

    @Test
    void stringValuesAreStoredAsUtf8() {
        String value = "grüße 世界 \uD83D\uDE00";
        store.set("k", value, null);
        assertThat(store.get("k")).isEqualTo(value.getBytes(UTF_8));
        store.set("empty", "", null);
        assertThat(store.get("empty")).isEmpty();
    }

    @Test
    void emptyValuesAndLargeValuesRoundTrip() {
        store.set("empty", new byte[0], null);
        assertThat(store.get("empty")).isEmpty();
        assertThat(store.exists("empty")).isTrue();
        byte[] large = new byte[3 * 1024 * 1024 + 7];
        new java.util.Random(42).nextBytes(large);
        store.set("large", large, null);
        assertThat(store.get("large")).isEqualTo(large);
    }

    @Test
    void anyKeyIsJustAKey() {
        List<String> keys = List.of("", " ", "x:y", "../", "../../etc/passwd", "a/b", "a\\b", ".", "..", "NUL",
                "con.txt", "k\u0000z", "ümlaut", "\uD83D\uDE00", "UPPER", "upper", "x".repeat(4096),
                "\u4e16".repeat(4096));
        for (String key : keys) {
            store.set(key, bytes("v-" + key), null);
        }
        for (String key : keys) {
            assertThat(text(store.get(key))).as("key of length %d", key.length()).isEqualTo("v-" + key);
        }
        assertThat(keysOf(store)).containsExactlyInAnyOrderElementsOf(keys);
        store.delete("upper");
        assertThat(text(store.get("UPPER"))).isEqualTo("v-UPPER");
    }

    // ---- expiry ----

    @Test
    void anEntryLivesUpToAndExcludingItsExpiry() {
        store.set("k", bytes("v"), Duration.ofSeconds(10));
        clock.advance(Duration.ofMillis(9_999));
        assertThat(text(store.get("k"))).isEqualTo("v");
        assertThat(store.exists("k")).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(store.get("k")).isNull();
        assertThat(store.exists("k")).isFalse();
        assertThat(store.expiresIn("k")).isEmpty();
        assertThat(store.read("k")).isNull();
        assertThat(keysOf(store)).doesNotContain("k");
    }

    @Test
    void expiresInReportsTheRemainingTime() {
        store.set("k", bytes("v"), Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(3));
        assertThat(store.expiresIn("k")).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(7)));
        store.set("forever", bytes("v"), null);
        assertThat(store.expiresIn("forever")).isEmpty();
    }

    @Test
    void zeroOrNegativeExpiresInBehavesAsADelete() {
        for (Duration expiresIn : List.of(Duration.ZERO, Duration.ofSeconds(-5), Duration.ofSeconds(Long.MIN_VALUE))) {
            store.set("k", bytes("old"), null);
            store.set("k", bytes("new"), expiresIn);
            assertThat(store.get("k")).as("%s", expiresIn).isNull();
            assertThat(store.exists("k")).isFalse();
            assertThat(store.expiresIn("k")).isEmpty();
        }
    }

    @Test
    void durationsOfAnyLengthKeepTheirFullValue() {
        Duration millennium = Duration.ofDays(365L * 1000);
        store.set("millennium", bytes("m"), millennium);
        store.set("max", bytes("x"), Duration.ofSeconds(Long.MAX_VALUE, 999_999_999));
        store.set("forever", bytes("f"), ChronoUnit.FOREVER.getDuration());
        clock.advance(Duration.ofDays(365L * 500));
        assertThat(text(store.get("millennium"))).isEqualTo("m");
        assertThat(text(store.get("max"))).isEqualTo("x");
        assertThat(text(store.get("forever"))).isEqualTo("f");
        assertThat(store.expiresIn("millennium")).hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofDays(365L * 499)));
        assertThat(store.expiresIn("max")).hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofDays(365L * 1_000_000)));
        assertThat(text(store.get("forever", ChronoUnit.FOREVER.getDuration()))).isEqualTo("f");
        assertThat(store.expiresIn("forever")).hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofDays(365L * 1_000_000)));
        clock.advance(Duration.ofDays(365L * 501));
        assertThat(store.get("millennium")).isNull();
        assertThat(text(store.get("max"))).isEqualTo("x");
    }

    @Test
    void renewForResetsTheTimeToLiveOfAnEntrySetWithOne() {
        store.set("k", bytes("v"), Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(8));
        assertThat(text(store.get("k", Duration.ofSeconds(10)))).isEqualTo("v");
        clock.advance(Duration.ofSeconds(8));
        assertThat(store.expiresIn("k")).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2)));
        assertThat(text(store.get("k"))).isEqualTo("v");
        clock.advance(Duration.ofSeconds(2));
        assertThat(store.get("k")).isNull();
    }

    @Test
    void renewForNeverGivesAnExpiryToAnEntrySetWithout() {
        store.set("k", bytes("v"), null);
        assertThat(text(store.get("k", Duration.ofSeconds(1)))).isEqualTo("v");
        assertThat(store.expiresIn("k")).isEmpty();
        clock.advance(Duration.ofDays(1));
        assertThat(text(store.get("k"))).isEqualTo("v");
    }

    @Test
    void renewingForZeroReturnsTheValueAndLeavesNoEntry() {
        store.set("k", bytes("v"), Duration.ofSeconds(10));
        assertThat(text(store.get("k", Duration.ZERO))).isEqualTo("v");
        assertThat(store.read("k")).isNull();
        assertThat(store.exists("k")).isFalse();
    }

    @Test
    void renewForDoesNotResurrectAnExpiredEntry() {
        store.set("k", bytes("v"), Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(2));
        assertThat(store.get("k", Duration.ofHours(1))).isNull();
        assertThat(store.exists("k")).isFalse();
        assertThat(store.get("k")).isNull();
    }

    @Test
    void readReturnsTheEntryWithItsExpiryWithoutRenewing() {
        store.set("k", bytes("v"), Duration.ofSeconds(10));
        store.set("plain", bytes("p"), null);
        StorageObject entry = store.read("k");
        assertThat(entry.data()).isEqualTo(bytes("v"));
        assertThat(entry.expiresAt()).isBetween(clock.instant().plusSeconds(9), clock.instant().plusSeconds(10));
        assertThat(store.read("plain").expiresAt()).isNull();
        clock.advance(Duration.ofSeconds(10));
        assertThat(store.read("k")).isNull();
    }

    // ---- delete ----

    @Test
    void deleteRemovesAndIsANoOpWhenAbsent() {
        store.set("k", bytes("v"), null);
        store.delete("k");
        assertThat(store.get("k")).isNull();
        assertThat(store.exists("k")).isFalse();
        store.delete("k");
        store.delete("never-set");
        assertThat(keysOf(store)).isEmpty();
    }

    @Test
    void deleteAllReachesTheNamespaceAndItsChildrenOnly() {
        NamespacedStore child = store.withNamespace("a");
        NamespacedStore grandchild = child.withNamespace("b");
        NamespacedStore childSibling = store.withNamespace("ab");
        NamespacedStore sibling = freshNamespace();
        for (NamespacedStore s : List.of(store, child, grandchild, childSibling, sibling)) {
            s.set("k", bytes("v"), null);
        }
        child.deleteAll();
        assertThat(child.get("k")).isNull();
        assertThat(grandchild.get("k")).isNull();
        assertThat(text(store.get("k"))).isEqualTo("v");
        assertThat(text(childSibling.get("k"))).isEqualTo("v");
        store.deleteAll();
        assertThat(store.get("k")).isNull();
        assertThat(childSibling.get("k")).isNull();
        assertThat(text(sibling.get("k"))).isEqualTo("v");
        sibling.deleteAll();
        store.set("again", bytes("v"), null);
        assertThat(text(store.get("again"))).isEqualTo("v");
    }

    // ---- namespaces ----

    @Test
    void siblingsAndLookalikeNamespacesAreExactlyIsolated() {
        List<String> names = List.of("a", "ab", "a:b", "a/b", "a\\b", "..", ".", "../x", "A", " a", "\u4e16".repeat(300));
        for (String name : names) {
            store.withNamespace(name).set("x:y", bytes(name), null);
        }
        store.withNamespace("a").withNamespace("b").set("x:y", bytes("a>b"), null);
        store.withNamespace("a").set("b:x:y", bytes("key-in-a"), null);
        store.withNamespace("a").set("../", bytes("dots-in-a"), null);
        for (String name : names) {
            assertThat(text(store.withNamespace(name).get("x:y"))).as("namespace '%s'", name).isEqualTo(name);
        }
        assertThat(text(store.withNamespace("a").withNamespace("b").get("x:y"))).isEqualTo("a>b");
        assertThat(store.get("x:y")).isNull();
        assertThat(store.withNamespace("a:b").get("../")).isNull();
        assertThat(keysOf(store.withNamespace("a"))).containsExactlyInAnyOrder("x:y", "b:x:y", "../");
        assertThat(keysOf(store.withNamespace("ab"))).containsExactly("x:y");
        store.withNamespace("a").deleteAll();
        for (String name : names.subList(1, names.size())) {
            assertThat(text(store.withNamespace(name).get("x:y"))).as("namespace '%s'", name).isEqualTo(name);
        }
    }

    @Test
    void theSameNameGivesAnEquivalentStoreAndTheNamespacePathIsReported() {
        NamespacedStore child = store.withNamespace("users");
        child.set("k", bytes("v"), null);
        assertThat(text(store.withNamespace("users").get("k"))).isEqualTo("v");
        List<String> path = child.namespace();
        assertThat(path).endsWith(store.namespace().get(store.namespace().size() - 1), "users");
        assertThat(path).hasSize(store.namespace().size() + 1);
        assertThatThrownBy(() -> path.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anEmptyNamespaceIsRefused() {
        assertThatThrownBy(() -> store.withNamespace("")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- compute ----

    @Test
    void computeSeesNullForAnAbsentKeyAndStoresANewEntry() {
        List<StorageObject> seen = new ArrayList<>();
        StorageObject result = store.compute("k", current -> {
            seen.add(current);
            return StorageObject.create(bytes("v"), Duration.ofSeconds(10), clock);
        });
        assertThat(seen).containsExactly((StorageObject) null);
        assertThat(result.data()).isEqualTo(bytes("v"));
        assertThat(text(store.get("k"))).isEqualTo("v");
        assertThat(store.expiresIn("k")).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10)));
    }

    @Test
    void computeReturningTheSameInstanceLeavesTheEntryUntouched() {
        store.set("k", bytes("v"), Duration.ofSeconds(10));
        Instant expiresAt = store.read("k").expiresAt();
        clock.advance(Duration.ofSeconds(4));
        StorageObject result = store.compute("k", UnaryOperator.identity());
        assertThat(result.data()).isEqualTo(bytes("v"));
        assertThat(store.read("k").expiresAt()).isEqualTo(expiresAt);
        assertThat(store.compute("absent", UnaryOperator.identity())).isNull();
        assertThat(store.exists("absent")).isFalse();
    }

    @Test
    void computeReturningNullDeletes() {
        store.set("k", bytes("v"), null);
        assertThat(store.compute("k", current -> null)).isNull();
        assertThat(store.exists("k")).isFalse();
        assertThat(store.compute("absent", current -> null)).isNull();
    }

    @Test
    void computeSeesAnExpiredEntryAsAbsent() {
        store.set("k", bytes("old"), Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        List<StorageObject> seen = new ArrayList<>();
        store.compute("k", current -> {
            seen.add(current);
            return current;
        });
        assertThat(seen).containsExactly((StorageObject) null);
        assertThat(store.get("k")).isNull();
        store.compute("k", current -> StorageObject.of(bytes("new"), null));
        assertThat(text(store.get("k"))).isEqualTo("new");
        assertThat(store.expiresIn("k")).isEmpty();
    }

    @Test
    void computeMayStoreAnAlreadyExpiredEntryWhichIsThenAbsent() {
        store.set("k", bytes("v"), null);
        store.compute("k", current -> StorageObject.of(bytes("gone"), clock.instant().minusSeconds(1)));
        assertThat(store.get("k")).isNull();
        assertThat(store.exists("k")).isFalse();
    }

    @Test
    void computeReturningAnAlreadyExpiredEntryStoresNothingAndReturnsNull() {
        store.set("k", bytes("v"), null);
        Instant now = clock.instant();
        assertThat(store.compute("k", current -> StorageObject.of(bytes("gone"), now))).isNull();
        assertThat(store.compute("absent", current -> StorageObject.of(bytes("gone"), now.minusSeconds(1)))).isNull();
        assertThat(store.read("k")).isNull();
        assertThat(keysOf(store)).isEmpty();
        // had an expired entry been stored, it would be live again once the clock is set back
        clock.set(now.minusSeconds(5));
        assertThat(store.read("k")).isNull();
        assertThat(store.read("absent")).isNull();
        assertThat(store.exists("k")).isFalse();
        assertThat(keysOf(store)).isEmpty();
    }

    @Test
    void computeIsAtomicUnderConcurrency() throws Exception {
        int threads = 4;
        int increments = 1000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < increments; i++) {
                        store.compute("counter", current -> {
                            long n = current == null ? 0 : Long.parseLong(text(current.data()));
                            return StorageObject.of(bytes(Long.toString(n + 1)), null);
                        });
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(text(store.get("counter"))).isEqualTo(Integer.toString(threads * increments));
    }

    @Test
    void computeExclusiveRunsItsFunctionExactlyOncePerCallUnderConcurrency() throws Exception {
        int threads = 4;
        int increments = 250;
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < increments; i++) {
                        store.computeExclusive("exclusive", current -> {
                            runs.incrementAndGet();
                            long n = current == null ? 0 : Long.parseLong(text(current.data()));
                            return StorageObject.of(bytes(Long.toString(n + 1)), null);
                        });
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(runs.get()).as("function runs").isEqualTo(threads * increments);
        assertThat(text(store.get("exclusive"))).isEqualTo(Integer.toString(threads * increments));
        assertThat(store.computeExclusive("exclusive", UnaryOperator.identity()).data())
                .isEqualTo(bytes(Integer.toString(threads * increments)));
        assertThat(store.computeExclusive("exclusive", current -> null)).isNull();
        assertThat(store.get("exclusive")).isNull();
    }

    // ---- optional operations: NamespacedStore's defaults, or the backend's own ----

    @Test
    void getAndExpireAtReturnsTheValueAndSetsTheExpiryInOneStep() {
        store.set("k", bytes("v"), null);
        Instant later = clock.instant().plusSeconds(30);
        assertThat(text(store.getAndExpireAt("k", later))).isEqualTo("v");
        assertThat(store.read("k")).isEqualTo(StorageObject.of(bytes("v"), later));
        assertThat(text(store.getAndExpireAt("k", null))).isEqualTo("v");
        assertThat(store.read("k").expiresAt()).isNull();
        assertThat(store.getAndExpireAt("absent", later)).isNull();
        assertThat(store.exists("absent")).isFalse();
        assertThat(text(store.getAndExpireAt("k", clock.instant()))).isEqualTo("v");
        assertThat(store.read("k")).isNull();
        assertThat(store.getAndExpireAt("k", later)).isNull();
    }

    @Test
    void getAllAndExpireAtReadsAndExpiresEachKey() {
        store.set("a", bytes("1"), null);
        store.set("b", bytes("2"), Duration.ofSeconds(5));
        Instant later = clock.instant().plusSeconds(60);
        Map<String, byte[]> found = store.getAllAndExpireAt(List.of("a", "absent", "b"), later);
        assertThat(found.keySet()).containsExactlyInAnyOrder("a", "b");
        assertThat(text(found.get("a"))).isEqualTo("1");
        assertThat(text(found.get("b"))).isEqualTo("2");
        assertThat(store.read("a").expiresAt()).isEqualTo(later);
        assertThat(store.read("b").expiresAt()).isEqualTo(later);
        assertThat(store.exists("absent")).isFalse();
        assertThat(store.getAllAndExpireAt(List.of(), later)).isEmpty();
    }

    @Test
    void setKeepingExpiryKeepsALiveEntrysExpiryAndGivesANewEntryItsOwn() {
        Instant later = clock.instant().plusSeconds(100);
        store.set("k", bytes("old"), Duration.ofSeconds(10));
        Instant kept = store.read("k").expiresAt();
        store.setKeepingExpiry("k", bytes("new"), later);
        assertThat(store.read("k")).isEqualTo(StorageObject.of(bytes("new"), kept));
        store.set("plain", bytes("p"), null);
        store.setKeepingExpiry("plain", bytes("q"), later);
        assertThat(store.read("plain")).isEqualTo(StorageObject.of(bytes("q"), null));
        store.setKeepingExpiry("fresh", bytes("f"), later);
        assertThat(store.read("fresh")).isEqualTo(StorageObject.of(bytes("f"), later));
        store.setKeepingExpiry("eternal", bytes("e"), null);
        assertThat(store.read("eternal")).isEqualTo(StorageObject.of(bytes("e"), null));
        store.set("stale", bytes("s"), Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(2));
        Instant fromNow = clock.instant().plusSeconds(100);
        store.setKeepingExpiry("stale", bytes("t"), fromNow);
        assertThat(store.read("stale")).isEqualTo(StorageObject.of(bytes("t"), fromNow));
    }

    @Test
    void getAllReadsTheLiveValuesOfSeveralKeysAsCopies() {
        store.set("a", bytes("1"), null);
        store.set("soon", bytes("2"), Duration.ofSeconds(1));
        store.set("c", bytes("3"), Duration.ofSeconds(100));
        clock.advance(Duration.ofSeconds(1));
        Map<String, byte[]> found = store.getAll(List.of("c", "a", "soon", "absent"));
        assertThat(found.keySet()).containsExactlyInAnyOrder("a", "c");
        assertThat(text(found.get("a"))).isEqualTo("1");
        assertThat(text(found.get("c"))).isEqualTo("3");
        found.get("a")[0] = 'x';
        assertThat(text(store.get("a"))).isEqualTo("1");
        assertThat(store.read("c").expiresAt()).isEqualTo(clock.instant().plusSeconds(99));
        assertThat(store.getAll(List.of())).isEmpty();
    }

    @Test
    void setAllKeepingExpiryWritesEveryEntryKeepingLiveExpiries() {
        store.set("old", bytes("o"), Duration.ofSeconds(10));
        Instant kept = store.read("old").expiresAt();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("old", bytes("O"));
        entries.put("new", bytes("N"));
        Instant later = clock.instant().plusSeconds(100);
        store.setAllKeepingExpiry(entries, later);
        assertThat(store.read("old")).isEqualTo(StorageObject.of(bytes("O"), kept));
        assertThat(store.read("new")).isEqualTo(StorageObject.of(bytes("N"), later));
        store.setAllKeepingExpiry(Map.of("forever", bytes("f")), null);
        assertThat(store.read("forever")).isEqualTo(StorageObject.of(bytes("f"), null));
        store.setAllKeepingExpiry(Map.of(), later);
        assertThat(keysOf(store)).containsExactlyInAnyOrder("old", "new", "forever");
    }

    @Test
    void getAndDeleteAllDeletesTheKeysOfThisNamespaceAndReturnsWhatTheyHeld() {
        store.set("a", bytes("1"), null);
        store.set("b", bytes("2"), Duration.ofSeconds(10));
        store.set("stays", bytes("3"), null);
        store.withNamespace("child").set("a", bytes("c"), null);
        Map<String, byte[]> deleted = store.getAndDeleteAll(List.of("a", "absent", "b"));
        assertThat(deleted.keySet()).containsExactlyInAnyOrder("a", "b");
        assertThat(text(deleted.get("a"))).isEqualTo("1");
        assertThat(text(deleted.get("b"))).isEqualTo("2");
        assertThat(keysOf(store)).containsExactly("stays");
        assertThat(text(store.withNamespace("child").get("a"))).isEqualTo("c");
        assertThat(store.getAndDeleteAll(List.of())).isEmpty();
    }

    // ---- keys, deleteExpired ----

    @Test
    void keysListsTheLiveKeysOfThisNamespaceOnly() {
        store.set("a", bytes("1"), null);
        store.set("b", bytes("2"), Duration.ofSeconds(100));
        store.set("soon", bytes("3"), Duration.ofSeconds(1));
        store.withNamespace("child").set("c", bytes("4"), null);
        freshNamespace().set("d", bytes("5"), null);
        clock.advance(Duration.ofSeconds(1));
        assertThat(keysOf(store)).containsExactlyInAnyOrder("a", "b");
        assertThat(keysOf(store.withNamespace("child"))).containsExactly("c");
        assertThat(keysOf(store.withNamespace("nothing-here"))).isEmpty();
        Iterator<String> iterator = store.keys();
        iterator.next();
        assertThatThrownBy(iterator::remove).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keysIsWeaklyConsistentUnderChanges() {
        for (int i = 0; i < 50; i++) {
            store.set("k" + i, bytes("v"), null);
        }
        Iterator<String> iterator = store.keys();
        List<String> listed = new ArrayList<>();
        int i = 0;
        while (iterator.hasNext()) {
            listed.add(iterator.next());
            store.delete("k" + (49 - i));
            store.set("new" + i, bytes("v"), null);
            i++;
        }
        assertThat(listed).doesNotHaveDuplicates();
        assertThat(listed).allMatch(key -> key.startsWith("k") || key.startsWith("new"));
    }

    @Test
    void deleteExpiredRemovesExpiredEntriesOfTheNamespaceTreeOnly() {
        NamespacedStore child = store.withNamespace("child");
        NamespacedStore sibling = freshNamespace();
        store.set("expired", bytes("x"), Duration.ofSeconds(1));
        store.set("live", bytes("l"), Duration.ofSeconds(100));
        store.set("plain", bytes("p"), null);
        child.set("expired", bytes("x"), Duration.ofSeconds(1));
        sibling.set("expired", bytes("x"), Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(2));
        long removed = store.deleteExpired();
        assertThat(removed).isEqualTo(nativeExpiry() ? 0 : 2);
        assertThat(keysOf(store)).containsExactlyInAnyOrder("live", "plain");
        assertThat(child.exists("expired")).isFalse();
        assertThat(store.deleteExpired()).isZero();
        assertThat(sibling.deleteExpired()).isEqualTo(nativeExpiry() ? 0 : 1);
        sibling.deleteAll();
    }

    // ---- argument checks and lifecycle ----

    @Test
    void nullArgumentsAreRefusedNamingThem() {
        assertNpe(() -> store.set(null, new byte[0], null), "key");
        assertNpe(() -> store.set("k", (byte[]) null, null), "value");
        assertNpe(() -> store.set(null, "v", null), "key");
        assertNpe(() -> store.set("k", (String) null, null), "value");
        assertNpe(() -> store.get(null), "key");
        assertNpe(() -> store.get(null, Duration.ZERO), "key");
        assertNpe(() -> store.delete(null), "key");
        assertNpe(() -> store.exists(null), "key");
        assertNpe(() -> store.expiresIn(null), "key");
        assertNpe(() -> store.read(null), "key");
        assertNpe(() -> store.compute(null, UnaryOperator.identity()), "key");
        assertNpe(() -> store.compute("k", null), "remapping");
        assertNpe(() -> store.withNamespace(null), "namespace");
        assertNpe(() -> store.getAndExpireAt(null, null), "key");
        assertNpe(() -> store.getAllAndExpireAt(null, null), "keys");
        assertNpe(() -> store.setKeepingExpiry(null, new byte[0], null), "key");
        assertNpe(() -> store.setKeepingExpiry("k", null, null), "value");
        assertNpe(() -> store.getAll(null), "keys");
        assertNpe(() -> store.setAllKeepingExpiry(null, null), "entries");
        assertNpe(() -> store.getAndDeleteAll(null), "keys");
    }

    private static void assertNpe(ThrowingCallable call, String argument) {
        assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessageContaining(argument);
    }

    @Test
    void closingTheRootClosesEveryChildAndClosingTwiceIsANoOp() {
        store.set("k", bytes("v"), null);
        NamespacedStore child = store.withNamespace("child");
        root.close();
        root.close();
        for (NamespacedStore closed : List.of(root, store, child)) {
            assertIse(() -> closed.set("k", bytes("v"), null));
            assertIse(() -> closed.get("k"));
            assertIse(() -> closed.get("k", Duration.ofSeconds(1)));
            assertIse(() -> closed.delete("k"));
            assertIse(closed::deleteAll);
            assertIse(() -> closed.exists("k"));
            assertIse(() -> closed.expiresIn("k"));
            assertIse(() -> closed.read("k"));
            assertIse(() -> closed.compute("k", UnaryOperator.identity()));
            assertIse(closed::keys);
            assertIse(closed::deleteExpired);
            assertIse(() -> closed.withNamespace("x"));
            assertIse(() -> closed.getAndExpireAt("k", null));
            assertIse(() -> closed.setKeepingExpiry("k", bytes("v"), null));
            assertIse(() -> closed.getAll(List.of("k")));
            assertIse(() -> closed.setAllKeepingExpiry(Map.of("k", bytes("v")), null));
            assertIse(() -> closed.getAndDeleteAll(List.of("k")));
        }
    }

    private static void assertIse(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingAChildLeavesItsParentOpen() {
        NamespacedStore child = store.withNamespace("child");
        child.set("k", bytes("v"), null);
        child.close();
        child.close();
        assertIse(() -> child.get("k"));
        store.set("k", bytes("v"), null);
        assertThat(text(store.get("k"))).isEqualTo("v");
        assertThat(text(store.withNamespace("child").get("k"))).isEqualTo("v");
    }

    /**
     * Lists every key {@code store.keys()} yields.
     *
     * @param store the store to list
     * @return the keys in iteration order
     */
    protected static List<String> keysOf(NamespacedStore store) {
        List<String> keys = new ArrayList<>();
        store.keys().forEachRemaining(keys::add);
        return keys;
    }
}
