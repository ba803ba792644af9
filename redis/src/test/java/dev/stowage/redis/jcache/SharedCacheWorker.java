package dev.stowage.redis.jcache;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.stowage.jcache.StowageCache;
import dev.stowage.jcache.StowageCachingProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheWriter;
import javax.cache.processor.EntryProcessor;

/**
 * A JVM that shares a Redis-backed JCache cache with the test's own JVM: the child process of
 * {@link ExactlyOnceAcrossJvmsTest}. It prints what it did on standard output; every loop is bounded
 * in count and in time.
 *
 * <p>Usage: {@code SharedCacheWorker <manager URI> <cache> <mode> <log file> <count>}, modes:
 * <ul>
 *   <li>{@code replace}: {@link #THREADS} threads each run {@code count} times {@code get(k)} then
 *       {@code replace(k, v, v + 1)} over {@link #KEYS}, on a write-through cache whose writer appends
 *       {@code "key value"} to the log file; prints {@code replaced=N}, {@code errors=N}.</li>
 *   <li>{@code invoke}: the same with {@code invoke(k, increment)}, the processor appending
 *       {@code "key value"} to the log file for every run; prints {@code invoked=N}, {@code errors=N}.</li>
 *   <li>{@code hold}: invokes on key {@link #HELD} a processor that prints {@code locked} and then
 *       sleeps for {@code count} seconds: the test kills this JVM while it holds the key's lock.</li>
 *   <li>{@code events}: {@link #THREADS} threads each run {@code count} random {@code put},
 *       {@code replace} and {@code remove} calls over {@link #EVENT_KEYS} keys, every value unique;
 *       prints {@code events=N} (the entry events its calls made) and {@code errors=N}.</li>
 *   <li>{@code paced}: puts {@code count} values {@code 0, 1, ...} into key {@link #PACED}, one every
 *       {@link #PACE_NANOS} ns, and writes {@code "i nanoTime"} per put to the log file, the time taken
 *       when the put returned ({@code System.nanoTime}, one clock for every JVM of a Linux host); prints
 *       {@code paced=N}.</li>
 *   <li>{@code expiring}: puts {@code count} keys {@code x0, x1, ...} with values {@code child-0, ...},
 *       each with a time to live of {@link #EXPIRING_TTL}; prints {@code expiring=N}.</li>
 * </ul>
 */
public final class SharedCacheWorker {

    /** The keys the counting modes increment. */
    static final List<String> KEYS = List.of("k0", "k1");
    /** How many threads the counting modes run. */
    static final int THREADS = 4;
    /** How many keys the events mode works on. */
    static final int EVENT_KEYS = 16;
    /** The key the paced mode writes. */
    static final String PACED = "paced";
    /** Nanoseconds between two puts of the paced mode. */
    static final long PACE_NANOS = 500_000;
    /** The key the hold mode locks. */
    static final String HELD = "held";

    /** The time to live of the entries of the expiring mode. */
    static final Duration EXPIRING_TTL = Duration.ofMillis(300);

    private static final Duration TIME_LIMIT = Duration.ofSeconds(50);

    private SharedCacheWorker() {
    }

    /**
     * Runs one mode.
     *
     * @param args the manager URI, the cache name, the mode, the log file and the count
     * @throws Exception if the mode fails
     */
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        String cacheName = args[1];
        Path log = Path.of(args[3]);
        int count = Integer.parseInt(args[4]);
        try (StowageCachingProvider provider = new StowageCachingProvider()) {
            CacheManager manager = provider.getCacheManager(uri, SharedCacheWorker.class.getClassLoader());
            switch (args[2]) {
                case "replace" -> replace(manager.createCache(cacheName, writingThrough(log)), count);
                case "invoke" -> invoke(manager.createCache(cacheName, strings()), log, count);
                case "hold" -> hold(manager.createCache(cacheName, strings()), count);
                case "events" -> events(manager.createCache(cacheName, strings()), "child", count);
                case "expiring" -> expiring(manager.createCache(cacheName, strings()), count);
                case "paced" -> paced(manager.createCache(cacheName, strings()), log, count);
                default -> throw new IllegalArgumentException("unknown mode " + args[2]);
            }
        }
        System.out.flush();
        // the shared Redisson client's threads must not keep this JVM alive
        System.exit(0);
    }

    /**
     * Starts this worker in a child JVM on the test's class path.
     *
     * @return the child process; its standard output is the worker's report
     */
    static Process start(URI uri, String cacheName, String mode, String log, int count) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-Xshare:auto", "-cp", classPath, SharedCacheWorker.class.getName(),
                uri.toString(), cacheName, mode, log, Integer.toString(count))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /**
     * Reads a child's output to its end and waits for it to exit with status 0.
     *
     * @return the output lines
     * @throws IllegalStateException if it did not end within {@code timeoutSeconds} or failed (with its output)
     */
    static List<String> output(Process child, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> output = new ArrayList<>();
        try (java.io.BufferedReader reader = new java.io.BufferedReader(
                new java.io.InputStreamReader(child.getInputStream(), UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
            }
        }
        if (!child.waitFor(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS) || child.exitValue() != 0) {
            throw new IllegalStateException("the child JVM did not end well; its output: " + output);
        }
        return output;
    }

    /** A configuration of {@code String} keys and values. */
    static MutableConfiguration<String, String> strings() {
        return new MutableConfiguration<String, String>().setTypes(String.class, String.class);
    }

    /** A write-through configuration whose writer appends {@code "key value"} to {@code log}. */
    static MutableConfiguration<String, String> writingThrough(Path log) {
        return strings().setWriteThrough(true).setCacheWriterFactory(() -> new LoggingWriter(log));
    }

    /** Appends one line to {@code log}, a whole line per call (the file is opened for append). */
    static void append(Path log, String line) {
        try {
            Files.write(log, (line + "\n").getBytes(UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The system of record of the tests: a file that gets one line per write. */
    static final class LoggingWriter implements CacheWriter<String, String> {
        private final Path log;

        LoggingWriter(Path log) {
            this.log = log;
        }

        @Override
        public void write(Cache.Entry<? extends String, ? extends String> entry) {
            append(log, entry.getKey() + " " + entry.getValue());
        }

        @Override
        public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
            entries.forEach(this::write);
            entries.clear();
        }

        @Override
        public void delete(Object key) {
            append(log, key + " deleted");
        }

        @Override
        public void deleteAll(Collection<?> keys) {
            keys.forEach(this::delete);
            keys.clear();
        }
    }

    /** Increments the entry's number, appending {@code "key value"} to the log on every run. */
    static EntryProcessor<String, String, Long> increment(Path log) {
        return (entry, arguments) -> {
            long next = Long.parseLong(entry.getValue()) + 1;
            append(log, entry.getKey() + " " + next);
            entry.setValue(Long.toString(next));
            return next;
        };
    }

    private static void replace(Cache<String, String> cache, int iterations) {
        run(iterations, key -> {
            String seen = cache.get(key);
            return cache.replace(key, seen, Long.toString(Long.parseLong(seen) + 1));
        }, "replaced");
    }

    private static void invoke(Cache<String, String> cache, Path log, int iterations) {
        EntryProcessor<String, String, Long> increment = increment(log);
        run(iterations, key -> cache.invoke(key, increment) != null, "invoked");
    }

    /** One step of a counting mode on one key: whether it counted. */
    private interface Step {
        boolean run(String key);
    }

    /** Runs the threads of a counting mode; prints and returns {@code {done, errors}}. */
    private static long[] run(int iterations, Step step, String name) {
        Instant deadline = Instant.now().plus(TIME_LIMIT);
        AtomicLong done = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int offset = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < iterations && Instant.now().isBefore(deadline); i++) {
                    try {
                        if (step.run(KEYS.get((i + offset) % KEYS.size()))) {
                            done.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        errors.add(e);
                    }
                }
            }, name + "-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        System.out.println(name + "=" + done.get());
        System.out.println("errors=" + errors.size());
        if (!errors.isEmpty()) {
            errors.peek().printStackTrace(System.out);
        }
        return new long[] {done.get(), errors.size()};
    }

    /**
     * Runs {@link #THREADS} threads of {@code count} random writes each on {@link #EVENT_KEYS} keys;
     * values are {@code tag-thread-i}, unique. Prints {@code events=N}, {@code errors=N}.
     *
     * @return {@code {events made, errors}}
     */
    static long[] events(Cache<String, String> cache, String tag, int count) {
        AtomicLong events = new AtomicLong();
        long[] done = run(count, new Step() {
            private final ThreadLocal<Integer> calls = ThreadLocal.withInitial(() -> 0);

            @Override
            public boolean run(String ignored) {
                int call = calls.get();
                calls.set(call + 1);
                ThreadLocalRandom random = ThreadLocalRandom.current();
                String key = "e" + random.nextInt(EVENT_KEYS);
                String value = tag + "-" + Thread.currentThread().getName() + "-" + call;
                int choice = random.nextInt(10);
                if (choice < 6) {
                    cache.put(key, value);
                    events.incrementAndGet();
                } else if (choice < 8) {
                    if (cache.replace(key, value)) {
                        events.incrementAndGet();
                    }
                } else if (cache.remove(key)) {
                    events.incrementAndGet();
                }
                return true;
            }
        }, "calls");
        System.out.println("events=" + events.get());
        return new long[] {events.get(), done[1]};
    }

    @SuppressWarnings("unchecked")
    private static void expiring(Cache<String, String> cache, int count) {
        StowageCache<String, String> stowage = cache.unwrap(StowageCache.class);
        for (int i = 0; i < count; i++) {
            stowage.put("x" + i, "child-" + i, EXPIRING_TTL);
        }
        System.out.println("expiring=" + count);
    }

    private static void paced(Cache<String, String> cache, Path log, int count) throws IOException {
        long[] returned = new long[count];
        for (int i = 0; i < count; i++) {
            cache.put(PACED, Integer.toString(i));
            returned[i] = System.nanoTime();
            java.util.concurrent.locks.LockSupport.parkNanos(PACE_NANOS);
        }
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append(i).append(' ').append(returned[i]).append('\n');
        }
        Files.writeString(log, lines);
        System.out.println("paced=" + count);
    }

    private static void hold(Cache<String, String> cache, int seconds) {
        cache.invoke(HELD, (entry, arguments) -> {
            System.out.println("locked");
            System.out.flush();
            try {
                Thread.sleep(seconds * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            entry.setValue("held to the end");
            return null;
        });
    }
}
