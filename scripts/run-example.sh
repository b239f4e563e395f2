#!/usr/bin/env bash
# Installs the dependencies, builds, and runs signalkg on examples/reports, writing out/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
./build/cli/signalkg build examples/reports --config examples/signalkg.yaml -o out
