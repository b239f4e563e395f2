#include "analysis/analyze.hpp"

#include <chrono>

#include "analysis/centrality.hpp"
#include "analysis/csr.hpp"
#include "analysis/louvain.hpp"
#include "analysis/structure.hpp"

namespace signalkg::analysis {

Result analyze(const AnalysisGraph& g, const std::vector<std::string>& labels,
               const Options& options) {
    Result r;
    const auto timed = [&](const char* name, const auto& step) {
        const auto start = std::chrono::steady_clock::now();
        step();
        r.timings.emplace_back(
            name, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    };
    const std::size_t n = boost::num_vertices(g);
    timed("degree", [&] {
        const Csr csr(g);
        r.degree.resize(n);
        r.weighted_degree.assign(n, 0);
        for (std::uint32_t v = 0; v < n; ++v) {
            r.degree[v] = csr.degree(v);
            for (std::uint32_t e = csr.rowstart[v]; e < csr.rowstart[v + 1]; ++e)
                r.weighted_degree[v] += csr.weight[e];
        }
    });
    timed("betweenness+closeness", [&] {
        std::size_t samples = options.betweenness_samples;
        const double work = static_cast<double>(n) * static_cast<double>(boost::num_edges(g));
        if (samples == 0 && work > kExactWork) {
            samples = std::max<std::size_t>(
                kMinimumSamples,
                static_cast<std::size_t>(kExactWork / static_cast<double>(boost::num_edges(g))));
        }
        PathMeasures paths = path_measures(g, options.jobs, samples, options.seed);
        r.betweenness = std::move(paths.betweenness);
        r.closeness = std::move(paths.closeness);
        r.betweenness_sources = paths.sources;
        r.betweenness_sampled = paths.sampled;
    });
    timed("pagerank", [&] { r.pagerank = pagerank(g); });
    timed("eigenvector", [&] { r.eigenvector = eigenvector(g); });
    timed("clustering", [&] {
        Clustering c = clustering(g);
        r.clustering = std::move(c.local);
        r.transitivity = c.transitivity;
    });
    timed("components", [&] {
        r.component = components(g, labels);
        for (const std::uint32_t c : r.component)
            r.components = std::max<std::size_t>(r.components, c + 1);
    });
    timed("core", [&] { r.core = core_numbers(g); });
    timed("louvain", [&] {
        // Several seeded runs guard against an unlucky vertex order; on big graphs each run
        // costs more and the spread between runs shrinks. Never a function of jobs: the
        // communities must not depend on the number of threads.
        const std::size_t m = boost::num_edges(g);  // each undirected edge counted twice
        const int runs = options.louvain_runs > 0 ? options.louvain_runs
                         : m < 100000             ? 8
                         : m < 2000000            ? 4
                                                  : 2;
        Partition p = best_louvain(g, options.resolution, runs, options.jobs);
        r.community = number_by_size(p.community, labels);
        r.modularity = p.modularity;
        r.resolution = options.resolution;
        for (const std::uint32_t c : r.community)
            r.communities = std::max<std::size_t>(r.communities, c + 1);
    });
    return r;
}

Result analyze_entity_view(const KnowledgeGraph& graph, const EntityGraph& view,
                           const Options& options) {
    const auto start = std::chrono::steady_clock::now();
    Trends trends = analyze_trends(graph, view, options.trends);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Result result = analyze_entity_view(graph, view, options, std::move(trends));
    result.timings.back().second += seconds;
    return result;
}

Result analyze_entity_view(const KnowledgeGraph& graph, const EntityGraph& view,
                           const Options& options, Trends trends) {
    std::vector<std::string> labels;
    labels.reserve(boost::num_vertices(view));
    for (const EntityVertex v : boost::make_iterator_range(boost::vertices(view)))
        labels.push_back(graph.graph()[view[v].entity].label);
    Result result = analyze(analysis_graph_of(view), labels, options);
    const auto start = std::chrono::steady_clock::now();
    result.trends = std::move(trends);
    const Trends& t = result.trends;
    for (std::size_t v = 0; v < t.entities.size(); ++v) {
        const Burst* strongest = strongest_burst(t.entities.bursts[v]);
        result.bursts.push_back(static_cast<std::uint32_t>(t.entities.bursts[v].bursts.size()));
        result.burst_strength.push_back(strongest ? strongest->weight : 0);
        result.burst_start.push_back(strongest ? t.periods[strongest->start] : std::string());
        result.burst_end.push_back(strongest ? t.periods[strongest->end] : std::string());
        const Emergence& e = t.entities.emergence[v];
        result.emergence_class.emplace_back(emergence_class_name(e.emergence_class));
        result.visibility_growth.push_back(e.visibility_growth);
        result.diffusion_growth.push_back(e.diffusion_growth);
    }
    result.timings.emplace_back(
        "trends", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return result;
}

}  // namespace signalkg::analysis
