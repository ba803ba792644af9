package dev.stowage.benchmarks;

import java.io.IOException;
import java.util.Locale;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The near cache section of {@code docs/benchmarks.md} (issue 12), from {@link RedisNearCacheBenchmark}
 * results: Zipf {@code get} hits at 1 and 8 threads (near cache against Stowage without it, Redisson's
 * JCache and Stowage's memory backend) and {@code put} at 1 thread (near cache on, off, and off while a
 * cluster listener makes every write an exclusive step with a publish). Stateless.
 */
final class NearCacheReport {

    private static final String NAME = "RedisNearCacheBenchmark.";

    private NearCacheReport() {
    }

    /**
     * Renders the section.
     *
     * @param results the run's results, not {@code null}
     * @return Markdown, ending with a blank line; "—" where a benchmark produced no result
     */
    static String render(Results results) {
        StringBuilder out = new StringBuilder();
        out.append("## Near cache (issue 12)\n\n");
        out.append("`RedisNearCacheBenchmark`, `javax.cache` only, `<String, byte[100]>`, ")
                .append(String.format(Locale.ROOT, "%,d", RedisNearCacheBenchmark.KEYS))
                .append(" keys present, keys drawn from a Zipf(0.99) law. `near`: Stowage on Redis with"
                        + " `nearCache: {maximumSize: 100000, timeToLive: 5m}`; `stowage`: the same without;"
                        + " `listened`: without, while a cluster-wide listener is registered (each write an exclusive"
                        + " step with a publish: what a near cache kept by the change feed would cost);"
                        + " `memory`: Stowage's `memory:/`. Operations per second.\n\n");
        out.append("| operation | threads | near | Stowage Redis | Redisson JCache | Stowage memory | near / Redisson"
                + " (target ≥ 50×) | near / memory (target ≥ 0.5×) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int threads : new int[] {1, 8}) {
            String near = key("get", threads, "near");
            String redisson = key("get", threads, "redisson");
            String memory = key("get", threads, "memory");
            out.append("| `get` hit | ").append(threads).append(" | ").append(ops(results.median(near))).append(" | ")
                    .append(ops(results.median(key("get", threads, "stowage")))).append(" | ")
                    .append(ops(results.median(redisson))).append(" | ").append(ops(results.median(memory)))
                    .append(" | ").append(ratio(results.ratio(near, redisson))).append(" | ")
                    .append(ratio(results.ratio(near, memory))).append(" |\n");
        }
        out.append("\n![near cache get](benchmarks/near-cache.png)\n");
        String near = key("put", 1, "near");
        String off = key("put", 1, "stowage");
        String listened = key("put", 1, "listened");
        out.append("\n| `put`, 1 thread | ops/s | / near cache off |\n|---|---:|---:|\n");
        out.append("| near cache on | ").append(ops(results.median(near))).append(" | ")
                .append(ratio(results.ratio(near, off))).append(" |\n");
        out.append("| near cache off | ").append(ops(results.median(off))).append(" | 1.00× |\n");
        out.append("| off, a cluster listener registered | ").append(ops(results.median(listened))).append(" | ")
                .append(ratio(results.ratio(listened, off))).append(" |\n\n");
        out.append("A near cache costs a writer nothing (Redis matches the tracked prefix inside the write): the"
                + " target is `put` with a near cache at no more than 1.2× the cost of `put` without, i.e. a"
                + " throughput ratio of at least 0.83×.\n\n");
        out.append("### 90/10 mix across two JVMs (`RedisNearCacheMixBenchmark`)\n\n");
        out.append("JMH's JVM and a second JVM it starts (`NearMixWorker`), each with a client of its own (provider,"
                + " manager, Redis connections), 4 threads each; each call picks a Zipf key: 10% `put` a new version,"
                + " 90% `get`. Versions and put times are shared through a memory-mapped file. `staleReads` counts the"
                + " reads of both JVMs that returned a version older than one whose `put` (in either JVM) returned more than "
                + RedisNearCacheMixBenchmark.BOUND_MILLIS + " ms before (must be 0). The near tier holds "
                + String.format(Locale.ROOT, "%,d", RedisNearCacheMixBenchmark.NEAR_ENTRIES) + " entries.\n\n");
        out.append("| provider | calls/s, both JVMs | JMH's JVM | other JVM | / Redisson JCache | stale reads (in an"
                + " iteration) |\n|---|---:|---:|---:|---:|---:|\n");
        double redissonMix = mixTotal(results, "redisson");
        for (String provider : new String[] {"near", "stowage", "redisson"}) {
            String mix = Results.key("RedisNearCacheMixBenchmark.mix", 4, "provider", provider);
            double total = mixTotal(results, provider);
            out.append("| ").append(provider).append(" | ").append(ops(total)).append(" | ")
                    .append(ops(results.median(mix))).append(" | ")
                    .append(ops(results.median(Results.key("RedisNearCacheMixBenchmark.mix:otherJvmCalls", 4,
                            "provider", provider)))).append(" | ")
                    .append(ratio(total / redissonMix)).append(" | ")
                    .append(ops(results.median(Results.key("RedisNearCacheMixBenchmark.mix:staleReads", 4,
                            "provider", provider)))).append(" |\n");
        }
        out.append("\n");
        return out.toString();
    }

    /**
     * Draws the chart of the {@code get} table: thousand operations per second by provider and threads.
     *
     * @param results the run's results, not {@code null}
     * @param report the report that writes chart files, not {@code null}
     * @throws IOException if the chart cannot be written
     */
    static void chart(Results results, ReportMain report) throws IOException {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        String[][] providers = {{"near", "near cache"}, {"stowage", "Stowage Redis"}, {"redisson", "Redisson JCache"},
            {"memory", "Stowage memory"}};
        for (int threads : new int[] {1, 8}) {
            for (String[] provider : providers) {
                ReportMain.add(dataset, results.median(key("get", threads, provider[0])) / 1e3, provider[1],
                        "get hit, " + threads + " thread(s)");
            }
        }
        report.chart("Near cache: get hit, Zipf(0.99)", "thousand ops/s", dataset, "near-cache.png", 900, 400);
    }

    /** The mix's calls per second in both JVMs (medians over the rounds), NaN when it did not run. */
    private static double mixTotal(Results results, String provider) {
        return results.median(Results.key("RedisNearCacheMixBenchmark.mix", 4, "provider", provider))
                + results.median(Results.key("RedisNearCacheMixBenchmark.mix:otherJvmCalls", 4, "provider", provider));
    }

    private static String key(String operation, int threads, String provider) {
        return Results.key(NAME + operation, threads, "provider", provider);
    }

    private static String ops(double value) {
        if (Double.isNaN(value)) {
            return "—";
        }
        if (value >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", value / 1e6);
        }
        return value >= 1e4 ? String.format(Locale.ROOT, "%.1f k", value / 1e3) : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "—" : String.format(Locale.ROOT, "%.2f×", value);
    }
}
