package dev.stowage.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The other JVM of {@link RedisNearCacheMixBenchmark}: started by the benchmark's set-up with the same
 * class path, it opens a client of its own ({@link MixClient}) of the benchmark's cache and runs the same
 * 90/10 mix ({@link NearMixCall}) on as many threads as the benchmark, until the shared {@link MixTable}
 * says stop, adding its calls and stale reads to the table every 256 calls. Exits 0 when stopped.
 */
public final class NearMixWorker {

    private static final int FLUSH_EVERY = 256;

    private NearMixWorker() {
    }

    /**
     * Runs the mix.
     *
     * @param args the table file, the provider ({@code near}, {@code stowage}, {@code redisson}), Stowage's
     *     manager URI, the cache's name, the number of threads
     * @throws InterruptedException if interrupted while waiting for its threads
     * @throws IllegalArgumentException if the arguments are not those five
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: NearMixWorker TABLE PROVIDER URI CACHE THREADS, not "
                    + List.of(args));
        }
        int threads = Integer.parseInt(args[4]);
        try (MixTable table = MixTable.map(Path.of(args[0]), RedisNearCacheMixBenchmark.KEYS);
                MixClient client = MixClient.open(args[1], URI.create(args[2]), args[3])) {
            List<Thread> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int index = t;
                Thread thread = new Thread(() -> run(client, table, index, threads), "near-mix-" + index);
                thread.start();
                running.add(thread);
            }
            table.ready();
            for (Thread thread : running) {
                thread.join();
            }
        }
    }

    /** One thread's mix; its writer index among both JVMs' threads is {@code threads + threadIndex}. */
    private static void run(MixClient client, MixTable table, int threadIndex, int threads) {
        RedisNearCacheBenchmark.Zipf zipf = new RedisNearCacheBenchmark.Zipf();
        zipf.setUp(1000 + threadIndex);
        SplittableRandom random = new SplittableRandom(9000L + threadIndex);
        long calls = 0;
        long stale = 0;
        while (!table.stopping()) {
            if (NearMixCall.call(client.cache(), table, zipf.next(), threads + threadIndex, 2 * threads, random)) {
                stale++;
            }
            if (++calls == FLUSH_EVERY) {
                table.countOther(calls, stale);
                calls = 0;
                stale = 0;
            }
        }
        table.countOther(calls, stale);
    }
}
