// graph.json: node-link JSON for web viewers and NetworkX.
#pragma once

#include <filesystem>

#include "exporters/views.hpp"
#include "graph/knowledge_graph.hpp"

namespace signalkg {

// The full view at the top level, in the node-link shape `networkx.node_link_graph` reads
// ({"directed", "multigraph", "graph", "nodes": [{"id", ...}], "links": [{"source", "target",
// "key", ...}]}, ids are IRIs) and D3's force layout uses; the entity view, with every analysis
// measure, in the same shape under "entity_view".
void write_graph_json(const KnowledgeGraph& graph, const AnalysedView& view,
                      const std::filesystem::path& file, DeferredCommits* deferred = nullptr);

}  // namespace signalkg
