#include "analysis/structure.hpp"

#include <algorithm>
#include <numeric>

#include <boost/graph/connected_components.hpp>
#include <boost/graph/core_numbers.hpp>
#include <boost/property_map/property_map.hpp>

#include "analysis/csr.hpp"

namespace signalkg::analysis {

Clustering clustering(const AnalysisGraph& graph) {
    const Csr g(graph);
    const std::size_t n = g.vertices();
    // Orient each edge towards the higher (degree, id); each triangle is found once.
    const auto before = [&](std::uint32_t a, std::uint32_t b) {
        return std::make_pair(g.degree(a), a) < std::make_pair(g.degree(b), b);
    };
    std::vector<std::vector<std::uint32_t>> forward(n);
    for (std::uint32_t v = 0; v < n; ++v) {
        for (const std::uint32_t w : g.neighbors(v))
            if (before(v, w)) forward[v].push_back(w);
        std::sort(forward[v].begin(), forward[v].end());
    }
    std::vector<std::uint64_t> triangles(n, 0);
    for (std::uint32_t u = 0; u < n; ++u) {
        for (const std::uint32_t v : forward[u]) {
            // Common forward neighbours of u and v close a triangle u-v-w.
            auto a = forward[u].begin(), b = forward[v].begin();
            while (a != forward[u].end() && b != forward[v].end()) {
                if (*a < *b) {
                    ++a;
                } else if (*b < *a) {
                    ++b;
                } else {
                    ++triangles[u], ++triangles[v], ++triangles[*a];
                    ++a, ++b;
                }
            }
        }
    }
    Clustering result;
    result.local.assign(n, 0);
    double closed = 0, triads = 0;
    for (std::uint32_t v = 0; v < n; ++v) {
        const double d = g.degree(v);
        const double pairs = d * (d - 1) / 2;
        if (pairs > 0) result.local[v] = static_cast<double>(triangles[v]) / pairs;
        closed += static_cast<double>(triangles[v]);
        triads += pairs;
    }
    result.transitivity = closed > 0 ? closed / triads : 0;
    return result;
}

std::vector<std::uint32_t> number_by_size(const std::vector<std::uint32_t>& group,
                                          const std::vector<std::string>& labels) {
    std::uint32_t groups = 0;
    for (const std::uint32_t c : group)
        groups = std::max(groups, c + 1);
    std::vector<std::size_t> size(groups, 0);
    std::vector<const std::string*> smallest(groups, nullptr);
    for (std::size_t v = 0; v < group.size(); ++v) {
        ++size[group[v]];
        if (!smallest[group[v]] || labels[v] < *smallest[group[v]]) smallest[group[v]] = &labels[v];
    }
    std::vector<std::uint32_t> order(groups);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (size[a] != size[b]) return size[a] > size[b];
        if (!smallest[a] || !smallest[b]) return smallest[a] != nullptr;
        return *smallest[a] < *smallest[b];
    });
    std::vector<std::uint32_t> rank(groups);
    for (std::uint32_t i = 0; i < groups; ++i)
        rank[order[i]] = i;
    std::vector<std::uint32_t> numbered(group.size());
    for (std::size_t v = 0; v < group.size(); ++v)
        numbered[v] = rank[group[v]];
    return numbered;
}

std::vector<std::uint32_t> components(const AnalysisGraph& g,
                                      const std::vector<std::string>& labels) {
    // Boost's connected_components on the symmetric CSR: depth-first search reaches the same
    // vertices as on the undirected graph.
    std::vector<std::uint32_t> component(boost::num_vertices(g));
    boost::connected_components(g, boost::make_iterator_property_map(
                                       component.begin(), boost::get(boost::vertex_index, g)));
    return number_by_size(component, labels);
}

std::vector<std::uint32_t> core_numbers(const AnalysisGraph& g) {
    std::vector<std::uint32_t> core(boost::num_vertices(g));
    boost::core_numbers(
        g, boost::make_iterator_property_map(core.begin(), boost::get(boost::vertex_index, g)));
    return core;
}

}  // namespace signalkg::analysis
