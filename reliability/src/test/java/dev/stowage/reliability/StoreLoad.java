package dev.stowage.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.stowage.store.NamespacedStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on stores while a test injects faults: threads that each write and read keys of their own
 * ({@code t<thread>-<n>}, spread over the stores given) as fast as they can, counting calls and failures, the longest a failing call
 * took, the last failure's time, and which writes were acknowledged (returned) and which failed after
 * that (a failed write may still have reached the server). Thread-safe.
 */
final class StoreLoad {

    private static final int KEYS_PER_THREAD = 50;

    private final List<NamespacedStore> stores;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong longestFailureNanos = new AtomicLong();
    private final AtomicLong lastFailureNanos = new AtomicLong();
    private final Map<String, Integer> messages = new ConcurrentHashMap<>();
    /** Per store index and key: the last acknowledged value, and the values of failed writes after it. */
    private final Map<String, Written> written = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /**
     * Starts the threads on one store.
     *
     * @param store the store to load
     * @param threadCount how many threads
     */
    StoreLoad(NamespacedStore store, int threadCount) {
        this(List.of(store), threadCount);
    }

    /**
     * Starts the threads; the n-th call of a thread goes to store {@code n % stores.size()}.
     *
     * @param stores the stores to load, e.g. namespaces in different cluster hash slots
     * @param threadCount how many threads
     */
    StoreLoad(List<NamespacedStore> stores, int threadCount) {
        this.stores = List.copyOf(stores);
        for (int t = 0; t < threadCount; t++) {
            int thread = t;
            Thread worker = new Thread(() -> run(thread), "reliability-load-" + t);
            worker.setDaemon(true);
            threads.add(worker);
            worker.start();
        }
    }

    private void run(int thread) {
        for (long i = 0; running; i++) {
            int index = (int) (i % stores.size());
            NamespacedStore store = stores.get(index);
            long round = i / stores.size();
            boolean read = round % 4 == 3;
            String key = "t" + thread + "-" + (round % KEYS_PER_THREAD);
            String slot = index + "/" + key;
            String value = "value-" + i;
            long start = System.nanoTime();
            calls.incrementAndGet();
            try {
                if (read) {
                    store.get(key);
                } else {
                    store.set(key, value.getBytes(UTF_8), null);
                    written.put(slot, new Written(value, new ArrayList<>()));
                }
            } catch (RuntimeException e) {
                long now = System.nanoTime();
                errors.incrementAndGet();
                longestFailureNanos.accumulateAndGet(now - start, Math::max);
                lastFailureNanos.accumulateAndGet(now, Math::max);
                messages.merge(e.getMessage().replaceAll("\\d+ ms", "N ms"), 1, Integer::sum);
                if (!read) {
                    written.computeIfAbsent(slot, k -> new Written(null, new ArrayList<>())).failed().add(value);
                }
                pause(Duration.ofMillis(5));
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the threads and waits for them.
     *
     * @return this load
     */
    StoreLoad stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        return this;
    }

    long calls() {
        return calls.get();
    }

    long errors() {
        return errors.get();
    }

    Duration longestFailure() {
        return Duration.ofNanos(longestFailureNanos.get());
    }

    /**
     * The time of the last failure, as {@link System#nanoTime()}.
     *
     * @return 0 when nothing failed
     */
    long lastFailureNanos() {
        return lastFailureNanos.get();
    }

    /**
     * The failures' messages.
     *
     * @return message to count
     */
    Map<String, Integer> messages() {
        return Map.copyOf(messages);
    }

    /**
     * Prints the most frequent failure messages, indented, one a line.
     *
     * @param max at most this many
     */
    void printMessages(int max) {
        messages.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(max)
                .forEach(e -> System.out.println("  " + e.getValue() + " x " + e.getKey()));
    }

    /**
     * Reads every key written and counts those that hold neither their last acknowledged value nor
     * the value of a write that failed after it: acknowledged writes lost. Call after {@link #stop()}.
     *
     * @return the keys that lost an acknowledged write
     */
    Set<String> lostAcknowledged() {
        Set<String> lost = new HashSet<>();
        new HashMap<>(written).forEach((slot, state) -> {
            if (state.acknowledged() == null) {
                return;
            }
            int slash = slot.indexOf('/');
            byte[] now = stores.get(Integer.parseInt(slot.substring(0, slash))).get(slot.substring(slash + 1));
            String value = now == null ? null : new String(now, UTF_8);
            if (!state.acknowledged().equals(value) && !state.failed().contains(value)) {
                lost.add(slot);
            }
        });
        return lost;
    }

    /**
     * How many keys hold an acknowledged write.
     *
     * @return the count
     */
    long acknowledgedKeys() {
        return written.values().stream().filter(state -> state.acknowledged() != null).count();
    }

    /** The last acknowledged value of a key (null when none) and the failed writes after it. */
    private record Written(String acknowledged, List<String> failed) {
    }
}
