#!/usr/bin/env bash
# Runs every Stowage benchmark side by side with its peers and writes docs/benchmarks.md and the charts
# under docs/benchmarks/.
#
#   benchmarks/run.sh quick   1 round, short iterations (two forks per memory case): about 35 minutes on 2 cores
#   benchmarks/run.sh full    3 interleaved rounds: about 55 minutes on 2 cores
#
# Needs a JDK 17 and a Redis 7 at 127.0.0.1:6379 (or STOWAGE_REDIS_URL=redis://host:port). Each round runs
# every group once (memory, file, Redis, channels, footprint); the report takes medians over the rounds.
# Raw results and JMH logs stay under benchmarks/target/results/<time>-<mode>/.
set -euo pipefail
mode="${1:-quick}"
cd "$(dirname "$0")/.."

case "$mode" in
  quick) rounds=1; jmh=(-f 1 -wi 1 -w 1s -i 2 -r 1s); memory_jmh=(-f 2 -wi 1 -w 1s -i 2 -r 1s) ;;
  full)  rounds=3; jmh=(-f 1 -wi 2 -w 1s -i 3 -r 1s); memory_jmh=("${jmh[@]}") ;;
  *) echo "usage: $0 [quick|full]" >&2; exit 2 ;;
esac
# Transparent huge pages for every provider's heap (the machine's THP mode is madvise, so a JVM gets them
# only when it asks): with 4 KB pages the memory benchmarks' random reads over ~20 MB of entries missed the
# TLB, and the same case varied by 2-3x between forks (benchmarks/NOTES.md)
jvm_args="-Xms2g -Xmx2g -XX:+UseTransparentHugePages"

redis_url="${STOWAGE_REDIS_URL:-redis://127.0.0.1:6379}"
hostport="${redis_url#*://}"; hostport="${hostport%%/*}"; hostport="${hostport##*@}"
host="${hostport%%:*}"; port="${hostport##*:}"; [ "$port" = "$host" ] && port=6379
if ! (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
  echo "no Redis answers at $host:$port (set STOWAGE_REDIS_URL)" >&2
  exit 1
fi

echo "building the benchmark jar"
./mvnw -B -q -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar

results="benchmarks/target/results/$(date +%Y%m%d-%H%M%S)-$mode"
mkdir -p "$results"
{
  echo "mode=$mode"
  echo "jmh=java -jar benchmarks.jar ${jmh[*]} -jvmArgs '$jvm_args' -t T -rf json REGEX"
  echo "memory_jmh=java -jar benchmarks.jar ${memory_jmh[*]} -jvmArgs '$jvm_args' -t T -rf json -p ... 'MemoryJCacheBenchmark\\.OP\$'"
} > "$results/settings.txt"
{
  echo "nproc=$(nproc)"
  echo "memory=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "redis=$host:$port"
} > "$results/machine.txt"
java -version > "$results/java-version.txt" 2>&1
# the physical limit of the server from one client: 16 commands pipelined per connection
if command -v redis-benchmark > /dev/null; then
  redis-benchmark -h "$host" -p "$port" -P 16 -t get,set -q -n 1000000 2>&1 | tr '\r' '\n' \
    | grep 'requests per second' > "$results/redis-benchmark.txt" || true
fi

# jmh NAME THREADS REGEX [JMH OPTION...]: one JMH invocation (the options, e.g. -p provider=cache2k, narrow
# its parameters), JSON to round-N/NAME.json, log to round-N/NAME.log
jmh() {
  local name=$1 threads=$2 regex=$3 start=$SECONDS
  shift 3
  if ! java -jar "$jar" "${jmh[@]}" -jvmArgs "$jvm_args" -t "$threads" -rf json -rff "$dir/$name.json" "$@" "$regex" \
      > "$dir/$name.log" 2>&1; then
    echo "  $name: JMH failed, see $dir/$name.log" >&2
    jmh_failures=$((jmh_failures + 1))
  fi
  local failed; failed=$(grep -c '<failure>' "$dir/$name.log" || true)
  if [ "$failed" -gt 0 ]; then
    echo "  $name: $((SECONDS - start)) s, $failed benchmark(s) failed (see $dir/$name.log)"
  else
    echo "  $name: $((SECONDS - start)) s"
  fi
}

# memory THREADS: the in-process grid, one case (operation, types, store-by) at a time, so that Stowage with
# statistics off and on, its JCache peers and raw Caffeine run within seconds of each other: this machine's
# speed drifts over minutes, and a grid run provider by provider put minutes between the two sides of a ratio
memory() {
  local threads=$1 op types by peers
  local -a other=("${jmh[@]}")
  # two forks per case in a quick run: one fork's figure moved 2x from one second to the next (NOTES.md)
  jmh=("${memory_jmh[@]}")
  for op in get put zipfMix; do
    for types in Long-byte100 String-String; do
      # cache2k refuses array values: the String grid only
      peers=caffeine,ehcache; [ "$types" = String-String ] && peers=$peers,cache2k
      for by in false true; do
        jmh "memory-t$threads-$op-$types-$by" "$threads" "MemoryJCacheBenchmark\\.$op\$" \
          -p types="$types" -p storeByValue="$by" -p provider=stowage -p statistics=false,true
        jmh "memory-t$threads-$op-$types-$by-peers" "$threads" "MemoryJCacheBenchmark\\.$op\$" \
          -p types="$types" -p storeByValue="$by" -p provider="$peers"
      done
      jmh "memory-t$threads-$op-$types-raw" "$threads" "MemoryRawCaffeineBenchmark\\.$op\$" -p types="$types"
    done
  done
  jmh=("${other[@]}")
}

jmh_failures=0
for round in $(seq 1 "$rounds"); do
  dir="$results/round-$round"
  mkdir -p "$dir"
  echo "round $round of $rounds"
  memory 1
  memory 2
  jmh file-t1 1 'FileBenchmark'
  jmh file-t2 2 'FileBenchmark'
  jmh redis-t1 1 'Redis(JCache|Raw|RawBulk)Benchmark'
  jmh redis-t8 8 'Redis(JCache|Raw)Benchmark\.(get|put)$'
  jmh redis-events-t1 1 'RedisEventsBenchmark'
  jmh redis-async-t1 1 'RedisAsyncBenchmark'
  jmh redis-near-t1 1 'RedisNearCacheBenchmark'
  jmh redis-near-t8 8 'RedisNearCacheBenchmark\.get$'
  jmh redis-near-mix-t4 4 'RedisNearCacheMixBenchmark'
  jmh channels-t1 1 'ChannelsBenchmark'
  start=$SECONDS
  java -Xms4g -Xmx4g -cp "$jar" dev.stowage.benchmarks.FootprintMain "$dir/footprint.json" > "$dir/footprint.log" 2>&1 \
    || echo "  footprint failed, see $dir/footprint.log" >&2
  echo "  footprint: $((SECONDS - start)) s"
done

if [ "$jmh_failures" -gt 0 ]; then
  # e.g. another JMH run held /tmp/jmh.lock: a report of dashes must not replace docs/benchmarks.md
  echo "$jmh_failures JMH invocation(s) failed; docs/benchmarks.md left as it was (results under $results)" >&2
  exit 1
fi
java -cp "$jar" dev.stowage.benchmarks.ReportMain "$results" docs benchmarks/NOTES.md
