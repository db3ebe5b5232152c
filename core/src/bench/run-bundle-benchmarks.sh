#!/usr/bin/env bash
# Bundle benchmarks: Palimpsest's BundleWriter and BundleVerifier against the Library of Congress
# bagit-java (BagCreator.bagInPlace, BagVerifier.isValid), then 100,000 small files under -Xmx256m.
#
#   core/src/bench/run-bundle-benchmarks.sh [--quick]
#
# Environment:
#   BENCH_DIR   where to create the test data (default: a new directory under /tmp, deleted at the
#               end; needs about 4 GiB: the 1 GiB input, a bundle, bagit-java's copy, 100,000 files
#               and their bundles)
#   RUNS        timed rounds of the in-process comparison (default 5; --quick: 2), after one warm-up
#
# Targets (README, Performance): creating a bundle of 200 files totalling 1 GiB with sha256 and
# sha512 at least 2x faster than bagit-java's bagInPlace on a copy of the same folder; verifying it
# at least as fast as bagit-java's isValid; 100,000 small files created and verified with -Xmx256m.
set -euo pipefail

QUICK=0
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    *) echo "usage: $0 [--quick]" >&2; exit 64 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
RUNS=${RUNS:-$([ "$QUICK" = 1 ] && echo 2 || echo 5)}
for tool in java mvn awk; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 69; }
done
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "missing: /usr/bin/time (GNU time, for the peak memory figures)" >&2; exit 69; }

echo "== building core and the benchmark classes"
(cd "$ROOT" && mvn -q -o -Pbench -pl core test-compile \
    && mvn -q -o -pl core dependency:build-classpath -Dmdep.includeScope=test \
           -Dmdep.outputFile="$ROOT/core/target/bench-cp.txt")
CP="$ROOT/core/target/test-classes:$ROOT/core/target/classes:$(cat "$ROOT/core/target/bench-cp.txt")"
# bagit-java logs through SLF4J without a binding, which prints a three-line notice: dropped.
quiet() { grep -v '^SLF4J' || true; }
bench() { java "$@" 2>&1 | quiet; }

WORK=${BENCH_DIR:-$(mktemp -d /tmp/palimpsest-bundle-bench.XXXXXX)}
mkdir -p "$WORK"
cleanup() { rm -rf "$WORK/large" "$WORK/work" "$WORK/many" "$WORK"/many-*; [ -n "${BENCH_DIR:-}" ] || rmdir "$WORK" 2>/dev/null || true; }
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== java: $(java -version 2>&1 | head -1)"

echo "== creating 200 files totalling 1 GiB in $WORK/large"
bench -cp "$CP" dev.palimpsest.bench.BundleBenchmark make-large "$WORK/large" 200 1024

echo
echo "== 1. 200 files, 1 GiB, sha256 + sha512: create and verify, Palimpsest and bagit-java in one JVM"
echo "   (bagit-java bags a fresh copy of the folder in place; the copy is not timed; both verifiers"
echo "   check Palimpsest's bundle; the order alternates between rounds)"
bench -cp "$CP" dev.palimpsest.bench.BundleBenchmark compare "$WORK/large" "$WORK/work" "$RUNS"
echo "   load after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== 2. the same as whole processes (JVM start-up included), once each"
rm -rf "$WORK/work" && mkdir -p "$WORK/work"
$TIME -f "   %e s wall, %U s user, %S s sys, %M KiB peak RSS" \
  java -cp "$CP" dev.palimpsest.bench.BundleBenchmark create "$WORK/large" "$WORK/work/bundle" 2>&1 | quiet
$TIME -f "   %e s wall, %U s user, %S s sys, %M KiB peak RSS" \
  java -cp "$CP" dev.palimpsest.bench.BundleBenchmark verify "$WORK/work/bundle" 2>&1 | quiet
cp -r "$WORK/large" "$WORK/work/bagit" && cat "$WORK"/work/bagit/* > /dev/null
$TIME -f "   %e s wall, %U s user, %S s sys, %M KiB peak RSS" \
  java -cp "$CP" dev.palimpsest.bench.BundleBenchmark bagit-create "$WORK/work/bagit" 2>&1 | quiet
$TIME -f "   %e s wall, %U s user, %S s sys, %M KiB peak RSS" \
  java -cp "$CP" dev.palimpsest.bench.BundleBenchmark bagit-verify "$WORK/work/bundle" 2>&1 | quiet
rm -rf "$WORK/work" "$WORK/large"

echo
echo "== 3. 100,000 files of 100 to 4,000 bytes, -Xmx256m"
bench -cp "$CP" dev.palimpsest.bench.BundleBenchmark make-many "$WORK/many" 100000
echo "   $(du -sh "$WORK/many" | cut -f1) in $(find "$WORK/many" -type f | wc -l) files"
for layout in folder zip; do
  target="$WORK/many-bundle"; [ "$layout" = zip ] && target="$WORK/many-bundle.zip"
  $TIME -f "   %e s wall, %U s user, %S s sys, %M KiB peak RSS" \
    java -Xmx256m -cp "$CP" dev.palimpsest.bench.BundleBenchmark create "$WORK/many" "$target" \
    $([ "$layout" = zip ] && echo zip) 2>&1 | quiet | sed "s/^palimpsest create/palimpsest create ($layout)/"
  $TIME -f "   %e s wall, %U s user, %S s sys, %M KiB peak RSS" \
    java -Xmx256m -cp "$CP" dev.palimpsest.bench.BundleBenchmark verify "$target" 2>&1 | quiet \
    | sed "s/^palimpsest verify/palimpsest verify ($layout)/"
done
echo "   bagit-java for reference, on a copy, also with -Xmx256m:"
cp -r "$WORK/many" "$WORK/many-bagit"
$TIME -f "   %e s wall, %U s user, %S s sys, %M KiB peak RSS" \
  java -Xmx256m -cp "$CP" dev.palimpsest.bench.BundleBenchmark bagit-create "$WORK/many-bagit" 2>&1 | quiet
$TIME -f "   %e s wall, %U s user, %S s sys, %M KiB peak RSS" \
  java -Xmx256m -cp "$CP" dev.palimpsest.bench.BundleBenchmark bagit-verify "$WORK/many-bagit" 2>&1 | quiet

echo
echo "== load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
