// Centrality measures, each defined as the NetworkX call beside it computes it (DESIGN.md §5).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "analysis/analysis_graph.hpp"

namespace signalkg::analysis {

struct PathMeasures {
    std::vector<double> betweenness;  // betweenness_centrality(G) (normalized, unweighted)
    std::vector<double> closeness;    // closeness_centrality(G) (Wasserman-Faust)
    std::size_t sources = 0;          // BFS sources used: all vertices, or the sample
    bool sampled = false;
};

// Brandes' algorithm (successor form, no predecessor lists) from every source on `jobs`
// threads; sums are kept in 128-bit fixed point, so the result is bit-identical for any number
// of threads. With samples > 0 and < n, `samples` sources drawn with `seed` estimate betweenness
// as betweenness_centrality(G, k=samples) does, and closeness from the same BFS trees.
PathMeasures path_measures(const AnalysisGraph& g, int jobs, std::size_t samples = 0,
                           std::uint64_t seed = 0);

// pagerank(G, alpha, weight="weight"), iterated to an L1 change below n * tolerance.
std::vector<double> pagerank(const AnalysisGraph& g, double alpha = 0.85, double tolerance = 1e-13);

// eigenvector_centrality_numpy(G, weight="weight"): the principal eigenvector of the weighted
// adjacency matrix, unit Euclidean norm, positive sum (power iteration on A + I).
std::vector<double> eigenvector(const AnalysisGraph& g, double tolerance = 1e-13);

// A seeded permutation of 0..n-1 (Fisher-Yates on mt19937_64: the same on every platform).
std::vector<std::uint32_t> seeded_permutation(std::size_t n, std::uint64_t seed);

}  // namespace signalkg::analysis
