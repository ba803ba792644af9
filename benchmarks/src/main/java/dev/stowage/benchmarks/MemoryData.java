package dev.stowage.benchmarks;

import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The keys and values of the memory benchmarks: {@value #KEYS} entries of one of two shapes, built
 * before the measurement so that no benchmark call allocates them.
 */
public final class MemoryData {

    /** How many distinct keys the memory benchmarks use; every one is in the cache before measuring. */
    public static final int KEYS = 100_000;
    /** The Zipf exponent of the mixed workload's key distribution. */
    public static final double ZIPF_EXPONENT = 0.99;
    /** The share of writes in the mixed workload, in percent. */
    public static final int WRITE_PERCENT = 10;

    /** The key type. */
    public final Class<?> keyType;
    /** The value type. */
    public final Class<?> valueType;
    /** The keys, boxed once. */
    public final Object[] keys;
    /** The value of each key. */
    public final Object[] values;

    private MemoryData(Class<?> keyType, Class<?> valueType, Object[] keys, Object[] values) {
        this.keyType = keyType;
        this.valueType = valueType;
        this.keys = keys;
        this.values = values;
    }

    /**
     * Builds the data of a shape.
     *
     * @param types {@code Long-byte100}: {@code Long} keys, random 100-byte arrays as values;
     *     {@code String-String}: {@code "key-<i>"} keys, 100-character strings as values
     * @return the data, {@value #KEYS} entries
     * @throws IllegalArgumentException for another shape
     */
    public static MemoryData of(String types) {
        SplittableRandom random = new SplittableRandom(42);
        Object[] keys = new Object[KEYS];
        Object[] values = new Object[KEYS];
        switch (types) {
            case "Long-byte100" -> {
                for (int i = 0; i < KEYS; i++) {
                    keys[i] = Long.valueOf(i * 7919L);
                    values[i] = Bench.bytes(random, 100);
                }
                return new MemoryData(Long.class, byte[].class, keys, values);
            }
            case "String-String" -> {
                for (int i = 0; i < KEYS; i++) {
                    keys[i] = "key-" + i;
                    StringBuilder value = new StringBuilder(100);
                    for (int c = 0; c < 100; c++) {
                        value.append((char) ('a' + random.nextInt(26)));
                    }
                    values[i] = value.toString();
                }
                return new MemoryData(String.class, String.class, keys, values);
            }
            default -> throw new IllegalArgumentException("unknown types " + types);
        }
    }

    /**
     * One benchmark thread's walk through the keys: a uniform sequence for {@code get} and
     * {@code put}, and a Zipf({@value #ZIPF_EXPONENT}) sequence with a {@value #WRITE_PERCENT}% write
     * mask for the mixed workload, both precomputed per thread (seeded by the thread's index) with
     * Apache Commons RNG's {@link RejectionInversionZipfSampler}.
     */
    @State(Scope.Thread)
    public static class Cursor {
        private static final int UNIFORM_LENGTH = 1 << 16;
        private static final int ZIPF_LENGTH = 1 << 20;

        private int[] uniform;
        private int[] zipf;
        private boolean[] writes;
        private int u;
        private int z;

        /**
         * Precomputes the sequences.
         *
         * @param thread JMH's view of this thread
         */
        @Setup
        public void setUp(ThreadParams thread) {
            long seed = 1000L + thread.getThreadIndex();
            uniform = Bench.uniformIndexes(seed, UNIFORM_LENGTH, KEYS);
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
            SharedStateDiscreteSampler sampler = RejectionInversionZipfSampler.of(rng, KEYS, ZIPF_EXPONENT);
            zipf = new int[ZIPF_LENGTH];
            writes = new boolean[ZIPF_LENGTH];
            for (int i = 0; i < ZIPF_LENGTH; i++) {
                zipf[i] = sampler.sample() - 1;
                writes[i] = rng.nextInt(100) < WRITE_PERCENT;
            }
        }

        /**
         * The next index of the uniform sequence.
         *
         * @return a key index in {@code [0, KEYS)}
         */
        public int nextUniform() {
            return uniform[u++ & (UNIFORM_LENGTH - 1)];
        }

        /**
         * Advances the mixed workload's sequence.
         *
         * @return the position, for {@link #zipfKey(int)} and {@link #isWrite(int)}
         */
        public int nextMixed() {
            return z++ & (ZIPF_LENGTH - 1);
        }

        /**
         * The key index at a position of the mixed workload.
         *
         * @param position from {@link #nextMixed()}
         * @return a key index, rank 1 of the Zipf law being index 0
         */
        public int zipfKey(int position) {
            return zipf[position];
        }

        /**
         * Whether the mixed workload writes at a position.
         *
         * @param position from {@link #nextMixed()}
         * @return true for a {@code put}, false for a {@code get}
         */
        public boolean isWrite(int position) {
            return writes[position];
        }
    }

    /**
     * Runs a full garbage collection after a cache was filled, so that every provider's entries are
     * measured as the collector lays them out (compacted, in its traversal order), without the garbage
     * of the provider's setup and fill, rather than wherever these happened to leave them.
     */
    static void settleHeap() {
        System.gc();
    }
}
