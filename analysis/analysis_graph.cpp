#include "analysis/analysis_graph.hpp"

#include <algorithm>

namespace signalkg::analysis {

AnalysisGraph make_analysis_graph(std::size_t vertices, std::vector<WeightedEdge> edges) {
    std::vector<WeightedEdge> both;
    both.reserve(edges.size() * 2);
    for (const WeightedEdge& e : edges) {
        if (e.a == e.b) continue;
        both.push_back(e);
        both.push_back({e.b, e.a, e.weight});
    }
    edges.clear();
    edges.shrink_to_fit();
    std::sort(both.begin(), both.end(), [](const WeightedEdge& x, const WeightedEdge& y) {
        return std::tie(x.a, x.b) < std::tie(y.a, y.b);
    });
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    std::vector<EdgeWeight> weights;
    for (const WeightedEdge& e : both) {
        if (!pairs.empty() && pairs.back() == std::make_pair(e.a, e.b)) {
            weights.back().weight += e.weight;
        } else {
            pairs.emplace_back(e.a, e.b);
            weights.push_back({e.weight});
        }
    }
    return AnalysisGraph(boost::edges_are_sorted, pairs.begin(), pairs.end(), weights.begin(),
                         static_cast<std::uint32_t>(vertices));
}

AnalysisGraph analysis_graph_of(const EntityGraph& view) {
    std::vector<WeightedEdge> edges;
    edges.reserve(boost::num_edges(view));
    for (const EntityEdge e : boost::make_iterator_range(boost::edges(view)))
        edges.push_back({static_cast<std::uint32_t>(boost::source(e, view)),
                         static_cast<std::uint32_t>(boost::target(e, view)), view[e].weight});
    return make_analysis_graph(boost::num_vertices(view), std::move(edges));
}

AnalysisGraph analysis_graph_of(const Graph& full) {
    std::vector<WeightedEdge> edges;
    edges.reserve(boost::num_edges(full));
    for (const Edge e : boost::make_iterator_range(boost::edges(full)))
        edges.push_back({static_cast<std::uint32_t>(boost::source(e, full)),
                         static_cast<std::uint32_t>(boost::target(e, full)), 1.0});
    return make_analysis_graph(boost::num_vertices(full), std::move(edges));
}

}  // namespace signalkg::analysis
