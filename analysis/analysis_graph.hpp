// The graph every measure runs on: simple, undirected, weighted, read-only, contiguous.
#pragma once

#include <cstdint>
#include <tuple>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "graph/entity_view.hpp"

namespace signalkg::analysis {

struct EdgeWeight {
    double weight = 0;
};

// Boost's compressed sparse row graph; every undirected edge is stored in both directions and
// out-edges are sorted by target, so one vertex's neighbours are a contiguous sorted range.
using AnalysisGraph =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, EdgeWeight,
                                       boost::no_property, std::uint32_t, std::uint32_t>;

struct WeightedEdge {
    std::uint32_t a, b;
    double weight;
};

// Sums parallel edges, drops self-loops (DESIGN.md §5: "weights summed over kinds").
AnalysisGraph make_analysis_graph(std::size_t vertices, std::vector<WeightedEdge> edges);

// The entity view as an analysis graph; vertex i is view vertex i.
AnalysisGraph analysis_graph_of(const EntityGraph& view);

// The full view, directions ignored, every edge weighing 1 (per parallel edge).
AnalysisGraph analysis_graph_of(const Graph& full);

inline std::size_t vertex_count(const AnalysisGraph& g) {
    return boost::num_vertices(g);
}

}  // namespace signalkg::analysis
