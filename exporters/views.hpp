// What the graph exporters share: the analysed entity view and display helpers.
#pragma once

#include <string>

#include "graph/entity_view.hpp"
#include "graph/knowledge_graph.hpp"

namespace signalkg {

// "; "-joined, for formats without list values (GraphML, GEXF, CSV).
std::string join_labels(const std::vector<std::string>& labels);

// The labels of the statements behind an entity-view edge, "; "-joined.
std::string statement_names(const KnowledgeGraph& graph, const EntityLink& link);

// Weighted degree of every entity-view vertex (sum of incident edge weights).
std::vector<double> weighted_degrees(const EntityGraph& view);

}  // namespace signalkg

namespace signalkg {

struct Rgb {
    int r, g, b;
};
// One colour per entity-view edge kind, shared by GEXF, DOT and SVG.
Rgb link_kind_color(LinkKind kind);
std::string hex_color(Rgb c);  // "#rrggbb"

// Per vertex: the edge kind carrying most of its weight (Signal for isolated vertices).
std::vector<LinkKind> dominant_link_kinds(const EntityGraph& view);

}  // namespace signalkg
