#include <catch2/catch.hpp>

#include "analysis/analyze.hpp"
#include "analysis/centrality.hpp"
#include "analysis/louvain.hpp"
#include "analysis/structure.hpp"

using namespace signalkg::analysis;

namespace {

AnalysisGraph graph(std::size_t n, std::vector<WeightedEdge> edges) {
    return make_analysis_graph(n, std::move(edges));
}

// Two 5-cliques joined by one edge, plus an isolated vertex.
AnalysisGraph two_cliques() {
    std::vector<WeightedEdge> edges;
    for (std::uint32_t base : {0u, 5u})
        for (std::uint32_t a = 0; a < 5; ++a)
            for (std::uint32_t b = a + 1; b < 5; ++b)
                edges.push_back({base + a, base + b, 1});
    edges.push_back({4, 5, 1});
    return graph(11, edges);
}

}  // namespace

TEST_CASE("parallel edges are summed and self-loops dropped") {
    const AnalysisGraph g = graph(3, {{0, 1, 2}, {1, 0, 3}, {1, 1, 7}, {1, 2, 1}});
    CHECK(boost::num_edges(g) == 4);  // 0-1 and 1-2, both directions
    const Result r = analyze(g, {"a", "b", "c"}, Options{});
    CHECK(r.weighted_degree == std::vector<double>{5, 6, 1});
    CHECK(r.degree == std::vector<std::uint32_t>{1, 2, 1});
}

TEST_CASE("betweenness and closeness on a path match NetworkX's definitions") {
    // a-b-c-d: NetworkX betweenness (normalized) b = c = 2/3; closeness a = 3/6, b = 3/4.
    const PathMeasures p = path_measures(graph(4, {{0, 1, 1}, {1, 2, 1}, {2, 3, 1}}), 1);
    CHECK(p.betweenness[0] == Approx(0.0));
    CHECK(p.betweenness[1] == Approx(2.0 / 3));
    CHECK(p.betweenness[2] == Approx(2.0 / 3));
    CHECK(p.closeness[0] == Approx(0.5));
    CHECK(p.closeness[1] == Approx(0.75));
    CHECK_FALSE(p.sampled);
}

TEST_CASE("closeness on a disconnected graph uses Wasserman-Faust") {
    // Components {0,1} and {2,3,4} (a path): n = 5. closeness(0) = 1/1 * 1/4.
    const PathMeasures p = path_measures(graph(5, {{0, 1, 1}, {2, 3, 1}, {3, 4, 1}}), 2);
    CHECK(p.closeness[0] == Approx(0.25));
    CHECK(p.closeness[3] == Approx(2.0 / 2 * 2.0 / 4));
}

TEST_CASE("betweenness is bit-identical for any number of threads, exact and sampled") {
    std::vector<WeightedEdge> edges;
    for (std::uint32_t v = 0; v < 400; ++v) {
        edges.push_back({v, (v * 7 + 3) % 400, 1});
        edges.push_back({v, (v * 13 + 5) % 400, 1});
    }
    const AnalysisGraph g = graph(400, edges);
    const PathMeasures one = path_measures(g, 1), two = path_measures(g, 2),
                       three = path_measures(g, 3);
    CHECK(one.betweenness == two.betweenness);
    CHECK(one.betweenness == three.betweenness);
    CHECK(one.closeness == two.closeness);
    const PathMeasures s1 = path_measures(g, 1, 50, 7), s2 = path_measures(g, 2, 50, 7);
    CHECK(s1.sampled);
    CHECK(s1.sources == 50);
    CHECK(s1.betweenness == s2.betweenness);
    CHECK(s1.closeness == s2.closeness);
    // The estimate is close to the exact value on average.
    double exact = 0, estimate = 0;
    for (std::size_t v = 0; v < 400; ++v)
        exact += one.betweenness[v], estimate += s1.betweenness[v];
    CHECK(estimate == Approx(exact).epsilon(0.1));
}

TEST_CASE("PageRank sums to 1 and favours hubs, eigenvector has unit norm") {
    const AnalysisGraph g = graph(5, {{0, 1, 1}, {0, 2, 1}, {0, 3, 1}, {0, 4, 1}});
    const std::vector<double> pr = pagerank(g);
    double sum = 0;
    for (double x : pr)
        sum += x;
    CHECK(sum == Approx(1.0).epsilon(1e-12));
    CHECK(pr[0] > pr[1]);
    CHECK(pr[1] == Approx(pr[4]));
    const std::vector<double> ev = eigenvector(g);
    double norm = 0;
    for (double x : ev)
        norm += x * x;
    CHECK(norm == Approx(1.0));
    CHECK(ev[0] == Approx(std::sqrt(0.5)));  // star K1,4: centre 1/sqrt(2), leaves 1/(2 sqrt(2))
    CHECK(ev[1] == Approx(1 / (2 * std::sqrt(2.0))));
}

TEST_CASE("clustering, transitivity, components and cores") {
    const AnalysisGraph g = two_cliques();
    const Clustering c = clustering(g);
    CHECK(c.local[0] == 1.0);
    CHECK(c.local[4] == Approx(6.0 / 10));  // 4 clique neighbours + 1 bridge: 6 of 10 pairs
    CHECK(c.local[10] == 0.0);
    CHECK(c.transitivity == Approx(60.0 / (8 * 6 + 2 * 10)));
    const std::vector<std::string> labels = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"};
    const std::vector<std::uint32_t> comp = components(g, labels);
    CHECK(comp[0] == 0);
    CHECK(comp[9] == 0);
    CHECK(comp[10] == 1);
    const std::vector<std::uint32_t> core = core_numbers(g);
    CHECK(core[0] == 4);
    CHECK(core[10] == 0);
}

TEST_CASE("Louvain finds the two cliques, deterministically") {
    const AnalysisGraph g = two_cliques();
    const Partition p = best_louvain(g, 1.0, 4, 2);
    CHECK(p.community[0] == p.community[4]);
    CHECK(p.community[5] == p.community[9]);
    CHECK(p.community[0] != p.community[5]);
    CHECK(p.modularity == Approx(modularity(g, p.community)));
    CHECK(p.modularity > 0.4);
    CHECK(best_louvain(g, 1.0, 4, 1).community == p.community);
    // A higher resolution never merges the cliques (it may split them); a tiny one puts
    // everything connected together.
    for (const double resolution : {1.0, 2.0, 5.0, 20.0}) {
        INFO("resolution " << resolution);
        const Partition fine = louvain(g, resolution, 0);
        for (std::uint32_t a = 0; a < 5; ++a)
            for (std::uint32_t b = 5; b < 10; ++b)
                CHECK(fine.community[a] != fine.community[b]);
    }
    const Partition coarse = louvain(g, 0.01, 0);
    CHECK(coarse.community[0] == coarse.community[9]);
}
