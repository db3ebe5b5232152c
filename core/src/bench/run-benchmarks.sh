#!/usr/bin/env bash
# Whole-process hashing benchmarks against openssl, then (unless --no-jmh) the JMH suite.
#
#   core/src/bench/run-benchmarks.sh [--quick] [--no-jmh] [--quiet-only]
#
# --quiet-only is for a machine shared with other work: before every timed run it waits until
# the CPUs are idle, and it repeats a run during which other processes used more than 10% of
# the machine (measured from /proc/stat less the run's own CPU time).
#
# Environment:
#   HASH_CMD      the command under test; it is run as
#                   $HASH_CMD --digest ALG[,ALG] [$PARALLEL_OPT N] FILE...
#                 Default: the tiny main dev.palimpsest.bench.HashFiles on the core classes.
#                 For the CLI:  HASH_CMD="java -jar examples/target/palimpsest.jar digest"
#   PARALLEL_OPT  the option that sets the number of threads (default --parallelism)
#   BENCH_DIR     where the test files go (default: a new directory under /tmp, deleted at the
#                 end; needs 2 GiB, plus a 4 GiB sparse file that takes no space)
#   RESULTS_DIR   where timings and JMH results are kept (default core/target/bench-results)
#   RUNS          timed rounds (default 7; --quick: 3), after one warm-up round
#   JMH_ARGS      arguments for JMH (default: every benchmark; --quick: a short run)
#
# Commands compared with each other run interleaved, one of each per round, so that load from
# other processes on a shared machine falls on all of them alike; medians are reported.
#
# Targets on the 2-core development machine: sha256 of 1 GiB within 1.25x of openssl; sha256 and
# sha512 in one read at most 0.65x the two single runs together; 200 files totalling 1 GiB at
# least 1.7x faster on 2 threads than on 1; a 4 GiB file hashed with -Xmx64m.
set -euo pipefail

QUICK=0
JMH=1
QUIET_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    --no-jmh) JMH=0 ;;
    --quiet-only) QUIET_ONLY=1 ;;
    *) echo "usage: $0 [--quick] [--no-jmh] [--quiet-only]" >&2; exit 64 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
RESULTS_DIR=${RESULTS_DIR:-$ROOT/core/target/bench-results}
RUNS=${RUNS:-$([ "$QUICK" = 1 ] && echo 3 || echo 7)}
PARALLEL_OPT=${PARALLEL_OPT:---parallelism}
mkdir -p "$RESULTS_DIR"

for tool in openssl java mvn awk split truncate; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 69; }
done

if [ -z "${HASH_CMD:-}" ]; then
  echo "== building core and the benchmark classes"
  (cd "$ROOT" && mvn -q -o -Pbench -pl core test-compile \
      && mvn -q -o -pl core dependency:build-classpath -Dmdep.includeScope=runtime \
             -Dmdep.outputFile="$RESULTS_DIR/runtime.classpath" >/dev/null)
  HASH_CMD="java -cp $ROOT/core/target/test-classes:$ROOT/core/target/classes:$(cat "$RESULTS_DIR/runtime.classpath") dev.palimpsest.bench.HashFiles"
fi

WORK=${BENCH_DIR:-$(mktemp -d /tmp/palimpsest-bench.XXXXXX)}
mkdir -p "$WORK"
cleanup() {
  rm -rf "$WORK/large" "$WORK/many" "$WORK/sparse"
  [ -n "${BENCH_DIR:-}" ] || rmdir "$WORK" 2>/dev/null || true
}
trap cleanup EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
now() { if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/,/.}"; else date +%s.%N; fi; }

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(load)"
if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {exit !(l > 1.0)}'; then
  echo "   WARNING: the machine is busy; absolute times will be slower than on an idle machine"
fi
echo "== $(java -version 2>&1 | head -1); $(openssl version)"
echo "== command under test: ${HASH_CMD:0:70}..."

echo "== creating test files in $WORK"
head -c 1073741824 /dev/urandom > "$WORK/large"
mkdir -p "$WORK/many"
# 200 files totalling exactly 1 GiB: slices of the large file.
(cd "$WORK/many" && split -n 200 -d -a 3 "$WORK/large" part-)
cat "$WORK/large" "$WORK"/many/* > /dev/null   # into the page cache

declare -A MEDIAN=() LOW=() HIGH=()
CORES=$(nproc)
HZ=$(getconf CLK_TCK)
DISCARDED=0

# busy and total CPU jiffies of the whole machine
jiffies() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }

# waits until the machine has been at least 90% idle for 2 s
wait_quiet() {
  local b1 t1 b2 t2
  while true; do
    read -r b1 t1 < <(jiffies); sleep 2; read -r b2 t2 < <(jiffies)
    [ $(( (b2 - b1) * 10 )) -le $(( t2 - t1 )) ] && return
  done
}

# runs a command once; prints its wall time in seconds, or "disturbed" (with --quiet-only)
# when other processes used more than 10% of the machine meanwhile
timed_run() {
  local b1 t1 b2 t2 start end cpu
  [ "$QUIET_ONLY" = 0 ] || wait_quiet
  read -r b1 t1 < <(jiffies)
  start=$(now)
  # Unquoted on purpose: the command is split into words and its globs expanded.
  /usr/bin/time -f "%U %S" -o "$RESULTS_DIR/last.cpu" $1 > "$RESULTS_DIR/last.out" 2>&1 \
    || { echo "failed: ${1:0:200}" >&2; cat "$RESULTS_DIR/last.out" >&2; exit 70; }
  end=$(now)
  read -r b2 t2 < <(jiffies)
  cpu=$(tail -1 "$RESULTS_DIR/last.cpu" | awk '{print $1 + $2}')
  awk -v s="$start" -v e="$end" -v busy="$(( b2 - b1 ))" -v hz="$HZ" -v own="$cpu" -v cores="$CORES" \
      -v strict="$QUIET_ONLY" 'BEGIN {
        wall = e - s; foreign = busy / hz - own
        if (strict == 1 && foreign > 0.10 * wall * cores) print "disturbed"; else printf "%.4f\n", wall }'
}

# compare LABEL "COMMAND" LABEL "COMMAND" ...: one warm-up round, then $RUNS rounds, each running
# every command once; sets MEDIAN/LOW/HIGH[LABEL] in seconds and keeps the times in $RESULTS_DIR.
compare() {
  local -a labels=() commands=()
  while [ $# -gt 0 ]; do labels+=("$1"); commands+=("$2"); shift 2; done
  local -A times=()
  local round i t
  for round in $(seq 0 "$RUNS"); do
    for i in "${!commands[@]}"; do
      if [ "$round" = 0 ]; then
        ${commands[$i]} > /dev/null 2>&1
        continue
      fi
      while t=$(timed_run "${commands[$i]}") && [ "$t" = disturbed ]; do
        DISCARDED=$((DISCARDED + 1))
      done
      [ -n "$t" ] || exit 70
      times[${labels[$i]}]+="$t "
    done
  done
  local label
  for label in "${labels[@]}"; do
    echo "${times[$label]}" > "$RESULTS_DIR/$label.times"
    read -r MEDIAN[$label] LOW[$label] HIGH[$label] < <(tr ' ' '\n' <<<"${times[$label]}" | grep . | sort -n \
      | awk '{a[NR] = $1} END {m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; print m, a[1], a[NR]}')
    printf '  %-50s %7.3f s  (%.3f .. %.3f)\n' "$label" "${MEDIAN[$label]}" "${LOW[$label]}" "${HIGH[$label]}"
  done
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {ok = (op == "<=") ? v <= t : v >= t; print ok ? "met" : "MISSED"}'; }

echo
echo "== 1 and 2. one 1 GiB file in the page cache, whole process (median of $RUNS, min .. max)"
compare openssl-sha256 "openssl dgst -sha256 $WORK/large" \
        sha256 "$HASH_CMD --digest sha256 $WORK/large" \
        sha512 "$HASH_CMD --digest sha512 $WORK/large" \
        sha256+sha512 "$HASH_CMD --digest sha256,sha512 $WORK/large" \
        openssl-sha512 "openssl dgst -sha512 $WORK/large"
r1=$(ratio "${MEDIAN[sha256]}" "${MEDIAN[openssl-sha256]}")
echo "  1. sha256 / openssl sha256:                   $r1  (target <= 1.25: $(verdict "$r1" "<=" 1.25))"
sum=$(awk -v a="${MEDIAN[sha256]}" -v b="${MEDIAN[sha512]}" 'BEGIN {print a + b}')
r2=$(ratio "${MEDIAN[sha256+sha512]}" "$sum")
echo "  2. sha256+sha512 / (sha256 + sha512):         $r2  (target <= 0.65: $(verdict "$r2" "<=" 0.65))"
echo "     floor set by sha512 alone, sha512 / (sha256 + sha512): $(ratio "${MEDIAN[sha512]}" "$sum")"

echo
echo "== 3. 200 files totalling 1 GiB, sha256"
compare many-1-thread "$HASH_CMD --digest sha256 $PARALLEL_OPT 1 $WORK/many/*" \
        many-2-threads "$HASH_CMD --digest sha256 $PARALLEL_OPT 2 $WORK/many/*"
r3=$(ratio "${MEDIAN[many-1-thread]}" "${MEDIAN[many-2-threads]}")
echo "  3. speed-up of 2 threads over 1:              $r3  (target >= 1.7: $(verdict "$r3" ">=" 1.7))"

echo
echo "== 4. a 4 GiB sparse file with -Xmx64m, sha256 + sha512"
rm -rf "$WORK/large" "$WORK/many"
truncate -s 4G "$WORK/sparse"
expected=$(openssl dgst -sha256 -r "$WORK/sparse" | cut -d' ' -f1)
[ "$QUIET_ONLY" = 0 ] || wait_quiet
start=$(now)
out=$(JAVA_TOOL_OPTIONS=-Xmx64m /usr/bin/time -f "%M" -o "$RESULTS_DIR/sparse.rss" \
      $HASH_CMD --digest sha256,sha512 "$WORK/sparse" 2>/dev/null)
end=$(now)
rss_kib=$(tail -1 "$RESULTS_DIR/sparse.rss")
if grep -q "$expected" <<<"$out"; then ok=met; else ok="MISSED (not openssl's sha256: $out)"; fi
printf '  4. %.1f s, peak RSS %d MiB, sha256 equal to openssl'"'"'s: %s\n' \
  "$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')" $((rss_kib / 1024)) "$ok"
rm -f "$WORK/sparse"

echo
echo "== load at the end: $(load)"
[ "$QUIET_ONLY" = 0 ] || echo "== runs repeated because other processes were busy: $DISCARDED"

if [ "$JMH" = 1 ]; then
  echo
  echo "== JMH (in-process); results in $RESULTS_DIR/jmh.json"
  if [ "$QUICK" = 1 ]; then
    JMH_ARGS=${JMH_ARGS:-"-wi 1 -i 3 -p sizeMiB=128 -p totalMiB=128"}
  fi
  (cd "$ROOT" && mvn -q -o -Pbench -pl core verify -Dmaven.javadoc.skip \
      -Dbench.args="${JMH_ARGS:-} -rf json -rff $RESULTS_DIR/jmh.json")
fi
