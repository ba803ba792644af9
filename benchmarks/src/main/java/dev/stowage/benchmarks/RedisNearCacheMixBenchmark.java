package dev.stowage.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * A 90/10 read/write mix across two JVMs of one Redis-backed cache (issue 12): JMH's JVM and a second one
 * ({@link NearMixWorker}) that the set-up starts with the same class path, each with a client of its own
 * ({@link MixClient}: a caching provider, cache manager and Redis connections), each running the mix on as
 * many threads as JMH's: each call picks a key from a Zipf(0.99) law over {@value #KEYS} keys; 10% of calls
 * {@code put} a new version of the value (of the nearest key that thread owns: each key has one writing
 * thread, so that versions reach Redis in order), 90% {@code get} ({@link NearMixCall}). Providers: {@code near}
 * (Stowage with a near cache of {@value #NEAR_ENTRIES} entries in both JVMs, a tenth of the keys),
 * {@code stowage} (without) and {@code redisson} (Redisson's JCache). Versions and when each key's newest
 * put returned are shared through a memory-mapped file ({@link MixTable}).
 *
 * <p>The primary figure is this JVM's calls per second; the auxiliary counter {@code otherJvmCalls} is the
 * other JVM's calls per second in the same iteration (their sum is the mix's throughput), and
 * {@code staleReads} counts the reads of both JVMs in the iteration that returned a version older than the
 * key's newest one whose {@code put} (in either JVM) had returned more than {@value #BOUND_MILLIS} ms before
 * (the near cache's stated bound): it must stay 0.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisNearCacheMixBenchmark {

    /** How many keys; every one is present before measuring. */
    public static final int KEYS = RedisNearCacheBenchmark.KEYS;
    /** The near cache's bound, in entries: a tenth of the keys. */
    public static final int NEAR_ENTRIES = 10_000;
    /** The staleness bound a read is checked against, in milliseconds. */
    public static final long BOUND_MILLIS = 1_000;
    /** How long the other JVM may take to start and open its client, in seconds. */
    private static final long START_SECONDS = 60;

    /** The provider: {@code near}, {@code stowage} or {@code redisson}. */
    @Param({"near", "stowage", "redisson"})
    public String provider;

    private MixClient client;
    private MixTable table;
    private Path tableFile;
    private Path workerLog;
    private Process worker;

    /** Creates the benchmark; JMH sets the parameters. */
    public RedisNearCacheMixBenchmark() {
    }

    /**
     * Opens this JVM's client, creates the cache, puts version 0 of every key, and starts the other JVM
     * with as many threads as this benchmark runs; returns once it runs its mix.
     *
     * @param params JMH's parameters, for the thread count
     * @throws IOException if the shared table or the other JVM's log cannot be created
     * @throws InterruptedException if interrupted while waiting for the other JVM
     * @throws IllegalStateException if the other JVM exits or is not ready within {@value #START_SECONDS} s
     */
    @Setup
    public void setUp(BenchmarkParams params) throws IOException, InterruptedException {
        String name = Bench.unique("near-mix");
        URI uri = RedisJCacheBenchmark.stowageUri(Bench.unique("bench"));
        client = MixClient.open(provider, uri, name);
        tableFile = Files.createTempFile("near-mix", ".table");
        table = MixTable.map(tableFile, KEYS);
        SplittableRandom random = new SplittableRandom(5);
        Map<String, byte[]> chunk = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            chunk.put(NearMixCall.key(i), NearMixCall.value(0, random));
            if (chunk.size() == 1000) {
                client.cache().putAll(chunk);
                chunk.clear();
            }
        }
        workerLog = Files.createTempFile("near-mix", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        worker = new ProcessBuilder(List.of(java, "-Xms1g", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                NearMixWorker.class.getName(), tableFile.toString(), provider, uri.toString(), name,
                Integer.toString(params.getThreads())))
                .redirectErrorStream(true).redirectOutput(workerLog.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (!table.isReady()) {
            if (!worker.isAlive() || System.nanoTime() > deadline) {
                worker.destroyForcibly();
                throw new IllegalStateException("the other JVM of the mix " + (worker.isAlive() ? "is not ready" : "exited")
                        + ": " + Files.readString(workerLog));
            }
            Thread.sleep(20);
        }
    }

    /**
     * Stops the other JVM, removes the cache's keys and closes this JVM's client.
     *
     * @throws IOException if a temporary file cannot be read or deleted
     * @throws InterruptedException if interrupted while waiting for the other JVM
     * @throws IllegalStateException if the other JVM did not stop cleanly (its output is in the message)
     */
    @TearDown
    public void tearDown() throws IOException, InterruptedException {
        try {
            table.stop();
            if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                worker.destroyForcibly();
            }
            if (worker.exitValue() != 0) {
                throw new IllegalStateException("the other JVM of the mix failed: " + Files.readString(workerLog));
            }
        } finally {
            client.destroyCache();
            client.close();
            table.close();
            Files.deleteIfExists(tableFile);
            Files.deleteIfExists(workerLog);
        }
    }

    /** One thread's random source and Zipf key sequence. */
    @State(Scope.Thread)
    public static class Calls {
        private final RedisNearCacheBenchmark.Zipf zipf = new RedisNearCacheBenchmark.Zipf();
        private SplittableRandom random;
        private int writer;
        private int writers;

        /** Creates the holder; JMH calls {@link #setUp}. */
        public Calls() {
        }

        /**
         * Precomputes the key sequence.
         *
         * @param thread JMH's view of this thread
         */
        @Setup
        public void setUp(ThreadParams thread) {
            zipf.setUp(thread);
            random = new SplittableRandom(7000L + thread.getThreadIndex());
            writer = thread.getThreadIndex();
            writers = 2 * thread.getThreadCount();
        }
    }

    /**
     * What a thread-scoped counter takes from the other JVM in one iteration: the first thread of JMH's adds
     * the growth, during the iteration, of one of the other JVM's counts in the shared {@link MixTable}. (JMH
     * zeroes the counters at the start of each iteration.)
     */
    public abstract static class OtherJvmShare {
        private final ToLongFunction<MixTable> otherCount;
        private boolean first;
        private long before;

        /**
         * Creates the share.
         *
         * @param otherCount reads the other JVM's count from the table
         */
        protected OtherJvmShare(ToLongFunction<MixTable> otherCount) {
            this.otherCount = otherCount;
        }

        /**
         * Starts a new iteration: notes the other JVM's count.
         *
         * @param benchmark the benchmark, for the shared table
         * @param thread JMH's view of this thread
         */
        @Setup(Level.Iteration)
        public void startIteration(RedisNearCacheMixBenchmark benchmark, ThreadParams thread) {
            first = thread.getThreadIndex() == 0;
            before = otherCount.applyAsLong(benchmark.table);
        }

        /**
         * Ends the iteration: the first thread adds the growth of the other JVM's count.
         *
         * @param benchmark the benchmark, for the shared table
         */
        @TearDown(Level.Iteration)
        public void endIteration(RedisNearCacheMixBenchmark benchmark) {
            if (first) {
                add(otherCount.applyAsLong(benchmark.table) - before);
            }
        }

        /** Adds the other JVM's share to this thread's counter. */
        abstract void add(long count);
    }

    /** The reads of both JVMs that returned a value older than the bound allows, during one iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Stale extends OtherJvmShare {
        /** Stale reads counted in this iteration, this thread's and (first thread) the other JVM's; must be 0. */
        public long staleReads;

        /** Creates the counter. */
        public Stale() {
            super(MixTable::otherStaleReads);
        }

        @Override
        void add(long count) {
            staleReads += count;
        }
    }

    /** The other JVM's calls during one iteration, which JMH reports per second (counted by the first thread). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class OtherJvm extends OtherJvmShare {
        /** The other JVM's calls in this iteration (first thread; 0 in the others). */
        public long otherJvmCalls;

        /** Creates the counter. */
        public OtherJvm() {
            super(MixTable::otherCalls);
        }

        @Override
        void add(long count) {
            otherJvmCalls += count;
        }
    }

    /**
     * One call of the mix in this JVM ({@link NearMixCall}).
     *
     * @param calls this thread's random source and keys
     * @param stale this thread's stale-read count
     * @param other the other JVM's calls (counted outside this method)
     * @return whether the call was a stale read (consumed by JMH)
     */
    @Benchmark
    public boolean mix(Calls calls, Stale stale, OtherJvm other) {
        boolean wasStale = NearMixCall.call(client.cache(), table, calls.zipf.next(), calls.writer, calls.writers,
                calls.random);
        if (wasStale) {
            stale.staleReads++;
        }
        return wasStale;
    }
}
