// GraphML for Gephi, yEd, NetworkX, igraph and Neo4j APOC (apoc.import.graphml, readLabels).
#pragma once

#include <filesystem>

#include "exporters/full_view_part.hpp"
#include "exporters/views.hpp"
#include "graph/entity_view.hpp"
#include "graph/knowledge_graph.hpp"

namespace signalkg {

// graph.graphml: the full view, directed. Node attribute `labels` is APOC's ":Kind" form and
// edge attribute `label` the edge kind, so APOC keeps both.
// A partitioned build's rank writes its `part`: its nodes and edges, which the document's head
// and tail hold, in rank order, with every other rank's (GraphML lets nodes and edges mix).
void write_full_graphml(const KnowledgeGraph& graph, const std::filesystem::path& file,
                        DeferredCommits* deferred = nullptr, const FullViewPart& part = {});
std::string full_graphml_head();
std::string full_graphml_tail();

// entities.graphml: the entity view, undirected, `label` and `weight` as Gephi expects them,
// with every analysis measure as a node attribute.
void write_entity_graphml(const ViewSource& source, const AnalysedView& view,
                          const std::filesystem::path& file, DeferredCommits* deferred = nullptr);

}  // namespace signalkg
