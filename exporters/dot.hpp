// DOT and SVG diagrams of the entity view, filtered to stay readable.
#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "exporters/views.hpp"
#include "graph/entity_view.hpp"
#include "graph/knowledge_graph.hpp"

namespace signalkg {

struct DiagramOptions {
    std::string focus;      // an entity label: show its neighbourhood only
    int depth = 1;          // with focus: hops from the focus entity
    std::size_t top = 60;   // at most this many entities, by rank (the focus always stays)
    double min_weight = 0;  // hide edges lighter than this
    bool unlinked = false;  // without focus: entities without links are candidates too
    std::string title;      // drawn above the diagram
    // One `cluster` subgraph per community. Off for in-process SVG: neato ignores clusters for
    // layout, and Graphviz 2.43 draws their boxes in an order that depends on heap addresses,
    // which would make entities.svg differ from run to run.
    bool clusters = true;
};

struct DiagramError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The entity-view vertices a diagram shows, ranked by `rank` (higher first), in vertex order;
// `eligible`, when given, is set to how many there were before --top cut them.
std::vector<EntityVertex> select_diagram_nodes(const ViewSource& source, const EntityGraph& view,
                                               const DiagramOptions& options,
                                               const std::vector<double>& rank,
                                               std::size_t* eligible = nullptr);

// The DOT text of the diagram: undirected; circles sized by PageRank (labels on them), fill
// and `cluster` subgraph by community, the focus entity double-ringed; edge colour by kind, pen
// width by weight; --top ranks by PageRank. Its title is a legend: edge colours, the largest
// communities' colours with their top members, and how many entities --top left out.
std::string entity_dot(const ViewSource& source, const AnalysedView& view,
                       const DiagramOptions& options);

// Lays out and renders DOT text to SVG in-process with Graphviz (libgvc), with the engine the
// DOT names: neato (spring model, right for an undirected network; dot is for hierarchies) up
// to kSfdpThreshold nodes, sfdp with overlap removal beyond.
inline constexpr std::size_t kSfdpThreshold = 300;
inline constexpr std::size_t kSplineThreshold = 150;  // edges; curved beyond costs seconds
std::string render_svg(const std::string& dot);

// Lays out DOT text whose nodes are named n0 .. n<nodes-1> with the engine it names, and returns
// their centres in points, y pointing down (screen coordinates).
struct LayoutPoint {
    double x = 0, y = 0;
};
std::vector<LayoutPoint> layout_positions(const std::string& dot, std::size_t nodes);

// Moves circles (centres `points`, `radii`) apart until every two are at least `gap` apart:
// pairs are pushed apart in index order, and the whole layout is spread a little when pushing
// alone does not settle it. The result depends on the input only. (Graphviz 2.43's overlap
// removal, prism and VPSC alike, breaks ties by heap address: a second layout in one process
// could differ from the first.)
void remove_overlaps(std::vector<LayoutPoint>& points, const std::vector<double>& radii,
                     double gap);

}  // namespace signalkg
