#!/usr/bin/env bash
# Portfolio benchmark: build and sign a portfolio of FILES files / TOTAL bytes (hashing included)
# with -Xmx256m, against qpdf attaching the same files to an empty PDF (no hashing, no signing),
# in the same run. Wall time and peak memory come from /usr/bin/time -v.
#
#   pdf-portfolio/src/bench/run-portfolio-benchmark.sh [FILES] [TOTAL_BYTES] [WORK_DIR]
#
# Defaults: 200 files, 1 GiB, /tmp/palimpsest-portfolio-bench (needs about 6 GiB free).
# The machine should be otherwise idle: the figures are wall times.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODULE=$(pwd)
ROOT=$(cd .. && pwd)
FILES=${1:-200}
TOTAL=${2:-1073741824}
WORK=${3:-/tmp/palimpsest-portfolio-bench}
LEVELS=${LEVELS:-"B-B B-LTA"}

command -v qpdf >/dev/null || { echo "qpdf is not installed (apt-get install qpdf)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is not installed (apt-get install time)" >&2; exit 1; }

# Classes of core (with its test utilities TestPki/TestTsa) and pdf-portfolio, and their dependencies.
mkdir -p "$WORK"
(cd "$ROOT" && mvn -B -q -o -pl pdf-portfolio -am test-compile dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=test >/dev/null)
CP="$MODULE/target/classes:$ROOT/core/target/classes:$ROOT/core/target/test-classes"
CP="$CP:$(tr ':' '\n' < "$WORK/classpath.txt" | grep -v 'palimpsest' | grep -v 'verapdf' | paste -sd:)"
mkdir -p "$WORK/classes"
javac -nowarn -d "$WORK/classes" -cp "$CP" "$MODULE/src/bench/PortfolioBenchmark.java"
CP="$WORK/classes:$CP"

# Two bundles of the same random files: one whose manifest records each file's MD5 (a portfolio
# then reads each file once, checking SHA-256 and MD5 while copying it into the PDF), one that
# records only SHA-256 (the portfolio computes the MD5s for /CheckSum first: a second read).
BUNDLE="$WORK/bundle-$FILES-$TOTAL"
NO_MD5="$WORK/bundle-$FILES-$TOTAL-no-md5"
for b in "$BUNDLE" "$NO_MD5"; do
  if [ ! -f "$b/provenance/archive.json.p7s" ]; then
    echo "preparing $b ($FILES files, $TOTAL bytes)"
    rm -rf "$b"
    java -cp "$CP" PortfolioBenchmark prepare "$b" "$FILES" "$TOTAL" $([ "$b" = "$NO_MD5" ] && echo no-md5)
  fi
done

measure() { # name, command...
  local name=$1; shift
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  # Warm the page cache the same way for every contender: read the inputs once.
  cat "$BUNDLE"/data/documents/* "$NO_MD5"/data/documents/* > /dev/null
  /usr/bin/time -v "$@" 2> "$WORK/$name.time" > "$WORK/$name.out" || { cat "$WORK/$name.time" >&2; exit 1; }
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$WORK/$name.time" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$WORK/$name.time" | awk '{print $NF}')
  printf '%-34s wall %8s   peak RSS %6d MiB   %s\n' "$name" "$wall" $((rss / 1024)) "$(cat "$WORK/$name.out" | tail -1)"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), $(qpdf --version | head -1)"
args=(--empty --compress-streams=n)
for f in "$BUNDLE"/data/documents/*; do
  args+=(--add-attachment "$f" --key="documents/$(basename "$f")" --mimetype=application/pdf --)
done
for run in 1 2; do
  rm -f "$WORK/qpdf.pdf" "$WORK"/palimpsest-*.pdf
  measure "qpdf (run $run)" qpdf "${args[@]}" "$WORK/qpdf.pdf"
  rm -f "$WORK/qpdf.pdf"
  # Palimpsest forces its output to disk before moving it into place (so that a crash never
  # leaves a truncated portfolio); qpdf leaves it in the page cache. This is qpdf made as durable.
  measure "qpdf + fsync (run $run)" bash -c 'qpdf "$@" && sync "${@: -1}"' qpdf "${args[@]}" "$WORK/qpdf.pdf"
  for level in $LEVELS; do
    measure "palimpsest $level (run $run)" java -Xmx256m -cp "$CP" PortfolioBenchmark sign "$BUNDLE" \
        "$WORK/palimpsest-$level.pdf" "$level"
  done
  measure "palimpsest B-B, no MD5 (run $run)" java -Xmx256m -cp "$CP" PortfolioBenchmark sign "$NO_MD5" \
      "$WORK/palimpsest-no-md5.pdf" B-B
done
ls -l "$WORK"/*.pdf
