#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) into build-fuzz/ and runs each for SECONDS
# (default 60), seeded from ../shared/corpus and examples/. Exits non-zero on any finding.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (targets: markdown json config)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(markdown json config)
corpus=../shared/corpus

CC=clang CXX=clang++ cmake -S . -B build-fuzz -DSIGNALKG_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$(nproc)" >/dev/null

# Seeds: the real reports; as JSON, the same reports one per file (first byte 0: a .json
# document, 1: JSON Lines), written by `signalkg convert` when the main build exists.
seeds=build-fuzz/seeds
rm -rf "$seeds" && mkdir -p "$seeds"/{markdown,json,config}
cp "$corpus"/*.md "$seeds/markdown/"
cp examples/reports/example-*.md "$seeds/markdown/"
cp examples/signalkg.yaml "$seeds/config/"
if [ -x build/cli/signalkg ]; then
    build/cli/signalkg convert -q "$corpus" -o "$seeds/corpus.jsonl" 2>/dev/null || true
    /usr/bin/python3 - "$seeds" <<'PY'
import sys, pathlib
seeds = pathlib.Path(sys.argv[1])
lines = (seeds / "corpus.jsonl").read_bytes().splitlines()
for i, line in enumerate(lines):
    (seeds / "json" / f"{i}.json").write_bytes(bytes([i % 2]) + line)
(seeds / "json" / "all.jsonl").write_bytes(b"\x01" + b"\n".join(lines[:20]))
PY
fi

status=0
for target in "${targets[@]}"; do
    work=build-fuzz/corpus-$target
    mkdir -p "$work"
    echo "fuzz_$target: ${seconds} s"
    if ! build-fuzz/fuzz/fuzz_$target "$work" "$seeds/$target" -max_total_time="$seconds" \
        -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix=build-fuzz/crash-$target- 2>build-fuzz/fuzz_$target.log; then
        status=1
        tail -n 60 build-fuzz/fuzz_$target.log
    fi
    grep -E '^(Done|stat::number_of_executed_units)' build-fuzz/fuzz_$target.log || true
done
exit $status
