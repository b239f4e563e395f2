#!/usr/bin/env bash
# Installs every build, test and interop dependency of signalkg from Debian 12 packages
# (and Oxigraph from npm for the SPARQL cross-check). Idempotent and non-interactive.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
# Virtuoso's package starts a system server on ports 1111 and 8890; the tests start their own on
# loopback, so the service start is refused for this install (policy-rc.d, as in containers).
POLICY=/usr/sbin/policy-rc.d
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
  $SUDO chmod +x "$POLICY"
  trap '$SUDO rm -f "$POLICY"' EXIT
fi
$SUDO apt-get install -y -qq --no-install-recommends \
  build-essential cmake pkg-config \
  libboost-graph-dev rapidjson-dev libraptor2-dev librasqal3-dev librdf0-dev \
  libyaml-cpp-dev catch2 libgraphviz-dev graphviz libcli11-dev libfmt-dev libcurl4-gnutls-dev \
  raptor2-utils libxml2-utils python3-networkx python3-igraph python3-rdflib \
  python3-numpy python3-scipy clang libclang-rt-14-dev wordnet-base \
  virtuoso-opensource-7 chromium firefox-esr xvfb xauth \
  openmpi-bin libopenmpi-dev libboost-mpi-dev >/dev/null

# From npm, with Debian's Node.js: sigma.js and graphology, which report.html embeds (the build
# bundles them with esbuild and compiles them in), Oxigraph (a SPARQL 1.1 store compiled to WebAssembly) for the SPARQL cross-check, and
# puppeteer-core, which drives Debian's chromium in the report.html tests.
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
# The versions are pinned by scripts/npm/package-lock.json (npm ci installs exactly those).
if ! cmp -s "$ROOT/scripts/npm/package-lock.json" "$ROOT/.deps/package-lock.json" ||
   [ ! -f "$ROOT/.deps/node_modules/sigma/package.json" ]; then
  mkdir -p "$ROOT/.deps"
  cp "$ROOT/scripts/npm/package.json" "$ROOT/scripts/npm/package-lock.json" "$ROOT/.deps/"
  npm ci --prefix "$ROOT/.deps" --no-audit --no-fund --silent >/dev/null
fi
