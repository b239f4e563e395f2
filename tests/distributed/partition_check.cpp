// Run under mpirun: every rank assembles its share of a partitioned graph
// (distributed/partition.hpp); the root gathers every rank's nodes (those it names first) and
// edges in corpus numbers and compares them with one process' assembly of the whole corpus.
//
//   mpirun -np N partition_check [--config FILE] INPUT...
//
// Exit 0 when they are the same graph; 1, with the first differences, when not; 2 on a usage
// error.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "distributed/build.hpp"
#include "distributed/partition.hpp"
#include "pipeline/pipeline.hpp"

using namespace signalkg;
using namespace signalkg::distributed;

namespace {

std::string node_line(std::uint32_t number, const NodeProperties& node, std::uint32_t articles) {
    std::string alts;
    for (const std::string& alt : node.alt_labels)
        alts += alt + '|';
    return fmt::format("node {} {} {} '{}' [{}] {}", number, node_kind_name(node.kind), node.key,
                       node.label, alts, articles);
}

std::string edge_line(std::uint32_t source, std::uint32_t target, const EdgeProperties& e,
                      std::uint32_t first_report) {
    return fmt::format("edge {} {} {} {} {}", source, target, edge_kind_name(e.kind),
                       e.article == kNone ? -1 : static_cast<long>(e.article + first_report),
                       e.statement == kNone ? -1 : static_cast<long>(e.statement));
}

// What is compared so far: every node and edge of assembly, and the Closest links that leave
// the corpus.
std::vector<std::string> lines_of(const KnowledgeGraph& kg,
                                  const std::vector<std::uint32_t>& global,
                                  const std::vector<char>& first,
                                  const std::vector<std::uint32_t>& articles,
                                  std::uint32_t first_report) {
    const Graph& g = kg.graph();
    std::vector<std::string> lines;
    for (Vertex v = 0; v < boost::num_vertices(g); ++v)
        if (first[v]) lines.push_back(node_line(global[v], g[v], articles[v]));
    for (const Edge e : boost::make_iterator_range(boost::edges(g)))
        lines.push_back(edge_line(global[boost::source(e, g)], global[boost::target(e, g)], g[e],
                                  first_report));
    for (const auto& [report, iri] : kg.outside_links())
        lines.push_back(fmt::format("outside {} {}", report + first_report, iri));
    return lines;
}

}  // namespace

int main(int argc, char** argv) {
    Cluster cluster(argc, argv);
    pipeline::Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--config" && i + 1 < argc) {
            options.config = load_config(argv[++i]);
        } else {
            options.inputs.push_back(arg);
        }
    }
    if (options.inputs.empty()) {
        if (cluster.is_root())
            std::fprintf(stderr, "usage: partition_check [--config FILE] INPUT...\n");
        return 2;
    }
    std::vector<Diagnostic> found;
    const std::vector<std::string> files = find_report_files(options.inputs, found, options.read);
    const std::vector<std::string> share =
        share_out(files, cluster.size())[static_cast<std::size_t>(cluster.rank())];
    const Partition part = assemble_partition(cluster, share, options.config, options.read);

    std::vector<std::string> to_root(static_cast<std::size_t>(cluster.size()));
    if (part.graph)
        for (const std::string& line :
             lines_of(*part.graph, part.global, part.first, part.article_count, part.first_report))
            to_root[0] += line + '\n';
    // Each share lists its nodes in the corpus' order and holds every entity.
    if (part.graph) {
        if (!std::is_sorted(part.global.begin(), part.global.end()) ||
            std::adjacent_find(part.global.begin(), part.global.end()) != part.global.end())
            to_root[0] += fmt::format("rank {}: nodes not in the corpus' order\n", cluster.rank());
        to_root[0] += fmt::format("entities {}\n", part.graph->count(NodeKind::Entity));
    }
    const std::vector<std::string> gathered = cluster.all_to_all(to_root);
    if (!cluster.is_root()) return 0;

    std::vector<std::string> mine;
    for (const std::string& text : gathered)
        for (std::size_t at = 0, end; at < text.size(); at = end + 1)
            mine.push_back(text.substr(at, (end = text.find('\n', at)) - at));
    std::vector<Diagnostic> diagnostics = found;
    pipeline::Timings timings;
    const pipeline::Assembled one = pipeline::read_and_assemble(options, diagnostics, timings);
    std::vector<std::string> expected;
    if (one.graph) {
        const Graph& g = one.graph->graph();
        std::vector<std::uint32_t> identity(boost::num_vertices(g)), counts(identity.size());
        for (Vertex v = 0; v < identity.size(); ++v) {
            identity[v] = static_cast<std::uint32_t>(v);
            counts[v] = static_cast<std::uint32_t>(g[v].articles.size());
        }
        expected = lines_of(*one.graph, identity, std::vector<char>(identity.size(), 1), counts, 0);
        for (int rank = 0; rank < cluster.size(); ++rank)
            expected.push_back(fmt::format("entities {}", one.graph->count(NodeKind::Entity)));
    }
    std::sort(mine.begin(), mine.end());
    std::sort(expected.begin(), expected.end());
    int differences = 0;
    std::vector<std::string> missing, extra;
    std::set_difference(expected.begin(), expected.end(), mine.begin(), mine.end(),
                        std::back_inserter(missing));
    std::set_difference(mine.begin(), mine.end(), expected.begin(), expected.end(),
                        std::back_inserter(extra));
    for (std::size_t i = 0; i < std::min<std::size_t>(missing.size(), 10); ++i)
        fmt::print("missing: {}\n", missing[i]), ++differences;
    for (std::size_t i = 0; i < std::min<std::size_t>(extra.size(), 10); ++i)
        fmt::print("extra:   {}\n", extra[i]), ++differences;
    // Diagnostics: the reading ones (the file search's are the root's own), then the thesaurus'.
    std::vector<std::string> said, one_said;
    for (const Diagnostic& d : found)
        said.push_back(fmt::format("{}:{}: {}", d.file, d.line, d.message));
    for (const Diagnostic& d : part.diagnostics)
        said.push_back(fmt::format("{}:{}: {}", d.file, d.line, d.message));
    for (const Diagnostic& d : diagnostics)
        one_said.push_back(fmt::format("{}:{}: {}", d.file, d.line, d.message));
    if (said != one_said) {
        fmt::print("diagnostics differ: {} against one process' {}\n", said.size(),
                   one_said.size());
        ++differences;
    }
    const std::size_t vertices = one.graph ? boost::num_vertices(one.graph->graph()) : 0;
    if (part.vertices != vertices) {
        fmt::print("vertices: {} against one process' {}\n", part.vertices, vertices);
        ++differences;
    }
    fmt::print("{} ranks: {} nodes and edges compared, {} differences\n", cluster.size(),
               expected.size(), missing.size() + extra.size());
    return differences == 0 ? 0 : 1;
}
