#include "analysis/louvain.hpp"

#include <algorithm>

#include "analysis/centrality.hpp"
#include "analysis/csr.hpp"
#include "parallel/parallel.hpp"

namespace signalkg::analysis {

double modularity(const AnalysisGraph& graph, const std::vector<std::uint32_t>& community,
                  double resolution) {
    const Csr g(graph);
    std::uint32_t k = 0;
    for (const std::uint32_t c : community)
        k = std::max(k, c + 1);
    std::vector<double> inside(k, 0), degree(k, 0);
    double total = 0;  // twice the total edge weight
    for (std::uint32_t v = 0; v < g.vertices(); ++v) {
        for (std::uint32_t e = g.rowstart[v]; e < g.rowstart[v + 1]; ++e) {
            const double w = g.weight[e];
            degree[community[v]] += w;
            total += w;
            if (community[g.column[e]] == community[v]) inside[community[v]] += w;
        }
    }
    if (total == 0) return 0;
    const double m = total / 2;
    double q = 0;
    for (std::uint32_t c = 0; c < k; ++c)
        q += inside[c] / 2 / m - resolution * (degree[c] / total) * (degree[c] / total);
    return q;
}

namespace {

// One level of the hierarchy: a weighted graph whose vertices are the previous level's
// communities; `self` is the weight inside each vertex (edges folded into it).
struct Level {
    std::vector<std::uint32_t> rowstart, column;
    std::vector<double> weight, self;
    std::size_t size() const { return self.size(); }
};

Level first_level(const Csr& g) {
    Level level;
    level.rowstart = g.rowstart;
    level.column = g.column;
    level.weight = g.weight;
    level.self.assign(g.vertices(), 0);
    return level;
}

// Moves vertices between communities while modularity improves; returns the communities
// numbered 0..k-1 in order of first appearance, and whether anything moved.
bool local_moving(const Level& level, double resolution, std::uint64_t seed,
                  std::vector<std::uint32_t>& community) {
    const std::size_t n = level.size();
    std::vector<double> strength(n, 0), total(n, 0);
    double m2 = 0;
    for (std::uint32_t v = 0; v < n; ++v) {
        strength[v] = 2 * level.self[v];
        for (std::uint32_t e = level.rowstart[v]; e < level.rowstart[v + 1]; ++e)
            strength[v] += level.weight[e];
        m2 += strength[v];
    }
    community.resize(n);
    for (std::uint32_t v = 0; v < n; ++v)
        community[v] = v, total[v] = strength[v];
    if (m2 == 0) return false;

    const std::vector<std::uint32_t> order = seeded_permutation(n, seed);
    std::vector<double> link(n, 0);  // weight from the current vertex to each community
    std::vector<std::uint32_t> touched;
    bool moved_any = false;
    for (int pass = 0; pass < 1000; ++pass) {
        std::size_t moves = 0;
        for (const std::uint32_t v : order) {
            const std::uint32_t own = community[v];
            touched.clear();
            for (std::uint32_t e = level.rowstart[v]; e < level.rowstart[v + 1]; ++e) {
                const std::uint32_t c = community[level.column[e]];
                if (link[c] == 0) touched.push_back(c);
                link[c] += level.weight[e];
            }
            total[own] -= strength[v];
            // Gain of joining c, up to terms that do not depend on c.
            const double k = strength[v] * resolution / m2;
            std::uint32_t best = own;
            double best_gain = link[own] - total[own] * k;
            for (const std::uint32_t c : touched) {
                const double gain = link[c] - total[c] * k;
                if (gain > best_gain || (gain == best_gain && c < best && best != own)) {
                    best = c;
                    best_gain = gain;
                }
            }
            total[best] += strength[v];
            for (const std::uint32_t c : touched)
                link[c] = 0;
            link[own] = 0;
            if (best != own) {
                community[v] = best;
                ++moves;
            }
        }
        if (moves == 0) break;
        moved_any = true;
    }
    // Number communities by first appearance in vertex order.
    std::vector<std::uint32_t> number(n, UINT32_MAX);
    std::uint32_t next = 0;
    for (std::uint32_t& c : community) {
        if (number[c] == UINT32_MAX) number[c] = next++;
        c = number[c];
    }
    return moved_any;
}

Level aggregate(const Level& level, const std::vector<std::uint32_t>& community) {
    std::uint32_t k = 0;
    for (const std::uint32_t c : community)
        k = std::max(k, c + 1);
    std::vector<std::vector<std::uint32_t>> members(k);
    for (std::uint32_t v = 0; v < level.size(); ++v)
        members[community[v]].push_back(v);
    Level next;
    next.self.assign(k, 0);
    next.rowstart.assign(1, 0);
    std::vector<double> link(k, 0);
    std::vector<std::uint32_t> touched;
    for (std::uint32_t c = 0; c < k; ++c) {
        touched.clear();
        for (const std::uint32_t v : members[c]) {
            next.self[c] += level.self[v];
            for (std::uint32_t e = level.rowstart[v]; e < level.rowstart[v + 1]; ++e) {
                const std::uint32_t d = community[level.column[e]];
                if (d == c) {
                    next.self[c] += level.weight[e] / 2;  // seen from both ends
                } else {
                    if (link[d] == 0) touched.push_back(d);
                    link[d] += level.weight[e];
                }
            }
        }
        std::sort(touched.begin(), touched.end());
        for (const std::uint32_t d : touched) {
            next.column.push_back(d);
            next.weight.push_back(link[d]);
            link[d] = 0;
        }
        next.rowstart.push_back(static_cast<std::uint32_t>(next.column.size()));
    }
    return next;
}

}  // namespace

Partition louvain(const AnalysisGraph& graph, double resolution, std::uint64_t seed,
                  double threshold) {
    const Csr g(graph);
    Partition result;
    result.seed = seed;
    result.community.resize(g.vertices());
    for (std::uint32_t v = 0; v < g.vertices(); ++v)
        result.community[v] = v;
    result.modularity = modularity(graph, result.community, resolution);
    Level level = first_level(g);
    std::vector<std::uint32_t> community;
    for (int depth = 0; depth < 64; ++depth) {
        if (!local_moving(level, resolution, seed + static_cast<std::uint64_t>(depth), community))
            break;
        std::vector<std::uint32_t> candidate(result.community.size());
        for (std::size_t v = 0; v < candidate.size(); ++v)
            candidate[v] = community[result.community[v]];
        const double q = modularity(graph, candidate, resolution);
        if (q - result.modularity <= threshold) break;
        result.community = std::move(candidate);
        result.modularity = q;
        level = aggregate(level, community);
    }
    return result;
}

Partition best_louvain(const AnalysisGraph& g, double resolution, int runs, int jobs) {
    std::vector<Partition> results(static_cast<std::size_t>(runs));
    parallel_for(results.size(), 1, jobs, [&](int, std::size_t r, std::size_t) {
        results[r] = louvain(g, resolution, static_cast<std::uint64_t>(r));
    });
    std::size_t best = 0;
    for (std::size_t r = 1; r < results.size(); ++r)
        if (results[r].modularity > results[best].modularity) best = r;
    return std::move(results[best]);
}

}  // namespace signalkg::analysis
