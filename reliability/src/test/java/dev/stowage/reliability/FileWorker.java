package dev.stowage.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StorageObject;
import dev.stowage.store.file.FileStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The second JVM of the file store scenarios ({@link FileStoreFaultsTest}): works on a file store
 * directory another process shares and prints what it did, one figure a line. Every loop is bounded in
 * count and in time (at most two minutes).
 *
 * <p>Usage: {@code FileWorker <directory> <mode> <count> [<threads> | <first generation>]}, modes:
 * {@code counters} (threads increment {@link #COUNTER_KEYS} by {@code compute}, {@code count} times
 * each, after a {@code go} line on standard input), {@code writeloop} (writes for {@code count} ms),
 * {@code writer} (writes {@code count} keys of 64 KB to 1 MB over and over, generations counting up from
 * the one given, printing {@code ack <key> <generation>} once each write returned) and {@code fill} ({@code count} entries in a namespace and a
 * child namespace).
 */
public final class FileWorker {

    /** The namespace every mode works in. */
    static final String NAMESPACE = "reliability";
    /** The keys the counters mode increments. */
    static final List<String> COUNTER_KEYS = List.of("counter-0", "counter-1", "counter-2", "counter-3");

    private static final Duration TIME_LIMIT = Duration.ofMinutes(2);
    private static final PrintStream OUT = System.out;

    private FileWorker() {
    }

    /**
     * Runs one mode.
     *
     * @param args directory, mode, count and, for counters, threads
     * @throws Exception when the mode fails as a whole
     */
    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        int count = Integer.parseInt(args[2]);
        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        try (FileStore root = FileStore.open(directory)) {
            NamespacedStore store = root.withNamespace(NAMESPACE);
            switch (args[1]) {
                case "counters" -> counters(store, count, Integer.parseInt(args[3]), deadline);
                case "writeloop" -> writeLoop(store, Duration.ofMillis(count));
                case "writer" -> writer(store, count, Integer.parseInt(args[3]), deadline);
                case "fill" -> fill(store, count);
                default -> throw new IllegalArgumentException("unknown mode " + args[1]);
            }
        }
        OUT.flush();
    }

    private static void counters(NamespacedStore store, int iterations, int threads, long deadline) throws Exception {
        OUT.println("ready");
        OUT.flush();
        new BufferedReader(new InputStreamReader(System.in, UTF_8)).readLine();
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                for (int i = 0; i < iterations && System.nanoTime() < deadline; i++) {
                    String key = COUNTER_KEYS.get((i + thread) % COUNTER_KEYS.size());
                    try {
                        store.compute(key, current -> StorageObject.of(Long.toString(
                                (current == null ? 0 : Long.parseLong(new String(current.data(), UTF_8))) + 1)
                                .getBytes(UTF_8), null));
                        done.incrementAndGet();
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        e.printStackTrace();
                    }
                }
            });
            worker.start();
            running.add(worker);
        }
        for (Thread worker : running) {
            worker.join();
        }
        OUT.println("done=" + done.get());
        OUT.println("errors=" + errors.get());
    }

    private static void writeLoop(NamespacedStore store, Duration duration) {
        OUT.println("ready");
        OUT.flush();
        long end = System.nanoTime() + duration.toNanos();
        long done = 0;
        long errors = 0;
        for (int i = 0; System.nanoTime() < end; i++) {
            try {
                store.set("loop-" + (i % 8), ("value " + i).getBytes(UTF_8), null);
                done++;
            } catch (RuntimeException e) {
                errors++;
                e.printStackTrace();
            }
        }
        OUT.println("done=" + done);
        OUT.println("errors=" + errors);
    }

    private static void writer(NamespacedStore store, int keys, int firstGeneration, long deadline) {
        OUT.println("ready");
        OUT.flush();
        for (int generation = firstGeneration; System.nanoTime() < deadline; generation++) {
            for (int k = 0; k < keys; k++) {
                store.set("key-" + k, payload(k, generation), null);
                OUT.println("ack " + k + " " + generation);
                OUT.flush();
            }
        }
    }

    private static void fill(NamespacedStore store, int count) {
        NamespacedStore child = store.withNamespace("child");
        for (int i = 0; i < count; i++) {
            store.set("entry-" + i, ("value " + i).getBytes(UTF_8), i % 2 == 0 ? null : Duration.ofMinutes(5));
            child.set("entry-" + i, ("value " + i).getBytes(UTF_8), null);
        }
        OUT.println("done=" + count);
    }

    /**
     * The value the writer writes to key {@code k} in generation {@code generation}: 64 KB to 1 MB,
     * starting with the generation, every byte derived from both.
     *
     * @param k the key's number
     * @param generation the generation, 0 or more
     * @return the value
     */
    static byte[] payload(int k, int generation) {
        int size = 64 * 1024 * (1 + Math.floorMod(k * 31 + generation * 17, 16));
        byte[] value = new byte[size];
        ByteBuffer.wrap(value).putInt(generation);
        for (int i = 4; i < size; i++) {
            value[i] = (byte) (k * 7 + generation * 13 + i);
        }
        return value;
    }

    /**
     * The generation of a value the writer wrote to key {@code k}.
     *
     * @param k the key's number
     * @param value what the store returned
     * @return the generation, or -1 when the value is not exactly one the writer wrote (corrupt)
     */
    static int generationOf(int k, byte[] value) {
        if (value.length < 4) {
            return -1;
        }
        int generation = ByteBuffer.wrap(value).getInt();
        return generation >= 0 && Arrays.equals(value, payload(k, generation)) ? generation : -1;
    }
}
