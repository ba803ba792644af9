package dev.stowage.redis.jcache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.jcache.StowageCachingProvider;
import dev.stowage.redis.store.RedisStore;
import dev.stowage.store.NamespacedStore;
import dev.stowage.testing.RedisServers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers and entry processors run exactly once per successful operation on a Redis-backed cache
 * that two JVMs share (this one and a child running {@link SharedCacheWorker}), each with
 * {@value SharedCacheWorker#THREADS} threads racing on the same two keys; and a JVM killed while it
 * holds a key's lock frees the key within the lock's lease.
 */
class ExactlyOnceAcrossJvmsTest {

    private static final int ITERATIONS = 150;
    private static final long PROCESS_TIMEOUT_SECONDS = 60;

    @TempDir
    Path directory;

    private final StowageCachingProvider provider = new StowageCachingProvider();
    private final String namespace = "exactly-once-" + UUID.randomUUID();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        processes.forEach(Process::destroyForcibly);
        provider.close();
        try (RedisStore store = RedisStore.withClient(RedisServers.standalone() + "/0/" + namespace)) {
            store.deleteAll();
        }
    }

    private URI managerUri(String query) {
        return URI.create(RedisServers.standalone() + "/0/" + namespace + query);
    }

    private Process worker(URI uri, String cache, String mode, Path log, int count) throws IOException {
        Process process = SharedCacheWorker.start(uri, cache, mode, log.toString(), count);
        processes.add(process);
        return process;
    }

    private static List<String> finish(Process process) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            lines.add(line);
        }
        assertThat(process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("worker finished").isTrue();
        assertThat(process.exitValue()).as("worker exit status, output %s", lines).isZero();
        return lines;
    }

    private static long value(List<String> lines, String name) {
        return lines.stream().filter(line -> line.startsWith(name + "=")).mapToLong(line ->
                Long.parseLong(line.substring(name.length() + 1))).sum();
    }

    /** The values the log holds per key, in the order written, from every log file. */
    private static Map<String, List<Long>> logged(Path... logs) throws IOException {
        Map<String, List<Long>> byKey = new HashMap<>();
        for (Path log : logs) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, UTF_8)) {
                    String[] parts = line.split(" ");
                    byKey.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Long.parseLong(parts[1]));
                }
            }
        }
        return byKey;
    }

    /** Runs the same counting loop here and in a child JVM at once; returns the two counts. */
    private long[] countInBothJvms(String mode, Cache<String, String> here, Function<String, Boolean> step,
            String cacheName, Path childLog) throws Exception {
        Process child = worker(managerUri(""), cacheName, mode, childLog, ITERATIONS);
        List<Thread> threads = new ArrayList<>();
        long[] counts = new long[SharedCacheWorker.THREADS];
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        for (int t = 0; t < SharedCacheWorker.THREADS; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < ITERATIONS; i++) {
                    try {
                        if (step.apply(SharedCacheWorker.KEYS.get((i + thread) % SharedCacheWorker.KEYS.size()))) {
                            counts[thread]++;
                        }
                    } catch (RuntimeException e) {
                        errors.add(e);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(PROCESS_TIMEOUT_SECONDS));
        }
        List<String> output = finish(child);
        assertThat(errors).as("errors in this JVM").isEmpty();
        assertThat(value(output, "errors")).as("errors in the child JVM, output %s", output).isZero();
        return new long[] {LongStream.of(counts).sum(), value(output, mode.equals("replace") ? "replaced" : "invoked")};
    }

    @Test
    void aWriteThroughReplaceWritesExactlyOnceForEachReplaceThatReturnedTrue() throws Exception {
        Path parentLog = directory.resolve("parent.log");
        Path childLog = directory.resolve("child.log");
        CacheManager manager = provider.getCacheManager(managerUri(""), null);
        Cache<String, String> cache = manager.createCache("replaced", SharedCacheWorker.writingThrough(parentLog));
        for (String key : SharedCacheWorker.KEYS) {
            // seeded past the writer, so that the log holds the replaces' writes only
            cache.unwrap(NamespacedStore.class).set(key, "0", null);
        }
        long[] counts = countInBothJvms("replace", cache, key -> {
            String seen = cache.get(key);
            return cache.replace(key, seen, Long.toString(Long.parseLong(seen) + 1));
        }, "replaced", childLog);
        long replaced = counts[0] + counts[1];
        Map<String, List<Long>> logged = logged(parentLog, childLog);
        long written = logged.values().stream().mapToLong(List::size).sum();
        assertThat(replaced).as("replace calls that returned true").isPositive();
        assertThat(written).as("writer calls").isEqualTo(replaced);
        long finalSum = 0;
        for (String key : SharedCacheWorker.KEYS) {
            long last = Long.parseLong(cache.get(key));
            finalSum += last;
            assertThat(logged.getOrDefault(key, List.of()).stream().sorted().collect(Collectors.toList()))
                    .as("the values the writer saw for %s: each of 1..%d once", key, last)
                    .isEqualTo(LongStream.rangeClosed(1, last).boxed().collect(Collectors.toList()));
        }
        assertThat(finalSum).as("the final values").isEqualTo(replaced);
    }

    @Test
    void anEntryProcessorRunsExactlyOncePerInvoke() throws Exception {
        Path parentLog = directory.resolve("parent.log");
        Path childLog = directory.resolve("child.log");
        CacheManager manager = provider.getCacheManager(managerUri(""), null);
        Cache<String, String> cache = manager.createCache("invoked", SharedCacheWorker.strings());
        for (String key : SharedCacheWorker.KEYS) {
            cache.put(key, "0");
        }
        var increment = SharedCacheWorker.increment(parentLog);
        long[] counts = countInBothJvms("invoke", cache, key -> cache.invoke(key, increment) != null, "invoked",
                childLog);
        long invoked = counts[0] + counts[1];
        assertThat(invoked).isEqualTo(2L * SharedCacheWorker.THREADS * ITERATIONS);
        Map<String, List<Long>> logged = logged(parentLog, childLog);
        assertThat(logged.values().stream().mapToLong(List::size).sum()).as("processor runs").isEqualTo(invoked);
        long finalSum = 0;
        for (String key : SharedCacheWorker.KEYS) {
            long last = Long.parseLong(cache.get(key));
            finalSum += last;
            assertThat(logged.get(key).stream().sorted().collect(Collectors.toList())).as("the runs on %s", key)
                    .isEqualTo(LongStream.rangeClosed(1, last).boxed().collect(Collectors.toList()));
        }
        assertThat(finalSum).isEqualTo(invoked);
    }

    @Test
    void aJvmKilledWhileHoldingAKeysLockFreesTheKeyWithinTheLease() throws Exception {
        String lease = "?lockLease=2s";
        CacheManager manager = provider.getCacheManager(managerUri(lease), null);
        MutableConfiguration<String, String> configuration = SharedCacheWorker.strings();
        Cache<String, String> cache = manager.createCache("held", configuration);
        cache.put(SharedCacheWorker.HELD, "before");
        Process holder = worker(managerUri(lease), "held", "hold", directory.resolve("unused.log"), 120);
        BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), UTF_8));
        assertThat(output.readLine()).isEqualTo("locked");
        holder.destroyForcibly();
        assertThat(holder.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(holder.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        long start = System.nanoTime();
        String seen = cache.invoke(SharedCacheWorker.HELD, (entry, arguments) -> {
            String before = entry.getValue();
            entry.setValue("after");
            return before;
        });
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(seen).as("the killed JVM wrote nothing").isEqualTo("before");
        assertThat(cache.get(SharedCacheWorker.HELD)).isEqualTo("after");
        assertThat(waitedMillis).as("waited for the lease of 2 s, not more").isLessThan(2_000 + 1_500);
    }
}
