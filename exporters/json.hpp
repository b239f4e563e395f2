// graph.json: node-link JSON for web viewers and NetworkX.
#pragma once

#include <filesystem>
#include <functional>
#include <string_view>

#include "exporters/full_view_part.hpp"
#include "exporters/views.hpp"
#include "graph/knowledge_graph.hpp"

namespace signalkg {

// The full view at the top level, in the node-link shape `networkx.node_link_graph` reads
// ({"directed", "multigraph", "graph", "nodes": [{"id", ...}], "links": [{"source", "target",
// "key", ...}]}, ids are IRIs) and D3's force layout uses; the entity view, with every analysis
// measure, in the same shape under "entity_view".
void write_graph_json(const KnowledgeGraph& graph, const AnalysedView& view,
                      const std::filesystem::path& file, DeferredCommits* deferred = nullptr);

// A partitioned build's rank writes two pieces of its `part`: its nodes and its links, each the
// elements of an array alone. The document is the head, the node pieces in rank order (a comma
// between two), `between`, the link pieces, and the tail (the entity view, from the root).
void write_graph_json_pieces(const KnowledgeGraph& graph, const FullViewPart& part,
                             const std::filesystem::path& nodes, const std::filesystem::path& links,
                             DeferredCommits* deferred = nullptr);
std::string graph_json_head();
std::string graph_json_between();
// The tail, streamed to `sink` (it holds every link's statements).
using TextSink = std::function<void(std::string_view)>;
void write_graph_json_tail(const ViewSource& source, const AnalysedView& view,
                           const TextSink& sink);

}  // namespace signalkg
