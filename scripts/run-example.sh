#!/usr/bin/env bash
# Installs the dependencies, builds, and runs signalkg on examples/reports, writing out/; then
# says what to open.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
./build/cli/signalkg build examples/reports --config examples/signalkg.yaml -o out
cat <<'TEXT'

Open:
  out/report.html        open in a browser: the graph to explore, search, filters, tables
  out/report.md          the summary: central entities, communities, concerns, signals
  out/entities.svg       the entity view as a picture (any browser)
  out/entities.gexf      Gephi: File > Open (timeline from report dates)
  out/graph.ttl          any SPARQL store; or ask it here:
                           build/cli/signalkg query out examples/queries/top-pagerank.rq
  out/neo4j/import.sh    Neo4j 5: neo4j-admin import of every node and relationship
  out/graph.graphml      NetworkX, igraph, yEd (entities.graphml: the entity view only)
README.md, "Open the files", says more of each.
TEXT
