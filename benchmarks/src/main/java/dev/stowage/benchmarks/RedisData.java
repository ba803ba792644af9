package dev.stowage.benchmarks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The keys and values of the Redis benchmarks: {@value #KEYS} {@code String} keys with random
 * {@value #VALUE_BYTES}-byte values, and per-thread key sequences and batches of {@value #BATCH} keys.
 */
public final class RedisData {

    /** How many keys the Redis benchmarks use; every one is present before measuring. */
    public static final int KEYS = 10_000;
    /** The value size in bytes. */
    public static final int VALUE_BYTES = 100;
    /** How many keys one {@code getAll} / {@code putAll} handles. */
    public static final int BATCH = 100;

    /** The keys {@code k<i>}. */
    public final String[] keys = new String[KEYS];
    /** The value of each key. */
    public final byte[][] values = new byte[KEYS][];

    /** Builds the keys and values (the same for every run). */
    public RedisData() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "k" + i;
            values[i] = Bench.bytes(random, VALUE_BYTES);
        }
    }

    /**
     * Every entry, in chunks for bulk loading.
     *
     * @param chunk entries per map
     * @return the maps, in key order
     */
    public List<Map<String, byte[]>> chunks(int chunk) {
        List<Map<String, byte[]>> chunks = new ArrayList<>();
        Map<String, byte[]> current = new LinkedHashMap<>();
        for (int i = 0; i < KEYS; i++) {
            current.put(keys[i], values[i]);
            if (current.size() == chunk) {
                chunks.add(current);
                current = new LinkedHashMap<>();
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /**
     * One benchmark thread's keys: a uniform index sequence and {@value #BATCHES} random batches of
     * {@value RedisData#BATCH} distinct keys (as sets for {@code getAll}, as maps for {@code putAll}).
     */
    @State(Scope.Thread)
    public static class Cursor {
        /** How many different batches a thread cycles through. */
        public static final int BATCHES = 64;
        private static final int LENGTH = 1 << 14;

        private int[] indexes;
        private List<Set<String>> keyBatches;
        private List<Map<String, byte[]>> entryBatches;
        private String[][] keyArrays;
        private int next;
        private int batch;

        /** Creates the cursor; JMH calls {@link #setUp}. */
        public Cursor() {
        }

        /**
         * Precomputes the sequences.
         *
         * @param thread JMH's view of this thread
         * @param data the keys and values
         */
        @Setup
        public void setUp(ThreadParams thread, Shared data) {
            long seed = 2000L + thread.getThreadIndex();
            indexes = Bench.uniformIndexes(seed, LENGTH, KEYS);
            SplittableRandom random = new SplittableRandom(seed);
            keyBatches = new ArrayList<>();
            entryBatches = new ArrayList<>();
            keyArrays = new String[BATCHES][];
            for (int b = 0; b < BATCHES; b++) {
                Set<String> keys = new HashSet<>();
                Map<String, byte[]> entries = new LinkedHashMap<>();
                while (keys.size() < BATCH) {
                    int i = random.nextInt(KEYS);
                    if (keys.add(data.data.keys[i])) {
                        entries.put(data.data.keys[i], data.data.values[i]);
                    }
                }
                keyBatches.add(keys);
                entryBatches.add(entries);
                keyArrays[b] = keys.toArray(new String[0]);
            }
        }

        /**
         * The next key index.
         *
         * @return an index in {@code [0, KEYS)}
         */
        public int next() {
            return indexes[next++ & (LENGTH - 1)];
        }

        /**
         * Advances to the next batch.
         *
         * @return the batch's number, for {@link #keys(int)}, {@link #keyArray(int)}, {@link #entries(int)}
         */
        public int nextBatch() {
            return batch++ & (BATCHES - 1);
        }

        /**
         * A batch's keys.
         *
         * @param b from {@link #nextBatch()}
         * @return {@value RedisData#BATCH} distinct keys
         */
        public Set<String> keys(int b) {
            return keyBatches.get(b);
        }

        /**
         * A batch's keys as an array.
         *
         * @param b from {@link #nextBatch()}
         * @return {@value RedisData#BATCH} distinct keys
         */
        public String[] keyArray(int b) {
            return keyArrays[b];
        }

        /**
         * A batch's keys with their values.
         *
         * @param b from {@link #nextBatch()}
         * @return {@value RedisData#BATCH} entries
         */
        public Map<String, byte[]> entries(int b) {
            return entryBatches.get(b);
        }
    }

    /** The data as a JMH state shared by all threads of a run. */
    @State(Scope.Benchmark)
    public static class Shared {
        /** The keys and values. */
        public final RedisData data = new RedisData();

        /** Creates the state. */
        public Shared() {
        }
    }
}
