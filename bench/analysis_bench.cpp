// Times signalkg's analysis on a GraphML file (undirected; parallel edges' `weight` summed),
// for the comparison with igraph and NetworkX in bench/analysis.py. Prints JSON to stdout.
//
//   analysis_bench GRAPH.graphml JOBS [BETWEENNESS_SAMPLES]
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include <fmt/format.h>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>

#include "analysis/analyze.hpp"

namespace {

struct VertexData {
    std::string label;
};
struct EdgeData {
    double weight = 1;
};
using FileGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, VertexData, EdgeData>;

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: analysis_bench GRAPH.graphml JOBS [BETWEENNESS_SAMPLES]\n");
        return 2;
    }
    const auto start = std::chrono::steady_clock::now();
    FileGraph file;
    boost::dynamic_properties properties(boost::ignore_other_properties);
    properties.property("weight", boost::get(&EdgeData::weight, file));
    properties.property("label", boost::get(&VertexData::label, file));
    std::ifstream in(argv[1]);
    boost::read_graphml(in, file, properties);
    const double read = seconds_since(start);

    std::vector<signalkg::analysis::WeightedEdge> edges;
    for (const auto e : boost::make_iterator_range(boost::edges(file)))
        edges.push_back({static_cast<std::uint32_t>(boost::source(e, file)),
                         static_cast<std::uint32_t>(boost::target(e, file)), file[e].weight});
    std::vector<std::string> labels;
    for (const auto v : boost::make_iterator_range(boost::vertices(file)))
        labels.push_back(file[v].label);
    const auto built = std::chrono::steady_clock::now();
    const auto graph =
        signalkg::analysis::make_analysis_graph(boost::num_vertices(file), std::move(edges));
    const double build = seconds_since(built);

    signalkg::analysis::Options options;
    options.jobs = std::stoi(argv[2]);
    options.betweenness_samples = argc > 3 ? std::stoul(argv[3]) : 0;
    const auto result = signalkg::analysis::analyze(graph, labels, options);
    fmt::print(
        "{{\"nodes\": {}, \"edges\": {}, \"read\": {:.3f}, \"build\": {:.3f}, \"modularity\": {}, "
        "\"betweenness_sources\": {}",
        boost::num_vertices(graph), boost::num_edges(graph) / 2, read, build, result.modularity,
        result.betweenness_sources);
    for (const auto& [name, seconds] : result.timings)
        fmt::print(", \"{}\": {:.3f}", name, seconds);
    fmt::print("}}\n");
}
