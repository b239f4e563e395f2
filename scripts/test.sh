#!/usr/bin/env bash
# Installs the dependencies, builds, and runs every test (unit and interoperability) with ctest.
# Tests that need the shared corpus beside the checkout (../shared, absent from a user's clone)
# are skipped without it, and listed at the end with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
log=build/Testing/Temporary/LastTest.log
if grep -q "^SKIPPED: needs" "$log"; then
  echo "Skipped, and why:"
  grep -h "^SKIPPED: needs" "$log" | sort | uniq -c
fi
