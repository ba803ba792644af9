package dev.stowage.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Turns a run's results into {@code docs/benchmarks.md} and its PNG charts: medians over the rounds,
 * ratios Stowage / peer (median of the per-round ratios), the issue's targets marked met or missed,
 * the machine and the JMH settings.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.stowage.benchmarks.ReportMain RESULTS_DIR DOCS_DIR [NOTES.md]}.
 * {@code RESULTS_DIR} holds {@code round-N/*.json} (JMH {@code -rf json} files and
 * {@code footprint.json} from {@link FootprintMain}) and the text files {@code run.sh} writes
 * ({@code machine.txt}, {@code java-version.txt}, {@code settings.txt}); the report goes to
 * {@code DOCS_DIR/benchmarks.md}, the charts to {@code DOCS_DIR/benchmarks/}. A third argument names a
 * Markdown file of hand-written notes (the profile of a missed target), appended when it exists.
 */
public final class ReportMain {

    private static final String REDIS = "RedisJCacheBenchmark.";
    private static final String RAW_REDIS = "RedisRawBenchmark.";
    private static final String RAW_BULK = "RedisRawBulkBenchmark.";
    private static final int[] MEMORY_THREADS = {1, 2};
    private static final int[] REDIS_THREADS = {1, 8};
    private static final String[] EXPIRIES = {"eternal", "accessed"};

    final Results results;
    private final List<Footprint> footprints;
    private final Path chartDirectory;
    private final Path notesFile;
    private final StringBuilder out = new StringBuilder();
    private final List<String> targetRows = new ArrayList<>();
    private final List<String> misses = new ArrayList<>();

    private record Footprint(Map<String, List<Double>> heap, Map<String, List<Double>> redis,
                             Map<String, String> sampleKeys, String redisVersion, String heapMethod) {
    }

    private ReportMain(Results results, List<Footprint> footprints, Path chartDirectory, Path notesFile) {
        this.notesFile = notesFile;
        this.results = results;
        this.footprints = footprints;
        this.chartDirectory = chartDirectory;
    }

    /**
     * Writes the report.
     *
     * @param args the results directory, the docs directory, optionally a Markdown file of closing notes
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            throw new IllegalArgumentException("usage: ReportMain RESULTS_DIR DOCS_DIR [NOTES.md]");
        }
        System.setProperty("java.awt.headless", "true");
        Path resultsDirectory = Path.of(args[0]);
        Path docs = Path.of(args[1]);
        Path charts = docs.resolve("benchmarks");
        Files.createDirectories(charts);
        ReportMain report = new ReportMain(Results.read(resultsDirectory), readFootprints(resultsDirectory), charts,
                args.length > 2 ? Path.of(args[2]) : null);
        String markdown = report.render(resultsDirectory);
        Files.writeString(docs.resolve("benchmarks.md"), markdown, StandardCharsets.UTF_8);
        System.out.println("wrote " + docs.resolve("benchmarks.md") + " and charts under " + charts);
    }

    private static List<Footprint> readFootprints(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory, 2)) {
            files = walk.filter(p -> p.getFileName().toString().equals("footprint.json")).sorted().toList();
        }
        ObjectMapper mapper = new ObjectMapper();
        List<Footprint> footprints = new ArrayList<>();
        for (Path file : files) {
            JsonNode node = mapper.readTree(file.toFile());
            Map<String, List<Double>> heap = new LinkedHashMap<>();
            for (JsonNode h : node.get("heap")) {
                heap.computeIfAbsent(h.get("provider").asText() + "|" + h.get("storeByValue").asBoolean(),
                        k -> new ArrayList<>()).add(h.get("bytesPerEntry").asDouble());
            }
            Map<String, List<Double>> redis = new LinkedHashMap<>();
            Map<String, String> keys = new HashMap<>();
            for (JsonNode r : node.get("redis")) {
                redis.computeIfAbsent(r.get("name").asText(), k -> new ArrayList<>()).add(r.get("bytesPerEntry").asDouble());
                keys.put(r.get("name").asText(), r.get("sampleKey").asText());
            }
            footprints.add(new Footprint(heap, redis, keys, node.get("redisVersion").asText(),
                    node.get("heapMethod").asText()));
        }
        return footprints;
    }

    private String render(Path resultsDirectory) throws IOException {
        line("# Benchmarks");
        line("");
        line("Generated by `benchmarks/run.sh " + text(resultsDirectory.resolve("settings.txt"), "mode").strip()
                + "` on " + LocalDate.now() + " (`ReportMain`); do not edit by hand, run the script again. Every"
                + " figure is the median over " + results.rounds() + " interleaved round(s) (each round runs every"
                + " group once, in the same order); a ratio is Stowage / peer, the median of the per-round ratios,"
                + " so above 1 means Stowage does more operations per second (for latency and memory, below 1 means"
                + " Stowage is lower). \"—\" means the benchmark produced no result (it failed: see the run log).");
        line("");
        StringBuilder body = new StringBuilder();
        StringBuilder saved = new StringBuilder(out);
        out.setLength(0);
        new MemoryReport(this).render();
        redis();
        events();
        new AsyncReport(this).render(resultsDirectory);
        out.append(NearCacheReport.render(results));
        NearCacheReport.chart(results, this);
        file();
        channels();
        footprint();
        body.append(out);
        out.setLength(0);
        out.append(saved);
        line("## Targets");
        line("");
        line("The issues' acceptance targets as this run measured them: the memory rows are issue 16's, the Redis"
                + " `get`/`put` rows issue 7's, the asynchronous API's rows those of the issue that added it.");
        line("");
        line("| target | case | measured | verdict |");
        line("|---|---|---|---|");
        targetRows.forEach(this::line);
        line("");
        out.append(body);
        machine(resultsDirectory);
        line("## Closing note: missed targets");
        line("");
        if (misses.isEmpty()) {
            line("Every target was met in this run.");
        } else {
            misses.forEach(m -> line("- " + m));
        }
        line("");
        if (notesFile != null && Files.isRegularFile(notesFile)) {
            out.append(Files.readString(notesFile, StandardCharsets.UTF_8).strip()).append('\n');
        }
        return out.toString();
    }


    private void redis() throws IOException {
        line("## Redis");
        line("");
        line("Through `javax.cache` only: Stowage `redis://host:6379/0/<unique namespace>` against Redisson's JCache"
                + " (`org.redisson.jcache.JCachingProvider`, client passed with `RedissonConfiguration.fromInstance`,"
                + " Redisson's default codec); raw Redisson `RBucket` with `ByteArrayCodec` as the ceiling (`GET` / `SET`;"
                + " under the access expiry `GETEX PX` / `SET KEEPTTL`, the commands that expiry needs). `<String,"
                + " byte[100]>`, " + fmtInt(RedisData.KEYS) + " keys present before measuring; `accessed` is"
                + " `AccessedExpiryPolicy` of 10 minutes. Operations per second, all threads together.");
        line("");
        line("### `get` hit and `put`");
        line("");
        line("| op | expiry | threads | Stowage | Redisson JCache | raw RBucket | S / Redisson JCache | S / raw RBucket | target |");
        line("|---|---|---|---:|---:|---:|---:|---:|---|");
        DefaultCategoryDataset chart = new DefaultCategoryDataset();
        for (String op : new String[] {"get", "put"}) {
            for (String expiry : EXPIRIES) {
                for (int threads : REDIS_THREADS) {
                    String s = Results.key(REDIS + op, threads, "provider", "stowage", "expiry", expiry);
                    String r = Results.key(REDIS + op, threads, "provider", "redisson", "expiry", expiry);
                    String raw = Results.key(RAW_REDIS + op, threads, "expiry", expiry);
                    String target = "";
                    if (threads == 8) {
                        String what = "redis " + op + ", " + expiry + ", 8 threads";
                        target = check(what, "≥ 2× Redisson JCache", results.ratio(s, r), 2.0) + "; "
                                + check(what, "≥ 1× raw RBucket", results.ratio(s, raw), 1.0);
                    }
                    line("| `" + op + "` | " + expiry + " | " + threads + " | " + ops(results.median(s)) + " | "
                            + ops(results.median(r)) + " | " + ops(results.median(raw)) + " | "
                            + ratio(results.ratio(s, r)) + " | " + ratio(results.ratio(s, raw)) + " | " + target + " |");
                    String category = op + " " + expiry + " " + threads + "t";
                    add(chart, results.median(s) / 1e3, "Stowage", category);
                    add(chart, results.median(r) / 1e3, "Redisson JCache", category);
                    add(chart, results.median(raw) / 1e3, "raw RBucket", category);
                }
            }
        }
        line("");
        chart("Redis: get hit and put", "thousand ops/s", chart, "redis.png", 900, 600);
        line("![redis](benchmarks/redis.png)");
        line("");
        line("### `getAll` / `putAll` of " + RedisData.BATCH + " keys (1 thread)");
        line("");
        line("Ceiling: `RBuckets` `MGET` / `MSET` (no expiry; shown on the eternal rows only). Bulk operations per second.");
        line("");
        line("| op | expiry | Stowage | Redisson JCache | raw RBuckets | S / Redisson JCache | S / raw |");
        line("|---|---|---:|---:|---:|---:|---:|");
        DefaultCategoryDataset bulk = new DefaultCategoryDataset();
        for (String op : new String[] {"getAll", "putAll"}) {
            for (String expiry : EXPIRIES) {
                String s = Results.key(REDIS + op, 1, "provider", "stowage", "expiry", expiry);
                String r = Results.key(REDIS + op, 1, "provider", "redisson", "expiry", expiry);
                String raw = expiry.equals("eternal") ? Results.key(RAW_BULK + op, 1) : "none";
                line("| `" + op + "` | " + expiry + " | " + ops(results.median(s)) + " | " + ops(results.median(r))
                        + " | " + ops(results.median(raw)) + " | " + ratio(results.ratio(s, r)) + " | "
                        + ratio(results.ratio(s, raw)) + " |");
                String category = op + " " + expiry;
                add(bulk, results.median(s), "Stowage", category);
                add(bulk, results.median(r), "Redisson JCache", category);
                add(bulk, results.median(raw), "raw RBuckets", category);
            }
        }
        line("");
        chart("Redis: getAll / putAll of 100 keys", "bulk ops/s", bulk, "redis-bulk.png", 900, 450);
        line("![redis bulk](benchmarks/redis-bulk.png)");
        line("");
    }

    private void events() throws IOException {
        line("## Events across JVMs (Redis)");
        line("");
        line("`RedisEventsBenchmark`: two clients in one JVM stand for two JVMs (a provider, manager and Redis client of"
                + " their own each), one cache shared through Redis, 1 thread. `put` without (`none`) and with an"
                + " asynchronous created/updated listener in the other client (`remote`); events/s is what that listener"
                + " heard per second during the `put` run; latency is from a put to the remote listener hearing it.");
        line("");
        line("| measure | Stowage | Redisson JCache | S / Redisson |");
        line("|---|---:|---:|---:|");
        DefaultCategoryDataset chart = new DefaultCategoryDataset();
        String[][] rows = {{"put/s, no listener", "put", "none"}, {"put/s, remote listener", "put", "remote"},
            {"events/s heard across JVMs", "put:eventsHeard", "remote"}};
        for (String[] row : rows) {
            String s = Results.key("RedisEventsBenchmark." + row[1], 1, "listener", row[2], "provider", "stowage");
            String r = Results.key("RedisEventsBenchmark." + row[1], 1, "listener", row[2], "provider", "redisson");
            line("| " + row[0] + " | " + ops(results.median(s)) + " | " + ops(results.median(r)) + " | "
                    + ratio(results.ratio(s, r)) + " |");
            add(chart, results.median(s), "Stowage", row[0]);
            add(chart, results.median(r), "Redisson JCache", row[0]);
        }
        String s = Results.key("RedisEventsBenchmark.putUntilHeard", 1, "listener", "remote", "provider", "stowage");
        String r = Results.key("RedisEventsBenchmark.putUntilHeard", 1, "listener", "remote", "provider", "redisson");
        for (String percentile : new String[] {"50.0", "99.0"}) {
            line("| put-to-listener latency p" + percentile.replace(".0", "") + " µs (lower is better) | "
                    + num(results.percentile(s, percentile)) + " | " + num(results.percentile(r, percentile)) + " | "
                    + ratio(results.percentileRatio(s, r, percentile)) + " |");
        }
        line("");
        chart("Events across JVMs: put and events heard", "per second", chart, "events.png", 800, 400);
        line("![events](benchmarks/events.png)");
        line("");
    }

    private void file() {
        line("## File store");
        line("");
        line("Stowage `filestore:/<temp dir>` through `javax.cache`, `<Long, byte[1024]>`, " + fmtInt(FileBenchmark.KEYS)
                + " entries, default options (atomic rename, no fsync). No peer offers a disk store through plain"
                + " JCache configuration (Ehcache's disk tier needs its own configuration API), so these are"
                + " absolute figures.");
        line("");
        line("| op | threads | Stowage ops/s |");
        line("|---|---|---:|");
        for (String op : new String[] {"get", "put"}) {
            for (int threads : MEMORY_THREADS) {
                line("| `" + op + "` | " + threads + " | " + ops(results.median(Results.key("FileBenchmark." + op, threads)))
                        + " |");
            }
        }
        line("");
    }

    private void channels() throws IOException {
        line("## Channels");
        line("");
        line("Stowage's `redis-pubsub://` and `redis-stream://` backends (defaults: streams capped `MAXLEN ~ 100`, TTL"
                + " renewed on publish) against Redisson's `RTopic` and `RStream` (`XADD MAXLEN ~ 100`, a thread reading"
                + " with blocking `XREAD`); 100-byte messages on one channel, one subscriber in the same process."
                + " Publish throughput: 1 thread, messages per second. Latency: publish, then wait until the"
                + " subscriber has the message, one in flight (JMH `SampleTime`), microseconds; for latency a"
                + " ratio below 1 means Stowage is faster.");
        line("");
        line("| transport | Stowage publish/s | Redisson publish/s | S / Redisson | Stowage p50 µs | Redisson p50 µs | S / Redisson p50 | Stowage p99 µs | Redisson p99 µs | S / Redisson p99 |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        DefaultCategoryDataset throughput = new DefaultCategoryDataset();
        DefaultCategoryDataset latency = new DefaultCategoryDataset();
        for (String transport : new String[] {"pubsub", "streams"}) {
            String sp = Results.key("ChannelsBenchmark.publish", 1, "impl", "stowage", "transport", transport);
            String rp = Results.key("ChannelsBenchmark.publish", 1, "impl", "redisson", "transport", transport);
            String sl = Results.key("ChannelsBenchmark.roundTrip", 1, "impl", "stowage", "transport", transport);
            String rl = Results.key("ChannelsBenchmark.roundTrip", 1, "impl", "redisson", "transport", transport);
            String name = transport.equals("pubsub") ? "Pub/Sub" : "Streams";
            line("| " + name + " | " + ops(results.median(sp)) + " | " + ops(results.median(rp)) + " | "
                    + ratio(results.ratio(sp, rp)) + " | " + num(results.percentile(sl, "50.0")) + " | "
                    + num(results.percentile(rl, "50.0")) + " | " + ratio(results.percentileRatio(sl, rl, "50.0")) + " | "
                    + num(results.percentile(sl, "99.0")) + " | " + num(results.percentile(rl, "99.0")) + " | "
                    + ratio(results.percentileRatio(sl, rl, "99.0")) + " |");
            add(throughput, results.median(sp), "Stowage", name);
            add(throughput, results.median(rp), "Redisson", name);
            add(latency, results.percentile(sl, "50.0"), "Stowage", name + " p50");
            add(latency, results.percentile(rl, "50.0"), "Redisson", name + " p50");
            add(latency, results.percentile(sl, "99.0"), "Stowage", name + " p99");
            add(latency, results.percentile(rl, "99.0"), "Redisson", name + " p99");
        }
        line("");
        chart("Channels: publish throughput", "messages/s", throughput, "channels-throughput.png", 700, 350);
        chart("Channels: publish-to-receive latency", "microseconds", latency, "channels-latency.png", 700, 400);
        line("![channels throughput](benchmarks/channels-throughput.png) ![channels latency](benchmarks/channels-latency.png)");
        line("");
    }

    private void footprint() throws IOException {
        line("## Memory footprint");
        line("");
        if (footprints.isEmpty()) {
            line("No footprint results.");
            line("");
            return;
        }
        Footprint first = footprints.get(0);
        Map<String, List<Double>> heap = new LinkedHashMap<>();
        Map<String, List<Double>> redis = new LinkedHashMap<>();
        for (Footprint f : footprints) {
            f.heap().forEach((k, v) -> heap.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            f.redis().forEach((k, v) -> redis.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        line("### Heap per entry");
        line("");
        line("1M `<Long, byte[100]>` entries per cache, keys and values allocated fresh and held by the cache only."
                + " Method: " + first.heapMethod() + " (`FootprintMain`); the key and value themselves take 136 bytes"
                + " (16 + 120, compressed oops), included below. Median over the rounds.");
        line("");
        line("| provider | store-by | bytes / entry | beyond the 136-byte payload | Stowage / this |");
        line("|---|---|---:|---:|---:|");
        DefaultCategoryDataset chart = new DefaultCategoryDataset();
        String[][] rows = {{"stowage", "false"}, {"stowage", "true"}, {"caffeine", "false"}, {"caffeine", "true"},
            {"ehcache", "false"}, {"ehcache", "true"}, {"caffeine-raw", "false"}};
        for (String[] row : rows) {
            double bytes = Results.median(heap.getOrDefault(row[0] + "|" + row[1], List.of()));
            double stowage = Results.median(heap.getOrDefault("stowage|" + row[1], List.of()));
            String name = switch (row[0]) {
                case "stowage" -> "Stowage";
                case "caffeine" -> "Caffeine JCache";
                case "ehcache" -> "Ehcache";
                default -> "raw Caffeine";
            };
            line("| " + name + " | " + (row[1].equals("true") ? "value" : "reference") + " | " + num(bytes) + " | "
                    + num(bytes - 136) + " | " + ratio(stowage / bytes) + " |");
            add(chart, bytes, name, row[1].equals("true") ? "store-by-value" : "store-by-reference");
        }
        for (String byValue : new String[] {"false", "true"}) {
            double s = Results.median(heap.getOrDefault("stowage|" + byValue, List.of()));
            double c = Results.median(heap.getOrDefault("caffeine|" + byValue, List.of()));
            targetRows.add("| heap per memory entry ≤ Caffeine JCache | store-by-" + (byValue.equals("true") ? "value" : "reference")
                    + " | " + num(s) + " vs " + num(c) + " bytes (" + ratio(s / c) + ") | " + verdict(s <= c) + " |");
            if (!(s <= c)) {
                misses.add("Heap per entry, store-by-" + (byValue.equals("true") ? "value" : "reference") + ": Stowage "
                        + num(s) + " bytes vs Caffeine JCache " + num(c) + " bytes, " + num(s - c) + " bytes ("
                        + percent(s / c - 1) + ") over the target.");
            }
            targetRows.add("| heap per memory entry ≤ 200 bytes | store-by-" + (byValue.equals("true") ? "value" : "reference")
                    + ", 1M entries | " + num(s) + " bytes | " + verdict(s <= 200) + " |");
            if (!(s <= 200)) {
                misses.add("Heap per entry, store-by-" + (byValue.equals("true") ? "value" : "reference") + ": Stowage "
                        + num(s) + " bytes, over the 200-byte target.");
            }
        }
        line("");
        chart("Heap per entry, 1M <Long, byte[100]>", "bytes per entry", chart, "footprint-heap.png", 800, 400);
        line("![heap per entry](benchmarks/footprint-heap.png)");
        line("");
        line("### Redis memory per entry");
        line("");
        line("`used_memory` of `INFO memory` before and after putting " + fmtInt(FootprintMain.REDIS_ENTRIES)
                + " entries with 100-byte values, per entry. `set-px` is plain `SET key value PX 600000` with keys as"
                + " long as Stowage's; `stowage-accessed` is Stowage's JCache with a 10-minute `AccessedExpiryPolicy`"
                + " (`SET ... PXAT`). Redis allocator size classes make this accurate to about ±10 bytes.");
        line("");
        line("| stored as | bytes / entry | sample key |");
        line("|---|---:|---|");
        DefaultCategoryDataset redisChart = new DefaultCategoryDataset();
        for (Map.Entry<String, List<Double>> e : redis.entrySet()) {
            double bytes = Results.median(e.getValue());
            line("| " + e.getKey() + " | " + num(bytes) + " | `" + first.sampleKeys().getOrDefault(e.getKey(), "") + "` |");
            add(redisChart, bytes, "bytes per entry", e.getKey());
        }
        double s = Results.median(redis.getOrDefault("stowage-accessed", List.of()));
        double p = Results.median(redis.getOrDefault("set-px", List.of()));
        targetRows.add("| Redis memory per entry with expiry ≤ plain `SET` with `PX` | 100k entries, 100-byte values | "
                + num(s) + " vs " + num(p) + " bytes (" + ratio(s / p) + ") | " + verdict(s <= p) + " |");
        if (!(s <= p)) {
            misses.add("Redis memory per entry with expiry: Stowage " + num(s) + " bytes vs `SET PX` " + num(p)
                    + " bytes, " + num(s - p) + " bytes (" + percent(s / p - 1) + ") over.");
        }
        line("");
        chart("Redis used_memory per entry", "bytes per entry", redisChart, "footprint-redis.png", 700, 350);
        line("![redis memory per entry](benchmarks/footprint-redis.png)");
        line("");
    }

    private void machine(Path resultsDirectory) throws IOException {
        line("## Machine and settings");
        line("");
        line("| | |");
        line("|---|---|");
        line("| cores (`nproc`) | " + text(resultsDirectory.resolve("machine.txt"), "nproc").strip() + " |");
        line("| CPU | " + cpuModel() + " |");
        line("| memory | " + text(resultsDirectory.resolve("machine.txt"), "memory").strip() + " |");
        line("| `java -version` | " + text(resultsDirectory.resolve("java-version.txt"), null).strip().replace("\n", "<br>") + " |");
        line("| Redis | " + (footprints.isEmpty() ? "?" : footprints.get(0).redisVersion()) + " on "
                + text(resultsDirectory.resolve("machine.txt"), "redis").strip() + " (same machine, loopback) |");
        JsonNode s = results.settings();
        if (s != null) {
            line("| JMH | " + s.path("jmhVersion").asText() + ", forks " + s.path("forks").asText() + ", warmup "
                    + s.path("warmupIterations").asText() + " × " + s.path("warmupTime").asText() + ", measurement "
                    + s.path("measurementIterations").asText() + " × " + s.path("measurementTime").asText() + " |");
            line("| JVM | " + s.path("vmName").asText() + " " + s.path("vmVersion").asText() + ", options "
                    + s.path("jvmArgs").toString().replace("|", "\\|") + " |");
        }
        line("| rounds | " + results.rounds() + " (each round runs every group: memory, file, Redis, channels, footprint) |");
        line("| command lines | " + text(resultsDirectory.resolve("settings.txt"), "jmh").strip() + " |");
        line("| memory command lines | " + text(resultsDirectory.resolve("settings.txt"), "memory_jmh").strip()
                .replace("|", "\\|") + " (one invocation per operation, types and store-by: Stowage with statistics"
                + " off and on, then its peers, then raw Caffeine) |");
        line("");
    }

    private static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    private static String text(Path file, String key) throws IOException {
        if (!Files.isRegularFile(file)) {
            return "?";
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (key == null) {
            return String.join("\n", lines);
        }
        for (String l : lines) {
            if (l.startsWith(key + "=")) {
                return l.substring(key.length() + 1);
            }
        }
        return "?";
    }

    String check(String what, String target, double ratio, double needed) {
        boolean met = ratio >= needed;
        targetRows.add("| " + target + " | " + what + " | " + ratio(ratio) + " | "
                + (Double.isNaN(ratio) ? "no result" : verdict(met)) + " |");
        if (!met) {
            misses.add(what + ": target " + target + ", measured " + ratio(ratio)
                    + (Double.isNaN(ratio) ? " (no result)" : " (" + percent(1 - ratio / needed) + " short)"));
        }
        return (Double.isNaN(ratio) ? "no result" : met ? "met" : "**missed**") + " (" + target + ")";
    }

    private static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }

    static void add(DefaultCategoryDataset dataset, double value, String series, String category) {
        if (!Double.isNaN(value)) {
            dataset.addValue(value, series, category);
        }
    }

    void chart(String title, String axis, DefaultCategoryDataset dataset, String file, int width, int height)
            throws IOException {
        JFreeChart chart = ChartFactory.createBarChart(title, null, axis, dataset, PlotOrientation.HORIZONTAL,
                true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.GRAY);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        Color[] colors = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0x7f7f7f)};
        for (int i = 0; i < colors.length; i++) {
            renderer.setSeriesPaint(i, colors[i]);
        }
        ChartUtils.saveChartAsPNG(chartDirectory.resolve(file).toFile(), chart, width, height);
    }

    void line(String text) {
        out.append(text).append('\n');
    }

    static String ops(double value) {
        if (Double.isNaN(value)) {
            return "—";
        }
        if (value >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", value / 1e6);
        }
        if (value >= 1e4) {
            return String.format(Locale.ROOT, "%.1f k", value / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static String num(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.1f", value);
    }

    static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "—" : String.format(Locale.ROOT, "%.2f×", value);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    static String fmtInt(int value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
