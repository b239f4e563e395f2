#!/usr/bin/env bash
# Installs the dependencies, builds, and runs every test (unit and interoperability) with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
