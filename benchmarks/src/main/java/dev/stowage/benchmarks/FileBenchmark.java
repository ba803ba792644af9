package dev.stowage.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Stowage's file store through the {@code javax.cache} API ({@code filestore:/<temp dir>}, one file per
 * entry, default options: no fsync), {@code <Long, byte[1024]>}, {@value #KEYS} entries present before
 * measuring, the directory deleted after. No peer: no other provider offers a disk store through plain
 * JCache configuration, so this is an absolute figure. Scores are operations per second, all threads
 * together.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FileBenchmark {

    /** How many entries the cache holds. */
    public static final int KEYS = 10_000;
    /** The value size in bytes. */
    public static final int VALUE_BYTES = 1024;

    private Path directory;
    private CacheManager manager;
    private Cache<Long, byte[]> cache;
    private String name;
    private Long[] keys;
    private byte[][] values;

    /** Creates the benchmark. */
    public FileBenchmark() {
    }

    /**
     * Creates the directory, the manager and the cache, and puts every key.
     *
     * @throws IOException when the temporary directory cannot be created
     */
    @Setup
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("stowage-bench-file");
        manager = Bench.manager("stowage", URI.create("filestore:" + directory.toAbsolutePath()));
        name = Bench.unique("file");
        cache = manager.createCache(name, new MutableConfiguration<Long, byte[]>().setTypes(Long.class, byte[].class));
        SplittableRandom random = new SplittableRandom(11);
        keys = new Long[KEYS];
        values = new byte[KEYS][];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = (long) i;
            values[i] = Bench.bytes(random, VALUE_BYTES);
            cache.put(keys[i], values[i]);
        }
    }

    /** Destroys the cache, closes the manager and deletes the directory. */
    @TearDown
    public void tearDown() {
        manager.destroyCache(name);
        manager.close();
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code get} of a present key (reads and checks one entry file).
     *
     * @param cursor this thread's key sequence
     * @return the value (consumed by JMH)
     */
    @Benchmark
    public byte[] get(Cursor cursor) {
        return cache.get(keys[cursor.next()]);
    }

    /**
     * {@code put} replacing a present key's value (writes a temporary file and renames it over the entry).
     *
     * @param cursor this thread's key sequence
     */
    @Benchmark
    public void put(Cursor cursor) {
        int i = cursor.next();
        cache.put(keys[i], values[i]);
    }

    /** One thread's uniformly random key sequence. */
    @State(Scope.Thread)
    public static class Cursor {
        private static final int LENGTH = 1 << 14;
        private int[] indexes;
        private int next;

        /** Creates the cursor. */
        public Cursor() {
        }

        /**
         * Precomputes the sequence.
         *
         * @param thread JMH's view of this thread
         */
        @Setup
        public void setUp(org.openjdk.jmh.infra.ThreadParams thread) {
            indexes = Bench.uniformIndexes(3000L + thread.getThreadIndex(), LENGTH, KEYS);
        }

        /**
         * The next key index.
         *
         * @return an index in {@code [0, KEYS)}
         */
        public int next() {
            return indexes[next++ & (LENGTH - 1)];
        }
    }
}
