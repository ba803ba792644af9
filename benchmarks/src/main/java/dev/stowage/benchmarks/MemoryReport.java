package dev.stowage.benchmarks;

import static dev.stowage.benchmarks.ReportMain.add;
import static dev.stowage.benchmarks.ReportMain.ops;
import static dev.stowage.benchmarks.ReportMain.ratio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The "Memory: in-process caches" section of {@link ReportMain}'s report, from {@link MemoryJCacheBenchmark}
 * (Stowage, Caffeine's JCache adapter, Ehcache, cache2k on the {@code String} grid, Stowage with statistics on)
 * and {@link MemoryRawCaffeineBenchmark}. Targets of issue 16: {@code get} by reference ≥ 1.3× Caffeine's
 * adapter and ≥ cache2k, by value ≥ 2×; {@code put} and the 90/10 mix ≥ 1.3×; statistics on ≥ 0.9× off.
 */
final class MemoryReport {

    private static final String MEMORY = "MemoryJCacheBenchmark.";
    private static final String RAW_CAFFEINE = "MemoryRawCaffeineBenchmark.";
    private static final String[] TYPES = {"Long-byte100", "String-String"};
    private static final int[] THREADS = {1, 2};

    private final ReportMain report;
    private final Results results;

    MemoryReport(ReportMain report) {
        this.report = report;
        this.results = report.results;
    }

    void render() throws IOException {
        report.line("## Memory: in-process caches");
        report.line("");
        report.line("Through `javax.cache` only: Stowage `memory:/`, Caffeine's JCache adapter (`CaffeineCachingProvider`),"
                + " cache2k (`JCacheProvider`; it refuses `byte[]` values, so it runs on the `String` grid only),"
                + " Ehcache 3 (`EhcacheCachingProvider`), each with its defaults, an eternal unbounded cache of "
                + ReportMain.fmtInt(MemoryData.KEYS) + " entries; raw Caffeine (`Cache.getIfPresent` / `put`, references) as the"
                + " ceiling. Keys drawn uniformly for `get` (hit) and `put` (replace); the mix is 90% `get` / 10% `put`"
                + " on a Zipf(0.99) key law (Commons RNG's rejection-inversion sampler, precomputed per thread)."
                + " Operations per second, all threads together. \"Stowage, statistics on\" is the same Stowage cache"
                + " with `setStatisticsEnabled(true)`.");
        report.line("");
        String[][] ops = {{"get", "`get` hit"}, {"put", "`put`"}, {"zipfMix", "90% read / 10% write, Zipf(0.99)"}};
        for (String[] op : ops) {
            report.line("### " + op[1]);
            report.line("");
            report.line("| types | store-by | threads | Stowage | Stowage, statistics on | Caffeine JCache | cache2k | Ehcache"
                    + " | raw Caffeine | S / Caffeine JCache | S / cache2k | S / Ehcache | S / raw Caffeine"
                    + " | statistics on / off | target |");
            report.line("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            DefaultCategoryDataset chart = new DefaultCategoryDataset();
            for (String types : TYPES) {
                for (String byValue : new String[] {"false", "true"}) {
                    for (int threads : THREADS) {
                        row(op, types, byValue, threads, chart);
                    }
                }
            }
            report.line("");
            String file = "memory-" + op[0] + ".png";
            report.chart("Memory: " + op[1].replace("`", ""), "million ops/s", chart, file, 900, 600);
            report.line("![memory " + op[0] + "](benchmarks/" + file + ")");
            report.line("");
        }
    }

    /** One row of a memory table: the figures, the ratios and the targets of issue 16 that apply to it. */
    private void row(String[] op, String types, String byValue, int threads, DefaultCategoryDataset chart) {
        String s = mem(op[0], threads, "stowage", byValue, types, false);
        String stats = mem(op[0], threads, "stowage", byValue, types, true);
        String c = mem(op[0], threads, "caffeine", byValue, types, false);
        String k = mem(op[0], threads, "cache2k", byValue, types, false);
        String e = mem(op[0], threads, "ehcache", byValue, types, false);
        String raw = Results.key(RAW_CAFFEINE + op[0], threads, "types", types);
        String by = byValue.equals("true") ? "value" : "reference";
        String what = "memory " + op[0] + ", " + types + ", store-by-" + by + ", " + threads + " thread(s)";
        List<String> targets = new ArrayList<>();
        if (op[0].equals("get") && byValue.equals("false")) {
            targets.add(report.check(what, "≥ 1.3× Caffeine JCache", results.ratio(s, c), 1.3));
            if (types.equals("String-String")) {
                targets.add(report.check(what, "≥ 1× cache2k", results.ratio(s, k), 1.0));
            }
            targets.add(report.check(what, "≥ 0.8× raw Caffeine", results.ratio(s, raw), 0.8));
        } else if (op[0].equals("get")) {
            targets.add(report.check(what, "≥ 2× Caffeine JCache", results.ratio(s, c), 2.0));
        } else {
            targets.add(report.check(what, "≥ 1.3× Caffeine JCache", results.ratio(s, c), 1.3));
        }
        targets.add(report.check(what, "statistics on ≥ 0.9× off", results.ratio(stats, s), 0.9));
        report.line("| " + types + " | " + by + " | " + threads + " | " + ops(results.median(s)) + " | "
                + ops(results.median(stats)) + " | " + ops(results.median(c)) + " | " + ops(results.median(k)) + " | "
                + ops(results.median(e)) + " | " + ops(results.median(raw)) + " | " + ratio(results.ratio(s, c)) + " | "
                + ratio(results.ratio(s, k)) + " | " + ratio(results.ratio(s, e)) + " | " + ratio(results.ratio(s, raw))
                + " | " + ratio(results.ratio(stats, s)) + " | " + String.join("; ", targets) + " |");
        String category = types.replace("Long-byte100", "Long/byte[100]").replace("String-String", "String/String")
                + (byValue.equals("true") ? " by-value " : " by-ref ") + threads + "t";
        add(chart, results.median(s) / 1e6, "Stowage", category);
        add(chart, results.median(c) / 1e6, "Caffeine JCache", category);
        add(chart, results.median(k) / 1e6, "cache2k", category);
        add(chart, results.median(e) / 1e6, "Ehcache", category);
        add(chart, results.median(raw) / 1e6, "raw Caffeine", category);
    }

    private static String mem(String op, int threads, String provider, String byValue, String types, boolean statistics) {
        return Results.key(MEMORY + op, threads, "provider", provider, "statistics", String.valueOf(statistics),
                "storeByValue", byValue, "types", types);
    }
}
