// OUT/virtuoso/load.sh: loads graph.nt and ontology.ttl into a Virtuoso server as one named
// graph with its bulk loader, and prints the triple count.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "exporters/atomic_file.hpp"

namespace signalkg {

// The named graph load.sh loads into by default: the base IRI + "graph".
std::string default_graph_iri(std::string_view base_iri);

void write_virtuoso(std::string_view base_iri, const std::filesystem::path& folder,
                    DeferredCommits* deferred = nullptr);

}  // namespace signalkg
