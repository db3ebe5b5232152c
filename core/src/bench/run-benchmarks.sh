#!/usr/bin/env bash
# Whole-process hashing benchmarks against openssl, then (unless --no-jmh) the JMH suite.
#
#   core/src/bench/run-benchmarks.sh [--quick] [--no-jmh]
#
# Environment:
#   HASH_CMD        the command under test; it is run as
#                     $HASH_CMD --digest ALG[,ALG] [$PARALLEL_OPT N] FILE...
#                   and must print the digests. Default: the tiny main dev.palimpsest.bench.HashFiles
#                   on the core classes. For the CLI:
#                     HASH_CMD="java -jar examples/target/palimpsest.jar digest"
#   PARALLEL_OPT    the option that sets the thread count (default --parallelism)
#   BENCH_DIR       where to create the test files (default: a new directory under /tmp; it is
#                   deleted at the end; needs about 2.1 GiB, plus a 4 GiB sparse file)
#   RESULTS_DIR     where hyperfine/JMH results are kept (default core/target/bench-results)
#   RUNS            timed runs per command (default 5; --quick: 3)
#   JMH_ARGS        extra JMH arguments (default: all benchmarks, or a short run with --quick)
#
# Targets on the 2-core development machine: sha256 of 1 GiB within 1.25x of openssl; sha256 and
# sha512 in one read at most 0.65x the two single runs together; 200 files totalling 1 GiB at least
# 1.7x faster on 2 threads than on 1; a 4 GiB file hashed with -Xmx64m.
set -euo pipefail

QUICK=0
JMH=1
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    --no-jmh) JMH=0 ;;
    *) echo "usage: $0 [--quick] [--no-jmh]" >&2; exit 64 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
RESULTS_DIR=${RESULTS_DIR:-$ROOT/core/target/bench-results}
RUNS=${RUNS:-$([ "$QUICK" = 1 ] && echo 3 || echo 5)}
PARALLEL_OPT=${PARALLEL_OPT:---parallelism}
mkdir -p "$RESULTS_DIR"

for tool in openssl java mvn awk; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 69; }
done

if [ -z "${HASH_CMD:-}" ]; then
  echo "== building core and the benchmark classes"
  (cd "$ROOT" && mvn -q -o -Pbench -pl core test-compile \
      && mvn -q -o -pl core dependency:build-classpath -Dmdep.includeScope=runtime \
             -Dmdep.outputFile="$RESULTS_DIR/runtime.classpath")
  HASH_CMD="java -cp $ROOT/core/target/test-classes:$ROOT/core/target/classes:$(cat "$RESULTS_DIR/runtime.classpath") dev.palimpsest.bench.HashFiles"
fi

WORK=${BENCH_DIR:-$(mktemp -d /tmp/palimpsest-bench.XXXXXX)}
mkdir -p "$WORK"
cleanup() { rm -rf "$WORK/large" "$WORK/many" "$WORK/sparse"; [ -n "${BENCH_DIR:-}" ] || rmdir "$WORK" 2>/dev/null || true; }
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {exit !(l > 1.0)}'; then
  echo "   WARNING: the machine is busy; the figures below will understate what an idle machine does"
fi
echo "== java: $(java -version 2>&1 | head -1); $(openssl version)"
echo "== command under test: ${HASH_CMD:0:60}..."

echo "== creating test files in $WORK"
head -c 1073741824 /dev/urandom > "$WORK/large"
mkdir -p "$WORK/many"
# 200 files totalling exactly 1 GiB: slices of the large file.
(cd "$WORK/many" && split -n 200 -d -a 3 "$WORK/large" part-)
cat "$WORK/large" "$WORK"/many/* > /dev/null   # into the page cache

# mean seconds of a command over $RUNS runs (after one warm-up run); prints "mean stddev"
measure() {
  local name=$1; shift
  if command -v hyperfine >/dev/null; then
    hyperfine -N -w 1 -r "$RUNS" --export-json "$RESULTS_DIR/$name.json" --output=null "$*" >/dev/null 2>&1
    # The first "mean" and "stddev" keys of the export are those of the one command measured.
    tr -d ' \n' < "$RESULTS_DIR/$name.json" | grep -o '"\(mean\|stddev\)":[0-9.e-]*' | head -2 | cut -d: -f2 \
      | paste -sd' ' | awk '{printf "%.3f %.3f\n", $1, $2}'
  else
    "$@" >/dev/null
    local times=()
    for _ in $(seq "$RUNS"); do
      times+=("$( { /usr/bin/time -f %e "$@" >/dev/null; } 2>&1 | tail -1)")
    done
    printf '%s\n' "${times[@]}" | awk '{s+=$1; q+=$1*$1} END {m=s/NR; printf "%.3f %.3f\n", m, sqrt(q/NR-m*m)}'
  fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {ok = (op == "<=") ? v <= t : v >= t; print ok ? "met" : "MISSED"}'; }
report() { printf '  %-52s %8.3f s ± %.3f\n' "$1" "$2" "$3"; }

echo
echo "== 1. sha256 of a 1 GiB file (page cache), whole process"
read -r ossl ossl_sd < <(measure openssl-sha256 openssl dgst -sha256 "$WORK/large")
read -r j256 j256_sd < <(measure java-sha256 $HASH_CMD --digest sha256 "$WORK/large")
report "openssl dgst -sha256" "$ossl" "$ossl_sd"
report "command --digest sha256" "$j256" "$j256_sd"
r1=$(ratio "$j256" "$ossl")
echo "  ratio command/openssl: $r1 (target <= 1.25: $(verdict "$r1" "<=" 1.25))"

echo
echo "== 2. sha256 + sha512 of the same file in one read"
read -r j512 j512_sd < <(measure java-sha512 $HASH_CMD --digest sha512 "$WORK/large")
read -r jboth jboth_sd < <(measure java-sha256-sha512 $HASH_CMD --digest sha256,sha512 "$WORK/large")
read -r o512 o512_sd < <(measure openssl-sha512 openssl dgst -sha512 "$WORK/large")
report "command --digest sha512" "$j512" "$j512_sd"
report "command --digest sha256,sha512 (one read, 2 threads)" "$jboth" "$jboth_sd"
report "openssl dgst -sha512 (for reference)" "$o512" "$o512_sd"
sum=$(awk -v a="$j256" -v b="$j512" 'BEGIN {print a + b}')
r2=$(ratio "$jboth" "$sum")
bound=$(ratio "$j512" "$sum")
echo "  ratio both/(sha256 + sha512): $r2 (target <= 0.65: $(verdict "$r2" "<=" 0.65));"
echo "  lower bound set by sha512 alone, sha512/(sha256 + sha512): $bound"

echo
echo "== 3. 200 files totalling 1 GiB, sha256, 1 thread vs 2"
read -r m1 m1_sd < <(measure many-1-thread $HASH_CMD --digest sha256 "$PARALLEL_OPT" 1 "$WORK"/many/*)
read -r m2 m2_sd < <(measure many-2-threads $HASH_CMD --digest sha256 "$PARALLEL_OPT" 2 "$WORK"/many/*)
report "1 thread" "$m1" "$m1_sd"
report "2 threads" "$m2" "$m2_sd"
r3=$(ratio "$m1" "$m2")
echo "  speed-up 2 threads/1 thread: $r3 (target >= 1.7: $(verdict "$r3" ">=" 1.7))"

echo
echo "== 4. a 4 GiB (sparse) file with -Xmx64m, sha256 + sha512"
rm -f "$WORK/large" && rm -rf "$WORK/many"
truncate -s 4G "$WORK/sparse"
expected=$(openssl dgst -sha256 -r "$WORK/sparse" | cut -d' ' -f1)
start=$(date +%s.%N)
out=$(JAVA_TOOL_OPTIONS=-Xmx64m /usr/bin/time -f "%M" -o "$RESULTS_DIR/sparse.rss" \
      $HASH_CMD --digest sha256,sha512 "$WORK/sparse" 2>/dev/null)
end=$(date +%s.%N)
rss_kib=$(tail -1 "$RESULTS_DIR/sparse.rss")
if grep -q "$expected" <<<"$out"; then ok=met; else ok="MISSED (digest differs from openssl's: $out)"; fi
printf '  %.1f s, max RSS %d MiB, sha256 equal to openssl: %s\n' \
  "$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')" $((rss_kib / 1024)) "$ok"
rm -f "$WORK/sparse"

echo
echo "== load after the whole-process runs: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$JMH" = 1 ]; then
  echo
  echo "== JMH (in-process); results in $RESULTS_DIR/jmh.json"
  if [ "$QUICK" = 1 ]; then
    JMH_ARGS=${JMH_ARGS:-"-wi 1 -i 3 -p sizeMiB=128 -p totalMiB=128"}
  fi
  (cd "$ROOT" && mvn -q -o -Pbench -pl core verify -Dmaven.javadoc.skip \
      -Dbench.args="${JMH_ARGS:-} -rf json -rff $RESULTS_DIR/jmh.json")
fi
