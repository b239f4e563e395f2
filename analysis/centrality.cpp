#include "analysis/centrality.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include "analysis/csr.hpp"
#include "parallel/parallel.hpp"

namespace signalkg::analysis {

std::vector<std::uint32_t> seeded_permutation(std::size_t n, std::uint64_t seed) {
    std::vector<std::uint32_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = static_cast<std::uint32_t>(i);
    std::mt19937_64 random(seed);
    for (std::size_t i = n; i > 1; --i)
        std::swap(order[i - 1], order[random() % i]);
    return order;
}

namespace {

// Fixed point with 64 fractional bits: integer addition is associative, so per-thread partial
// sums add up to the same bits whatever the split of sources between threads.
__extension__ typedef __int128 Fixed;  // GCC and Clang; -Wpedantic needs __extension__
constexpr double kFixedScale = 18446744073709551616.0;  // 2^64
Fixed to_fixed(double x) {
    return static_cast<Fixed>(x * kFixedScale);
}
double from_fixed(Fixed x) {
    return static_cast<double>(x) / kFixedScale;
}

// One thread's BFS state, reused for every source it processes.
struct BrandesWorker {
    explicit BrandesWorker(std::size_t n)
        : distance(n, -1),
          sigma(n, 0),
          delta(n, 0),
          dependency(n, 0),
          distance_sum(n, 0),
          reached_sources(n, 0) {
        order.reserve(n);
    }

    void run(const Csr& g, std::uint32_t source) {
        order.clear();
        distance[source] = 0;
        sigma[source] = 1;
        order.push_back(source);
        std::uint64_t total_distance = 0;
        for (std::size_t head = 0; head < order.size(); ++head) {
            const std::uint32_t v = order[head];
            const std::int32_t next = distance[v] + 1;
            for (const std::uint32_t w : g.neighbors(v)) {
                if (distance[w] < 0) {
                    distance[w] = next;
                    order.push_back(w);
                    total_distance += static_cast<std::uint64_t>(next);
                }
                if (distance[w] == next) sigma[w] += sigma[v];
            }
        }
        source_distance_sum = total_distance;
        reached = order.size();
        // Dependencies in reverse BFS order, from successors (distance + 1) instead of
        // predecessor lists: same sums, no per-edge allocation.
        for (std::size_t i = order.size(); i-- > 0;) {
            const std::uint32_t v = order[i];
            const std::int32_t next = distance[v] + 1;
            double d = 0;
            for (const std::uint32_t w : g.neighbors(v))
                if (distance[w] == next) d += sigma[v] / sigma[w] * (1 + delta[w]);
            delta[v] = d;
            if (v != source) dependency[v] += to_fixed(d);
        }
        for (const std::uint32_t v : order) {
            distance_sum[v] += static_cast<std::uint64_t>(distance[v]);
            ++reached_sources[v];
            distance[v] = -1;
            sigma[v] = 0;
            delta[v] = 0;
        }
    }

    std::vector<std::int32_t> distance;
    std::vector<double> sigma, delta;
    std::vector<std::uint32_t> order;
    std::vector<Fixed> dependency;
    // For sampled closeness: distances from sampled sources to each vertex, and how many.
    std::vector<std::uint64_t> distance_sum;
    std::vector<std::uint32_t> reached_sources;
    std::uint64_t source_distance_sum = 0;
    std::size_t reached = 0;
};

}  // namespace

PathMeasures path_measures(const AnalysisGraph& graph, int jobs, std::size_t samples,
                           std::uint64_t seed) {
    const Csr g(graph);
    const std::size_t n = g.vertices();
    PathMeasures result;
    result.betweenness.assign(n, 0);
    result.closeness.assign(n, 0);
    if (n == 0) return result;
    result.sampled = samples > 0 && samples < n;
    std::vector<std::uint32_t> sources = seeded_permutation(n, seed);
    if (result.sampled) {
        sources.resize(samples);
        std::sort(sources.begin(), sources.end());
    } else {
        std::sort(sources.begin(), sources.end());
    }
    result.sources = sources.size();

    const int threads = std::max(1, std::min<int>(jobs, static_cast<int>(sources.size())));
    std::vector<BrandesWorker> workers;
    workers.reserve(threads);
    for (int t = 0; t < threads; ++t)
        workers.emplace_back(n);
    constexpr std::size_t kBatch = 16;
    parallel_for(sources.size(), kBatch, threads, [&](int t, std::size_t begin, std::size_t end) {
        BrandesWorker& worker = workers[t];
        for (std::size_t i = begin; i < end; ++i) {
            const std::uint32_t s = sources[i];
            worker.run(g, s);
            // Exact closeness (Wasserman-Faust) needs only this source's own BFS.
            if (!result.sampled && worker.source_distance_sum > 0) {
                const double r = static_cast<double>(worker.reached - 1);
                result.closeness[s] = r / static_cast<double>(worker.source_distance_sum) *
                                      (r / static_cast<double>(n - 1));
            }
        }
    });

    std::vector<Fixed> total(n, 0);
    for (const BrandesWorker& w : workers)
        for (std::size_t v = 0; v < n; ++v)
            total[v] += w.dependency[v];
    // NetworkX: normalized by 1/((n-1)(n-2)) over all ordered pairs; sampled: times n/k.
    double scale = n > 2 ? 1.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2)) : 1.0;
    if (result.sampled) scale *= static_cast<double>(n) / static_cast<double>(samples);
    for (std::size_t v = 0; v < n; ++v)
        result.betweenness[v] = from_fixed(total[v]) * scale;

    if (result.sampled) {
        // Closeness from the sampled BFS trees: the mean distance from the sampled sources that
        // reach v estimates v's mean distance within its component (distances are symmetric).
        // Component sizes come from the same trees' reach; vertices no sampled source reaches
        // get an exact BFS of their own below.
        std::vector<std::uint64_t> sum(n, 0);
        std::vector<std::uint32_t> count(n, 0);
        for (const BrandesWorker& w : workers)
            for (std::size_t v = 0; v < n; ++v)
                sum[v] += w.distance_sum[v], count[v] += w.reached_sources[v];
        std::vector<std::uint32_t> component = [&] {
            std::vector<std::uint32_t> label(n, UINT32_MAX);
            std::vector<std::uint32_t> queue;
            for (std::uint32_t s = 0; s < n; ++s) {
                if (label[s] != UINT32_MAX) continue;
                label[s] = s;
                queue.assign(1, s);
                for (std::size_t h = 0; h < queue.size(); ++h)
                    for (const std::uint32_t w : g.neighbors(queue[h]))
                        if (label[w] == UINT32_MAX) label[w] = s, queue.push_back(w);
            }
            return label;
        }();
        std::vector<std::uint32_t> size(n, 0);
        for (std::size_t v = 0; v < n; ++v)
            ++size[component[v]];
        std::vector<bool> is_source(n, false);
        for (const std::uint32_t s : sources)
            is_source[s] = true;
        BrandesWorker exact(n);
        for (std::uint32_t v = 0; v < n; ++v) {
            const double r = static_cast<double>(size[component[v]] - 1);
            if (r == 0) continue;
            // Sources other than v itself that reached v (v's own tree adds distance 0).
            const std::uint32_t others = count[v] - (is_source[v] ? 1 : 0);
            double mean;
            if (others > 0) {
                mean = static_cast<double>(sum[v]) / others;
            } else {
                exact.run(g, v);
                mean = static_cast<double>(exact.source_distance_sum) / r;
            }
            result.closeness[v] = (1.0 / mean) * (r / static_cast<double>(n - 1));
        }
    }
    return result;
}

std::vector<double> pagerank(const AnalysisGraph& graph, double alpha, double tolerance) {
    const Csr g(graph);
    const std::size_t n = g.vertices();
    if (n == 0) return {};
    std::vector<double> strength(n, 0);
    for (std::uint32_t v = 0; v < n; ++v)
        for (std::uint32_t e = g.rowstart[v]; e < g.rowstart[v + 1]; ++e)
            strength[v] += g.weight[e];
    std::vector<double> x(n, 1.0 / static_cast<double>(n)), next(n);
    for (int iteration = 0; iteration < 10000; ++iteration) {
        double dangling = 0;
        for (std::size_t v = 0; v < n; ++v)
            if (strength[v] == 0) dangling += x[v];
        const double base = (alpha * dangling + (1 - alpha)) / static_cast<double>(n);
        // Undirected and symmetric: v receives from each neighbour u its share w(u,v)/s(u).
        for (std::uint32_t v = 0; v < n; ++v) {
            double sum = 0;
            for (std::uint32_t e = g.rowstart[v]; e < g.rowstart[v + 1]; ++e) {
                const std::uint32_t u = g.column[e];
                sum += x[u] * g.weight[e] / strength[u];
            }
            next[v] = base + alpha * sum;
        }
        double change = 0;
        for (std::size_t v = 0; v < n; ++v)
            change += std::abs(next[v] - x[v]);
        x.swap(next);
        if (change < static_cast<double>(n) * tolerance) break;
    }
    return x;
}

std::vector<double> eigenvector(const AnalysisGraph& graph, double tolerance) {
    const Csr g(graph);
    const std::size_t n = g.vertices();
    if (n == 0) return {};
    std::vector<double> x(n, 1.0 / std::sqrt(static_cast<double>(n))), next(n);
    for (int iteration = 0; iteration < 5000; ++iteration) {
        // (A + I) x: the shift keeps the iteration from oscillating on bipartite components.
        double norm = 0;
        for (std::uint32_t v = 0; v < n; ++v) {
            double sum = x[v];
            for (std::uint32_t e = g.rowstart[v]; e < g.rowstart[v + 1]; ++e)
                sum += g.weight[e] * x[g.column[e]];
            next[v] = sum;
            norm += sum * sum;
        }
        norm = std::sqrt(norm);
        double change = 0;
        for (std::size_t v = 0; v < n; ++v) {
            next[v] /= norm;
            change += std::abs(next[v] - x[v]);
        }
        x.swap(next);
        if (change < tolerance * static_cast<double>(n)) break;
    }
    return x;
}

}  // namespace signalkg::analysis
