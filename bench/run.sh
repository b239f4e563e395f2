#!/usr/bin/env bash
# Builds generated corpora of each size with every format and analysis, printing per size the
# wall time, peak RSS, throughput and the time of every stage (signalkg build --timings), then
# parse + link MB/s per core from a run on one thread.
#   bench/run.sh [SIZES...]        (default: 1000 10000 100000)
# Corpora are generated once into build/corpora/ by bench/gen.py (seeded). Sizes up to
# BASELINE_MAX (default 10000) also run bench/baseline.py, the same build with NetworkX and
# rdflib, and print the ratio of the two wall times.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(uname -srm)"
for size in "${sizes[@]}"; do
  corpus="build/corpora/$size"
  [ -d "$corpus" ] || /usr/bin/python3 bench/gen.py "$size" "$corpus"
  bytes=$(find "$corpus" -name "*.md" -printf "%s\n" | awk "{s += \$1} END {print s}")
  out=$(mktemp -d)
  echo; echo "== $size reports, $((bytes / 1000000)) MB"
  /usr/bin/time -f "%e %M" -o "$out/time" build/cli/signalkg build "$corpus" -o "$out/OUT" -q --timings 2> "$out/stages"
  read -r wall rss < "$out/time"
  cat "$out/stages"
  awk -v w="$wall" -v r="$rss" -v b="$bytes" -v n="$size" 'BEGIN {
    printf "wall %.1f s, peak RSS %.2f GB, %.1f MB/s, %.0f reports/s\n", w, r / 1048576, b / 1e6 / w, n / w }'
  # Per core: the same corpus on one thread (DOT only: no other thread runs), whose parse and
  # link CPU times are not inflated by the other core's work on shared caches and memory.
  echo "-- one thread (--jobs 1 --formats dot), per core:"
  build/cli/signalkg build "$corpus" -o "$out/ONE" -q --timings --jobs 1 --formats dot 2>&1 |
    grep -E "CPU time"
  if [ "$size" -le "${BASELINE_MAX:-10000}" ]; then
    echo "-- the same corpus through NetworkX + rdflib (bench/baseline.py)"
    /usr/bin/time -f "%e %M" -o "$out/time" /usr/bin/python3 bench/baseline.py "$corpus" "$out/BASE" || true
    read -r base_wall base_rss < "$out/time"
    awk -v w="$wall" -v bw="$base_wall" -v br="$base_rss" 'BEGIN {
      printf "baseline wall %.1f s, peak RSS %.2f GB: signalkg is %.1fx faster\n", bw, br / 1048576, bw / w }'
  fi
  rm -rf "$out"
done
