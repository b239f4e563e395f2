#include <algorithm>
#include <atomic>
#include <utility>

#include "graph/entity_dictionary.hpp"
#include "parallel/parallel.hpp"

// Entity linking: KnowledgeGraph::link (declared in graph/knowledge_graph.hpp).
namespace signalkg {

void KnowledgeGraph::link(const EntityDictionary& dictionary, int jobs) {
    Lap lap;
    const double cpu_started = thread_cpu_seconds();
    double helpers_cpu = 0;  // CPU time of the threads started here
    const Vertex n = boost::num_vertices(graph_);
    // Every statement name is scanned once, and every observation's own texts once:
    //  1. names: statement and driving-force vertices in blocks, in vertex order;
    //  2. observations: reports in blocks, in file order, which is how their texts lie in memory
    //     (going through each statement's observations instead missed the cache at every step),
    //     each list starting from its statement's names;
    //  3. about edges: per vertex, the union of its names and its observations' lists.
    // Each block of work keeps its lists in a buffer of its own, and the results are read in
    // vertex and observation order: they do not depend on `jobs`. The observations' lists stay
    // as they are made: observation_entities() reads them.
    const std::size_t observations = observation_statement_.size();
    const auto is_linked = [&](Vertex v) { return is_linked_kind(graph_[v].kind); };
    std::atomic<std::size_t> texts{0};
    const EntityMatcher& matcher = dictionary.matcher();
    const auto scan = [&](std::string_view text, std::vector<std::uint32_t>& out) {
        if (text.empty()) return 0;
        matcher.find(text, out);
        return 1;
    };
    constexpr std::size_t kVertexBlock = 256, kReportBlock = 64;

    // Scratch lists per worker, reused from block to block.
    std::vector<std::vector<std::uint32_t>> scratch(static_cast<std::size_t>(std::max(jobs, 1)));
    const auto for_each_block = [&](std::size_t count, std::size_t size, const auto& work) {
        return parallel_for(count, size, jobs, [&](int worker, std::size_t begin, std::size_t end) {
            work(static_cast<std::uint32_t>(begin / size), begin, end, scratch[worker]);
        });
    };
    FoundLists names((n + kVertexBlock - 1) / kVertexBlock);
    std::vector<FoundLists::List> named(n);
    helpers_cpu += for_each_block(n, kVertexBlock,
                                  [&](std::uint32_t block, std::size_t begin, std::size_t end,
                                      std::vector<std::uint32_t>& list) {
                                      std::size_t scanned = 0;
                                      for (Vertex v = begin; v < end; ++v) {
                                          if (!is_linked(v)) continue;
                                          list.clear();
                                          scanned += scan(label(v), list);
                                          for (const std::string& alt : graph_[v].alt_labels)
                                              scanned += scan(alt, list);
                                          named[v] = names.keep(block, list);
                                      }
                                      texts += scanned;
                                  });

    observation_lists_ = FoundLists((reports_.size() + kReportBlock - 1) / kReportBlock);
    observation_found_.resize(observations);
    helpers_cpu +=
        for_each_block(reports_.size(), kReportBlock,
                       [&](std::uint32_t block, std::size_t begin, std::size_t end,
                           std::vector<std::uint32_t>& list) {
                           std::size_t scanned = 0;
                           for (auto r = static_cast<std::uint32_t>(begin); r < end; ++r) {
                               const auto& statements = reports_[r].statements;
                               for (std::uint32_t s = 0; s < statements.size(); ++s) {
                                   const std::uint32_t o = observation_index(r, s);
                                   const auto from_name = names[named[observation_statement_[o]]];
                                   list.assign(from_name.begin(), from_name.end());
                                   scanned += scan(statements[s].description, list);
                                   scanned += scan(statements[s].change, list);
                                   scanned += scan(statements[s].outlook, list);
                                   observation_found_[o] = observation_lists_.keep(block, list);
                               }
                           }
                           texts += scanned;
                       });

    // Each vertex's observations, grouped by vertex (a counting sort).
    std::vector<std::uint32_t> observations_begin(n + 1, 0), observations_of(observations);
    for (const Vertex v : observation_statement_)
        ++observations_begin[v + 1];
    for (Vertex v = 0; v < n; ++v)
        observations_begin[v + 1] += observations_begin[v];
    {
        std::vector<std::uint32_t> filled(observations_begin.begin(), observations_begin.end() - 1);
        for (std::uint32_t o = 0; o < observations; ++o)
            observations_of[filled[observation_statement_[o]]++] = o;
    }
    FoundLists about_lists((n + kVertexBlock - 1) / kVertexBlock);
    std::vector<FoundLists::List> found(n);
    helpers_cpu += for_each_block(
        n, kVertexBlock,
        [&](std::uint32_t block, std::size_t begin, std::size_t end,
            std::vector<std::uint32_t>& list) {
            for (Vertex v = begin; v < end; ++v) {
                if (!is_linked(v)) continue;
                const auto from_name = names[named[v]];
                list.assign(from_name.begin(), from_name.end());
                for (std::uint32_t i = observations_begin[v]; i < observations_begin[v + 1]; ++i) {
                    const auto own = observation_lists_[observation_found_[observations_of[i]]];
                    list.insert(list.end(), own.begin(), own.end());
                }
                found[v] = about_lists.keep(block, list);
            }
        });
    stats_.linked_texts = texts;
    stats_.scan_seconds = lap();
    // Memory freed now is what the edges' lists below are carved from, rather than fresh pages
    // (the kernel's zeroing of those was a quarter of linking).
    names = FoundLists();
    named = std::vector<FoundLists::List>();
    observations_begin = std::vector<std::uint32_t>();
    observations_of = std::vector<std::uint32_t>();
    // The edges go in through Boost's public add_edge only: reserving room inside its storage
    // (m_edges, m_in_edges) saved 0.2-0.6 s at 100,000 reports, 1-2 % of a build.
    for (Vertex v = 0; v < n; ++v) {
        stats_.about_edges += found[v].size;
        for (const std::uint32_t entity : about_lists[found[v]])
            add_edge(v, entity, {EdgeKind::About, kNone, kNone});
    }
    stats_.about_seconds = lap();
    stats_.link_cpu_seconds = thread_cpu_seconds() - cpu_started + helpers_cpu;
}

}  // namespace signalkg
