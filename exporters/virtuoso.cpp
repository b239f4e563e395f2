#include "exporters/virtuoso.hpp"

#include <fmt/format.h>

namespace signalkg {

std::string default_graph_iri(std::string_view base_iri) {
    std::string iri;
    for (const char c : base_iri)  // a quote would end the script's quoted string
        iri += c == '\'' ? std::string("%27") : std::string(1, c);
    return iri + "graph";
}

void write_virtuoso(std::string_view base_iri, const std::filesystem::path& folder,
                    DeferredCommits* deferred) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    // The base IRI holds no space, '<', '>' or '"' (the configuration refuses them) and its
    // quotes are encoded, so it stands in single quotes in the script and in <> in SPARQL.
    const std::string script = fmt::format(
        R"script(#!/bin/sh
# Loads this build's graph.nt and ontology.ttl into Virtuoso 7 as one named graph with its bulk
# loader (ld_dir, rdf_loader_run), checkpoints, and prints the graph's triple count. Running it
# again replaces the graph. Virtuoso reads the files itself: the server runs on this machine,
# with this build's folder in DirsAllowed (virtuoso.ini, [Parameters]).
#
# Usage: virtuoso/load.sh [--graph IRI] [--port [HOST:]PORT] [--user USER] [--password PASSWORD]
# Defaults: --graph {0} --port 1111 --user dba, the password from $VIRTUOSO_PASSWORD or dba;
# $ISQL names the isql program (default isql-vt, Debian's name, else isql).
# Exit codes: 0 loaded; 1 the server refused or the loader failed (its message printed); 2 usage.
set -eu
graph='{0}'
port=1111
user=dba
password=${{VIRTUOSO_PASSWORD:-dba}}
while [ $# -gt 0 ]; do
  case "$1" in
    --graph|--port|--user|--password)
      [ $# -ge 2 ] || {{ echo "load.sh: $1 needs a value" >&2; exit 2; }}
      case "$1" in
        --graph) graph=$2 ;; --port) port=$2 ;; --user) user=$2 ;; --password) password=$2 ;;
      esac
      shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | cut -c3-; exit 0 ;;
    *) echo "load.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$graph" in
  *"'"*|*'>'*|*'<'*|*' '*|*'"'*|'') echo "load.sh: not an IRI: $graph" >&2; exit 2 ;;
esac
dir=$(cd "$(dirname "$0")/.." && pwd)
case "$dir" in *"'"*) echo "load.sh: the folder's path holds a quote: $dir" >&2; exit 2 ;; esac
for file in graph.nt ontology.ttl; do
  [ -f "$dir/$file" ] || {{ echo "load.sh: no $dir/$file (build with -f nt or virtuoso)" >&2; exit 2; }}
done
isql=${{ISQL:-$(command -v isql-vt || command -v isql || echo isql-vt)}}
output=$("$isql" "$port" "$user" "$password" VERBOSE=OFF BANNER=OFF PROMPT=OFF exec="
  SPARQL CLEAR GRAPH <$graph>;
  DELETE FROM DB.DBA.load_list WHERE ll_graph = '$graph';
  ld_dir('$dir', 'graph.nt', '$graph');
  ld_dir('$dir', 'ontology.ttl', '$graph');
  rdf_loader_run();
  checkpoint;
  SELECT 'signalkg-error', ll_file, ll_error FROM DB.DBA.load_list
    WHERE ll_graph = '$graph' AND ll_error IS NOT NULL;
  SELECT 'signalkg-loaded', COUNT(*) FROM DB.DBA.load_list WHERE ll_graph = '$graph' AND ll_state = 2;
  SPARQL SELECT ('signalkg-triples' AS ?marker) (COUNT(*) AS ?triples) FROM <$graph>
    WHERE {{ ?s ?p ?o }};
" 2>&1) || {{ echo "$output" >&2; echo "load.sh: $isql failed (is the server up on $port?)" >&2; exit 1; }}
if echo "$output" | grep -q -e '^\*\*\* Error' -e '^signalkg-error'; then
  echo "$output" | grep -e '^\*\*\* Error' -e '^signalkg-error' >&2
  if echo "$output" | grep -q FA003; then
    echo "load.sh: the server may not read $dir: add it to DirsAllowed in virtuoso.ini" >&2
  fi
  echo "load.sh: loading into <$graph> failed" >&2
  exit 1
fi
loaded=$(echo "$output" | awk '$1 == "signalkg-loaded" {{ print $2 }}')
triples=$(echo "$output" | awk '$1 == "signalkg-triples" {{ print $2 }}')
if [ "$loaded" != 2 ] || [ -z "$triples" ]; then
  echo "$output" >&2
  echo "load.sh: Virtuoso did not load both files (is $dir in its DirsAllowed?)" >&2
  exit 1
fi
echo "loaded $dir/graph.nt and ontology.ttl into <$graph>: $triples triples"
)script",
        default_graph_iri(base_iri));
    write_file_atomically(folder / "load.sh", script, /*executable=*/true, deferred);
}

}  // namespace signalkg
