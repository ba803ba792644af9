/**
 * JMH benchmarks of Stowage against the JCache providers its users would pick instead (Caffeine's
 * JCache adapter, Ehcache 3, Redisson's JCache) and against raw Caffeine and raw Redisson as ceilings;
 * the footprint measurements ({@link dev.stowage.benchmarks.FootprintMain}) and the report that turns
 * the results into {@code docs/benchmarks.md} ({@link dev.stowage.benchmarks.ReportMain}).
 *
 * <p>Run everything with {@code benchmarks/run.sh quick|full}; single benchmarks with
 * {@code java -jar benchmarks/target/benchmarks.jar REGEX}. Unless a class says otherwise, scores are
 * operations per second (JMH's {@code thrpt} mode) summed over the benchmark threads.
 */
package dev.stowage.benchmarks;
