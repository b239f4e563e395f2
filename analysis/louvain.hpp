// Louvain community detection (Blondel et al. 2008), seeded and deterministic.
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/analysis_graph.hpp"

namespace signalkg::analysis {

struct Partition {
    std::vector<std::uint32_t> community;  // per vertex, 0..k-1 (not yet ordered by size)
    double modularity = 0;
    std::uint64_t seed = 0;
};

// community.modularity(G, parts, weight="weight", resolution=resolution).
double modularity(const AnalysisGraph& g, const std::vector<std::uint32_t>& community,
                  double resolution = 1.0);

// One Louvain run: local moving in a seeded vertex order, then aggregation, until no level
// improves modularity by more than `threshold` (NetworkX's louvain_communities default).
Partition louvain(const AnalysisGraph& g, double resolution, std::uint64_t seed,
                  double threshold = 1e-7);

// The best of `runs` seeded runs (seeds 0..runs-1) on `jobs` threads: highest modularity,
// lowest seed on a tie, so the result does not depend on `jobs`.
Partition best_louvain(const AnalysisGraph& g, double resolution, int runs, int jobs);

}  // namespace signalkg::analysis
