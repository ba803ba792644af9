package dev.stowage.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The JMH results of several rounds (JMH's {@code -rf json} files, read with Jackson), indexed by
 * benchmark, parameters and thread count, with medians over the rounds.
 */
public final class Results {

    /**
     * One JMH result of one round.
     *
     * @param round the round it came from, 1-based
     * @param score the primary score (ops/s, or µs/op for sampled latency)
     * @param unit the score's unit
     * @param percentiles the sampled percentiles ({@code "50.0"} → value), empty for throughput
     */
    public record Score(int round, double score, String unit, Map<String, Double> percentiles) {
    }

    private final Map<String, Map<Integer, Score>> scores = new HashMap<>();
    private JsonNode settings;
    private int rounds;

    /** Creates an empty result set. */
    public Results() {
    }

    /**
     * Reads every {@code round-N/*.json} JMH file under a directory (footprint files are skipped).
     *
     * @param directory the results directory of a run
     * @return the results
     * @throws IOException when a file cannot be read or parsed
     */
    public static Results read(Path directory) throws IOException {
        Results results = new Results();
        ObjectMapper mapper = new ObjectMapper();
        List<Path> roundDirectories;
        try (Stream<Path> list = Files.list(directory)) {
            roundDirectories = list.filter(p -> p.getFileName().toString().startsWith("round-")).sorted().toList();
        }
        for (Path roundDirectory : roundDirectories) {
            int round = Integer.parseInt(roundDirectory.getFileName().toString().substring("round-".length()));
            results.rounds = Math.max(results.rounds, round);
            List<Path> files;
            try (Stream<Path> list = Files.list(roundDirectory)) {
                files = list.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().startsWith("footprint"))
                        .sorted().toList();
            }
            for (Path file : files) {
                if (Files.size(file) == 0) {
                    continue;
                }
                for (JsonNode result : mapper.readTree(file.toFile())) {
                    results.add(round, result);
                }
            }
        }
        return results;
    }

    private void add(int round, JsonNode result) {
        if (settings == null) {
            settings = result;
        }
        String benchmark = result.get("benchmark").asText();
        String[] parts = benchmark.split("\\.");
        String name = parts[parts.length - 2] + "." + parts[parts.length - 1];
        Map<String, String> params = new TreeMap<>();
        JsonNode paramsNode = result.get("params");
        if (paramsNode != null) {
            for (Map.Entry<String, JsonNode> param : paramsNode.properties()) {
                params.put(param.getKey(), param.getValue().asText());
            }
        }
        JsonNode metric = result.get("primaryMetric");
        Map<String, Double> percentiles = new TreeMap<>();
        JsonNode percentilesNode = metric.get("scorePercentiles");
        if (percentilesNode != null && "sample".equals(result.get("mode").asText())) {
            for (Map.Entry<String, JsonNode> percentile : percentilesNode.properties()) {
                percentiles.put(percentile.getKey(), percentile.getValue().asDouble());
            }
        }
        Score score = new Score(round, metric.get("score").asDouble(), metric.get("scoreUnit").asText(), percentiles);
        scores.computeIfAbsent(key(name, result.get("threads").asInt(), params), k -> new HashMap<>()).put(round, score);
        JsonNode secondary = result.get("secondaryMetrics");
        if (secondary != null) {
            // auxiliary counters (JMH @AuxCounters), e.g. RedisEventsBenchmark.put:eventsHeard
            for (Map.Entry<String, JsonNode> metricNode : secondary.properties()) {
                Score auxiliary = new Score(round, metricNode.getValue().get("score").asDouble(),
                        metricNode.getValue().get("scoreUnit").asText(), Map.of());
                scores.computeIfAbsent(key(name + ":" + metricNode.getKey(), result.get("threads").asInt(), params),
                        k -> new HashMap<>()).put(round, auxiliary);
            }
        }
    }

    private static String key(String name, int threads, Map<String, String> params) {
        return name + "|t" + threads + "|" + params;
    }

    /**
     * Builds a lookup key.
     *
     * @param name {@code Class.method}, e.g. {@code MemoryJCacheBenchmark.get}
     * @param threads the thread count
     * @param params alternating parameter names and values
     * @return the key
     */
    public static String key(String name, int threads, String... params) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        return key(name, threads, map);
    }

    /**
     * The median score over the rounds.
     *
     * @param key from {@link #key(String, int, String...)}
     * @return the median, or NaN when no round has it (the benchmark failed or did not run)
     */
    public double median(String key) {
        Map<Integer, Score> byRound = scores.get(key);
        return byRound == null ? Double.NaN : median(byRound.values().stream().mapToDouble(Score::score).toArray());
    }

    /**
     * The median of one sampled percentile over the rounds.
     *
     * @param key from {@link #key(String, int, String...)}
     * @param percentile e.g. {@code "50.0"}, {@code "99.0"}
     * @return the median, in the score's unit, or NaN
     */
    public double percentile(String key, String percentile) {
        Map<Integer, Score> byRound = scores.get(key);
        if (byRound == null) {
            return Double.NaN;
        }
        return median(byRound.values().stream().map(s -> s.percentiles().get(percentile))
                .filter(v -> v != null).mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The median over the rounds of the per-round ratio {@code a / b} (rounds with both only).
     *
     * @param a the numerator's key (Stowage)
     * @param b the denominator's key (the peer)
     * @return the median ratio, or NaN when no round has both
     */
    public double ratio(String a, String b) {
        return medianRatio(a, b, Score::score);
    }

    /**
     * The median over the rounds of the per-round ratio of one percentile, {@code a / b}.
     *
     * @param a the numerator's key (Stowage)
     * @param b the denominator's key (the peer)
     * @param percentile e.g. {@code "99.0"}
     * @return the median ratio, or NaN
     */
    public double percentileRatio(String a, String b, String percentile) {
        return medianRatio(a, b, score -> score.percentiles().get(percentile));
    }

    /** The median over the rounds that have both of {@code metric(a) / metric(b)}, skipping a zero or missing divisor. */
    private double medianRatio(String a, String b, Function<Score, Double> metric) {
        Map<Integer, Score> as = scores.get(a);
        Map<Integer, Score> bs = scores.get(b);
        if (as == null || bs == null) {
            return Double.NaN;
        }
        List<Double> ratios = new ArrayList<>();
        as.forEach((round, score) -> {
            Score other = bs.get(round);
            Double x = metric.apply(score);
            Double y = other == null ? null : metric.apply(other);
            if (x != null && y != null && y > 0) {
                ratios.add(x / y);
            }
        });
        return median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The median of some values.
     *
     * @param values any values
     * @return their median (mean of the middle two for an even count), NaN when empty
     */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * The median of some values.
     *
     * @param values any values
     * @return their median, NaN when empty
     */
    public static double median(Collection<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * One JMH result as JMH wrote it, to report the settings (version, forks, iterations, JVM).
     *
     * @return the first result read, or null when none was
     */
    public JsonNode settings() {
        return settings;
    }

    /**
     * How many rounds were read.
     *
     * @return the highest round number found
     */
    public int rounds() {
        return rounds;
    }
}
