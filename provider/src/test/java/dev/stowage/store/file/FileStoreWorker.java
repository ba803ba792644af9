package dev.stowage.store.file;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StorageObject;
import dev.stowage.store.StoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child process of {@link FileStoreProcessTest}: works on a file store directory that another
 * process shares, and prints what it did on standard output. Every loop is bounded in count and in
 * time.
 *
 * <p>Usage: {@code FileStoreWorker <directory> hammer <iterations>} |
 * {@code FileStoreWorker <directory> writer <keys>} | {@code FileStoreWorker <directory> oversize <bytes>} |
 * {@code FileStoreWorker <directory> counters <iterations per thread>} |
 * {@code FileStoreWorker <directory> writeloop <milliseconds>}.
 */
public final class FileStoreWorker {

    /** The namespace the workers use. */
    static final String NAMESPACE = "process-test";
    /** How many distinct keys the hammer's putIfAbsent claims. */
    static final int SLOTS = 50;
    /** The size of each value the writer writes, large so that a kill lands mid-write. */
    static final int WRITER_VALUE_SIZE = 256 * 1024;

    /** The keys the counters mode increments; their entry files lie in distinct lock stripes. */
    static final List<String> COUNTER_KEYS = List.of("counter-0", "counter-1", "counter-2", "counter-3");
    /** How many threads the counters mode runs. */
    static final int COUNTER_THREADS = 4;
    /** How many keys the writeloop mode writes. */
    static final int LOOP_KEYS = 8;

    private static final Duration TIME_LIMIT = Duration.ofMinutes(2);

    private FileStoreWorker() {
    }

    /**
     * Runs one mode.
     *
     * @param args the directory, the mode and its count
     */
    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        int count = Integer.parseInt(args[2]);
        Instant deadline = Instant.now().plus(TIME_LIMIT);
        try (FileStore root = FileStore.open(directory)) {
            NamespacedStore store = root.withNamespace(NAMESPACE);
            switch (args[1]) {
                case "hammer" -> hammer(store, count, deadline);
                case "writer" -> writer(store, count, deadline);
                case "oversize" -> oversize(store, count);
                case "counters" -> counters(store, count, deadline);
                case "writeloop" -> writeLoop(store, Duration.ofMillis(count));
                default -> throw new IllegalArgumentException("unknown mode " + args[1]);
            }
        }
        System.out.flush();
    }

    private static void hammer(NamespacedStore store, int iterations, Instant deadline) {
        System.out.println("ready");
        System.out.flush();
        int claimed = 0;
        int replaced = 0;
        for (int i = 0; i < iterations && Instant.now().isBefore(deadline); i++) {
            store.compute("counter", current -> number(current == null ? 1 : value(current) + 1));
            String slot = "slot-" + (i % SLOTS);
            boolean[] won = {false};
            store.compute(slot, current -> {
                won[0] = current == null;
                return current == null ? number(1) : current;
            });
            claimed += won[0] ? 1 : 0;
            byte[] seen = store.get("cas");
            long expected = seen == null ? 0 : Long.parseLong(new String(seen, UTF_8));
            boolean[] swapped = {false};
            store.compute("cas", current -> {
                long now = current == null ? 0 : value(current);
                swapped[0] = now == expected;
                return now == expected ? number(expected + 1) : current;
            });
            replaced += swapped[0] ? 1 : 0;
        }
        System.out.println("claimed=" + claimed);
        System.out.println("replaced=" + replaced);
    }

    /**
     * Prints {@code ready}, waits for a line on standard input (so that two workers start together),
     * then runs {@link #COUNTER_THREADS} threads that each increment the {@link #COUNTER_KEYS} in turn,
     * {@code iterations} times each, through {@code compute}. Prints {@code done=N} (increments),
     * {@code errors=N} and the first error's stack trace, if any.
     */
    private static void counters(NamespacedStore store, int iterations, Instant deadline) {
        System.out.println("ready");
        System.out.flush();
        awaitGo();
        AtomicLong increments = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < COUNTER_THREADS; t++) {
            int offset = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < iterations && Instant.now().isBefore(deadline); i++) {
                    String key = COUNTER_KEYS.get((i + offset) % COUNTER_KEYS.size());
                    try {
                        store.compute(key, current -> number(current == null ? 1 : value(current) + 1));
                        increments.incrementAndGet();
                    } catch (RuntimeException e) {
                        errors.add(e);
                    }
                }
            }, "counter-" + t);
            threads.add(thread);
            thread.start();
        }
        joinAll(threads);
        report(increments.get(), errors);
    }

    /**
     * Prints {@code ready}, then for {@code duration} writes {@link #LOOP_KEYS} keys in turn, by
     * {@code set} and by {@code compute}, while another process clears the namespace. Prints
     * {@code done=N} (writes), {@code errors=N} and the first error's stack trace, if any.
     */
    private static void writeLoop(NamespacedStore store, Duration duration) {
        System.out.println("ready");
        System.out.flush();
        Instant end = Instant.now().plus(duration);
        long writes = 0;
        List<Throwable> errors = new ArrayList<>();
        for (int i = 0; Instant.now().isBefore(end); i++) {
            String key = "loop-" + (i % LOOP_KEYS);
            try {
                if (i % 2 == 0) {
                    store.set(key, number(i).data(), null);
                } else {
                    store.compute(key, current -> number(current == null ? 1 : value(current) + 1));
                }
                writes++;
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        report(writes, errors);
    }

    private static void awaitGo() {
        try {
            new BufferedReader(new InputStreamReader(System.in, UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void joinAll(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + thread.getName(), e);
            }
        }
    }

    private static void report(long done, Iterable<Throwable> errors) {
        int count = 0;
        Throwable first = null;
        for (Throwable error : errors) {
            first = first == null ? error : first;
            count++;
        }
        System.out.println("done=" + done);
        System.out.println("errors=" + count);
        if (first != null) {
            first.printStackTrace(System.out);
        }
    }

    private static void writer(NamespacedStore store, int keys, Instant deadline) {
        for (int generation = 1; Instant.now().isBefore(deadline); generation++) {
            for (int k = 0; k < keys; k++) {
                store.set("key-" + k, payload(k, generation), null);
            }
            if (generation == 1) {
                System.out.println("ready");
                System.out.flush();
            }
        }
    }

    private static void oversize(NamespacedStore store, int bytes) {
        try {
            store.set("small", new byte[bytes], null);
            System.out.println("stored");
        } catch (StoreException e) {
            System.out.println("failed: " + e.getMessage());
        }
    }

    /**
     * Builds the writer's value for a key and generation: a fixed-size array whose every byte
     * derives from both, so that a mix of two versions or a torn write is detectable.
     *
     * @param key the key's number
     * @param generation the generation, from 0
     * @return the value
     */
    static byte[] payload(int key, int generation) {
        byte[] value = new byte[WRITER_VALUE_SIZE];
        byte[] head = (key + ":" + generation + ":").getBytes(UTF_8);
        for (int i = 0; i < value.length; i++) {
            value[i] = head[i % head.length];
        }
        return value;
    }

    /**
     * Tells the generation a writer value is of, checking that it is whole.
     *
     * @param key the key's number
     * @param value the value read
     * @return the generation, or -1 when the value is not a whole payload of that key
     */
    static int generationOf(int key, byte[] value) {
        String text = new String(value, 0, Math.min(value.length, 40), UTF_8);
        String[] parts = text.split(":");
        if (parts.length < 2 || !parts[0].equals(Integer.toString(key))) {
            return -1;
        }
        int generation = Integer.parseInt(parts[1]);
        return Arrays.equals(value, payload(key, generation)) ? generation : -1;
    }

    private static long value(StorageObject object) {
        return Long.parseLong(new String(object.data(), UTF_8));
    }

    private static StorageObject number(long n) {
        return StorageObject.of(Long.toString(n).getBytes(UTF_8), null);
    }
}
