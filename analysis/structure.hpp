// Degrees, clustering, components and cores (DESIGN.md §5).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/analysis_graph.hpp"

namespace signalkg::analysis {

struct Clustering {
    std::vector<double> local;  // clustering(G) (unweighted)
    double transitivity = 0;    // transitivity(G)
};

// Triangles by the compact-forward algorithm (edges oriented from lower to higher degree):
// O(m^1.5) even with hubs, where Boost's clustering_coefficient tests every neighbour pair.
Clustering clustering(const AnalysisGraph& g);

// connected_components(G), numbered by size (largest first), then by smallest label.
std::vector<std::uint32_t> components(const AnalysisGraph& g,
                                      const std::vector<std::string>& labels);

// core_number(G), through Boost's core_numbers.
std::vector<std::uint32_t> core_numbers(const AnalysisGraph& g);

// Renumbers group ids 0..k-1 by group size (largest first), then by smallest member label.
std::vector<std::uint32_t> number_by_size(const std::vector<std::uint32_t>& group,
                                          const std::vector<std::string>& labels);

}  // namespace signalkg::analysis
