#!/usr/bin/env bash
# SPARQL load and query times for every example query, on the shared corpus and on a generated
# 10,000-report corpus (bench/gen.py), through `signalkg query --timings`.
#   bench/sparql.sh [SIZE]          (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-10000}"
corpus="build/corpora/$size"
[ -d "$corpus" ] || /usr/bin/python3 bench/gen.py "$size" "$corpus"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for input in ../shared/corpus "$corpus"; do
  echo "== $input"
  build/cli/signalkg build "$input" -o "$out/graph" -q --formats nt 2>/dev/null
  build/cli/signalkg query "$out/graph" examples/queries/*.rq --timings --format csv 2>&1 >/dev/null
done
