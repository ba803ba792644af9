package dev.stowage.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The "Redis: asynchronous API" section of {@link ReportMain}'s report, from {@link RedisAsyncBenchmark}
 * (1 thread, {@value RedisAsyncBenchmark#IN_FLIGHT} calls in flight), {@link RedisJCacheBenchmark} at 8
 * threads (the blocking API) and {@code redis-benchmark -P 16 -t get,set -q} as {@code run.sh} saved it in
 * {@code redis-benchmark.txt} (the physical limit of the server from one client). Targets of issue 14:
 * Stowage async ≥ 3× Stowage blocking at 8 threads, ≥ 2× Redisson's {@code CacheAsync}.
 */
final class AsyncReport {

    private static final String ASYNC = "RedisAsyncBenchmark.";
    private static final String BLOCKING = "RedisJCacheBenchmark.";
    private static final Pattern LIMIT = Pattern.compile("^(GET|SET): ([0-9.]+) requests per second", Pattern.MULTILINE);

    private final ReportMain report;

    AsyncReport(ReportMain report) {
        this.report = report;
    }

    void render(Path resultsDirectory) throws IOException {
        Path limits = resultsDirectory.resolve("redis-benchmark.txt");
        String limitText = Files.isRegularFile(limits) ? Files.readString(limits, StandardCharsets.UTF_8) : "";
        report.line("## Redis: the asynchronous API");
        report.line("");
        report.line("`cache.unwrap(StowageCache.class).async()` against Redisson's JCache `cache.unwrap(CacheAsync.class)`,"
                + " one thread keeping " + RedisAsyncBenchmark.IN_FLIGHT + " calls in flight (a sliding window), eternal"
                + " expiry, the data of the section above; Stowage's blocking API at 8 threads for comparison, and"
                + " `redis-benchmark -P 16 -t get,set -q` (16 commands pipelined per connection, its default 50"
                + " connections) as the physical limit of this server. Calls per second.");
        report.line("");
        report.line("| op | Stowage async (1 t × 64) | Stowage blocking (8 t) | Redisson CacheAsync (1 t × 64) | redis-benchmark -P 16"
                + " | S async / S blocking | S async / Redisson async | S async / redis-benchmark | target |");
        report.line("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        DefaultCategoryDataset chart = new DefaultCategoryDataset();
        for (String op : new String[] {"get", "put"}) {
            String async = Results.key(ASYNC + op, 1, "provider", "stowage");
            String redisson = Results.key(ASYNC + op, 1, "provider", "redisson");
            String blocking = Results.key(BLOCKING + op, 8, "provider", "stowage", "expiry", "eternal");
            double limit = limit(limitText, op.equals("get") ? "GET" : "SET");
            double asyncOps = report.results.median(async);
            String what = "redis async " + op + ", 1 thread × " + RedisAsyncBenchmark.IN_FLIGHT + " in flight";
            String target = report.check(what, "≥ 3× Stowage blocking at 8 threads", report.results.ratio(async, blocking), 3.0)
                    + "; " + report.check(what, "≥ 2× Redisson CacheAsync", report.results.ratio(async, redisson), 2.0);
            report.line("| `" + op + "` | " + ReportMain.ops(asyncOps) + " | " + ReportMain.ops(report.results.median(blocking))
                    + " | " + ReportMain.ops(report.results.median(redisson)) + " | " + ReportMain.ops(limit) + " | "
                    + ReportMain.ratio(report.results.ratio(async, blocking)) + " | "
                    + ReportMain.ratio(report.results.ratio(async, redisson)) + " | "
                    + (Double.isNaN(limit) ? "—" : String.format(Locale.ROOT, "%.0f%%", 100 * asyncOps / limit)) + " | "
                    + target + " |");
            ReportMain.add(chart, asyncOps / 1e3, "Stowage async", op);
            ReportMain.add(chart, report.results.median(blocking) / 1e3, "Stowage blocking 8t", op);
            ReportMain.add(chart, report.results.median(redisson) / 1e3, "Redisson CacheAsync", op);
            ReportMain.add(chart, limit / 1e3, "redis-benchmark -P 16", op);
        }
        report.line("");
        report.chart("Redis: asynchronous get hit and put", "thousand calls/s", chart, "redis-async.png", 900, 400);
        report.line("![redis async](benchmarks/redis-async.png)");
        report.line("");
    }

    /** The requests per second {@code redis-benchmark -q} printed for {@code command}, or NaN. */
    private static double limit(String text, String command) {
        Matcher matcher = LIMIT.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).equals(command)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        return Double.NaN;
    }
}
