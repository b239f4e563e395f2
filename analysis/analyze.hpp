// Every measure of DESIGN.md §5 over one graph view, by the names used in every export.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/analysis_graph.hpp"
#include "analysis/trends.hpp"

namespace signalkg::analysis {

struct Options {
    int jobs = 1;
    // Betweenness sources: 0 = automatic (exact up to kExactWork BFS edge visits, else sampled);
    // k > 0: exactly k sampled sources (all vertices when k >= n).
    std::size_t betweenness_samples = 0;
    std::uint64_t seed = 0;
    double resolution = 1.0;  // Louvain resolution
    int louvain_runs = 0;     // seeded runs, the best modularity wins; 0 = by graph size
    TrendOptions trends;      // the entity view over time (analyze_entity_view only)
};

// Above this many edge visits (vertices x directed edges) exact betweenness takes more than
// a few seconds a core; automatic mode then samples sources.
inline constexpr double kExactWork = 4e9;
inline constexpr std::size_t kMinimumSamples = 500;

struct Result {
    std::vector<std::uint32_t> degree;
    std::vector<double> weighted_degree;
    std::vector<double> betweenness;
    std::vector<double> closeness;
    std::vector<double> pagerank;
    std::vector<double> eigenvector;
    std::vector<double> clustering;
    std::vector<std::uint32_t> component;  // 0 = largest
    std::vector<std::uint32_t> core;
    std::vector<std::uint32_t> community;  // 0 = largest
    double transitivity = 0;
    double modularity = 0;
    double resolution = 1.0;
    std::size_t components = 0;
    std::size_t communities = 0;
    std::size_t betweenness_sources = 0;
    bool betweenness_sampled = false;
    Trends trends;                       // analyze_entity_view only, and per vertex from it:
    std::vector<std::uint32_t> bursts;   // how many
    std::vector<double> burst_strength;  // the strongest's weight, 0: none
    std::vector<std::string> burst_start, burst_end;  // its periods ("": none)
    std::vector<std::string> emergence_class;         // on the keyword emergence map
    std::vector<double> visibility_growth, diffusion_growth;
    // Wall seconds per measure, for benchmarks.
    std::vector<std::pair<std::string, double>> timings;
};

// `labels` (one per vertex) only break ties when numbering components and communities.
Result analyze(const AnalysisGraph& g, const std::vector<std::string>& labels,
               const Options& options);

// The entity view analysed as DESIGN.md §5 defines it (vertex i of the result is view vertex i).
Result analyze_entity_view(const KnowledgeGraph& graph, const EntityGraph& view,
                           const Options& options);
// The same with the trends already made (a partitioned graph's root: distributed/partition.hpp);
// `graph` need hold only the view's entities.
Result analyze_entity_view(const KnowledgeGraph& graph, const EntityGraph& view,
                           const Options& options, Trends trends);

}  // namespace signalkg::analysis
