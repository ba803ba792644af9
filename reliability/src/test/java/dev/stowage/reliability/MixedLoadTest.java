package dev.stowage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.testing.RedisServers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mixed JCache load, 8 threads for 30 seconds on each backend (memory, file, Redis): entry-processor
 * counters on 4 shared keys, and {@code put} / {@code get} / {@code putIfAbsent} / {@code replace} /
 * {@code getAndPut} / {@code remove} on each thread's own keys, every answer checked against the
 * thread's own model. No call may throw, every answer must match, and the final state must be exact.
 */
class MixedLoadTest {

    private static final int THREADS = 8;
    private static final Duration DURATION = Duration.ofSeconds(30);
    private static final int COUNTERS = 4;
    private static final int OWN_KEYS = 16;

    @TempDir
    static Path directory;

    static Stream<Arguments> backends() {
        String redis = RedisServers.standalone();
        return Stream.of(Arguments.of("memory", "memory:/"),
                Arguments.of("file", "filestore:" + directory.resolve("store")),
                Arguments.of("redis", redis.replaceAll("/+$", "") + "/0/stowage-reliability-" + UUID.randomUUID()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void eightThreadsOfMixedCallsStayExact(String backend, String uri) throws InterruptedException {
        try (CacheManager manager = Caching.getCachingProvider("dev.stowage.jcache.StowageCachingProvider")
                .getCacheManager(URI.create(uri), MixedLoadTest.class.getClassLoader())) {
            Cache<String, Long> cache = manager.createCache("mixed", new MutableConfiguration<String, Long>()
                    .setTypes(String.class, Long.class));
            AtomicLong calls = new AtomicLong();
            AtomicLong increments = new AtomicLong();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            List<Map<String, Long>> models = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            long end = System.nanoTime() + DURATION.toNanos();
            for (int t = 0; t < THREADS; t++) {
                Map<String, Long> model = new HashMap<>();
                models.add(model);
                int thread = t;
                Thread worker = new Thread(() -> run(cache, thread, model, end, calls, increments, problems));
                threads.add(worker);
                worker.start();
            }
            for (Thread worker : threads) {
                worker.join(DURATION.plusSeconds(60).toMillis());
            }
            long counted = 0;
            for (int c = 0; c < COUNTERS; c++) {
                Long value = cache.get("counter-" + c);
                counted += value == null ? 0 : value;
            }
            long wrongFinal = 0;
            for (Map<String, Long> model : models) {
                for (Map.Entry<String, Long> entry : model.entrySet()) {
                    if (!Objects.equals(cache.get(entry.getKey()), entry.getValue())) {
                        wrongFinal++;
                    }
                }
            }
            Figures.of("mixed JCache load on " + backend + ": 8 threads x 30 s").put("calls", calls.get())
                    .put("exceptions or wrong answers", problems.size()).put("increments", increments.get())
                    .put("counters total", counted).put("wrong final entries", wrongFinal).print();
            assertThat(problems).isEmpty();
            assertThat(counted).isEqualTo(increments.get());
            assertThat(wrongFinal).isZero();
            assertThat(calls.get()).isPositive();
            cache.clear();
        }
    }

    private static void run(Cache<String, Long> cache, int thread, Map<String, Long> model, long end, AtomicLong calls,
            AtomicLong increments, ConcurrentLinkedQueue<String> problems) {
        for (long i = 0; System.nanoTime() < end; i++) {
            String key = "t" + thread + "-" + (i % OWN_KEYS);
            Long expected = model.get(key);
            try {
                calls.incrementAndGet();
                switch ((int) (i % 7)) {
                    case 0 -> {
                        cache.invoke("counter-" + (i % COUNTERS), (entry, args) -> {
                            entry.setValue(entry.exists() ? entry.getValue() + 1 : 1L);
                            return null;
                        });
                        increments.incrementAndGet();
                    }
                    case 1 -> {
                        cache.put(key, i);
                        model.put(key, i);
                    }
                    case 2 -> check(problems, key, "get", expected, cache.get(key));
                    case 3 -> {
                        check(problems, key, "putIfAbsent", expected == null, cache.putIfAbsent(key, i));
                        model.putIfAbsent(key, i);
                    }
                    case 4 -> {
                        boolean replaced = expected != null && cache.replace(key, expected, i);
                        check(problems, key, "replace", expected != null, replaced);
                        if (replaced) {
                            model.put(key, i);
                        }
                    }
                    case 5 -> {
                        check(problems, key, "getAndPut", expected, cache.getAndPut(key, i));
                        model.put(key, i);
                    }
                    default -> {
                        check(problems, key, "remove", expected != null, cache.remove(key));
                        model.remove(key);
                    }
                }
            } catch (RuntimeException e) {
                problems.add(key + ": " + e);
            }
        }
    }

    private static void check(ConcurrentLinkedQueue<String> problems, String key, String operation, Object expected,
            Object actual) {
        if (!Objects.equals(expected, actual)) {
            problems.add(key + ": " + operation + " gave " + actual + ", expected " + expected);
        }
    }
}
