#include <algorithm>
#include <atomic>
#include <iterator>
#include <numeric>
#include <utility>

#include "graph/entity_dictionary.hpp"
#include "parallel/parallel.hpp"

// Entity linking: KnowledgeGraph::link (declared in graph/knowledge_graph.hpp).
namespace signalkg {

void KnowledgeGraph::scan(const EntityDictionary& dictionary, int jobs) {
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
    // vertex and observation order: they do not depend on `jobs`. Every candidate is looked for:
    // how often the texts name it is evidence of its worth (graph/entity_worthiness.hpp), and
    // link() keeps the entities among them.
    const std::size_t observations = observation_statement_.size();
    const auto is_linked = [&](Vertex v) { return is_linked_kind(graph_[v].kind); };
    std::atomic<std::size_t> texts{0};
    const EntityMatcher& matcher = dictionary.matcher();
    // Case counts per worker, summed at the end.
    const int workers = std::max(jobs, 1);
    std::vector<EntityMatcher::CaseCounts> cases(static_cast<std::size_t>(workers),
                                                 EntityMatcher::CaseCounts(n));
    const auto scan = [&](std::string_view text, std::vector<std::uint32_t>& out, int worker) {
        if (text.empty()) return 0;
        matcher.find(text, out, worker < 0 ? nullptr : &cases[worker]);
        return 1;
    };
    constexpr std::size_t kVertexBlock = 256, kReportBlock = 64;

    // Scratch lists per worker, reused from block to block.
    std::vector<std::vector<std::uint32_t>> scratch(static_cast<std::size_t>(workers));
    const auto for_each_block = [&](std::size_t count, std::size_t size, const auto& work) {
        return parallel_for(count, size, jobs, [&](int worker, std::size_t begin, std::size_t end) {
            work(worker, static_cast<std::uint32_t>(begin / size), begin, end, scratch[worker]);
        });
    };
    scan_names_ = FoundLists((n + kVertexBlock - 1) / kVertexBlock);
    scan_named_.assign(n, {});
    helpers_cpu += for_each_block(n, kVertexBlock,
                                  [&](int, std::uint32_t block, std::size_t begin, std::size_t end,
                                      std::vector<std::uint32_t>& list) {
                                      std::size_t scanned = 0;
                                      for (Vertex v = begin; v < end; ++v) {
                                          if (!is_linked(v)) continue;
                                          list.clear();
                                          // Statement names are often headings in title
                                          // case: no evidence of names (worker -1).
                                          scanned += scan(label(v), list, -1);
                                          for (const std::string& alt : graph_[v].alt_labels)
                                              scanned += scan(alt, list, -1);
                                          scan_named_[v] = scan_names_.keep(block, list);
                                      }
                                      texts += scanned;
                                  });

    observation_lists_ = FoundLists((reports_.size() + kReportBlock - 1) / kReportBlock);
    observation_found_.resize(observations);
    helpers_cpu += for_each_block(
        reports_.size(), kReportBlock,
        [&](int worker, std::uint32_t block, std::size_t begin, std::size_t end,
            std::vector<std::uint32_t>& list) {
            std::size_t scanned = 0;
            for (auto r = static_cast<std::uint32_t>(begin); r < end; ++r) {
                const auto& statements = reports_[r].statements;
                for (std::uint32_t s = 0; s < statements.size(); ++s) {
                    const std::uint32_t o = observation_index(r, s);
                    const auto from_name = scan_names_[scan_named_[observation_statement_[o]]];
                    list.assign(from_name.begin(), from_name.end());
                    for (const ObservationText& text : kObservationTexts)
                        scanned += scan(statements[s].*text.field, list, worker);
                    observation_found_[o] = observation_lists_.keep(block, list);
                }
            }
            texts += scanned;
        });
    case_counts_ = std::move(cases[0]);
    for (std::size_t w = 1; w < cases.size(); ++w)
        for (Vertex v = 0; v < n; ++v) {
            case_counts_.mid_sentence[v] += cases[w].mid_sentence[v];
            case_counts_.capitalised[v] += cases[w].capitalised[v];
        }
    stats_.linked_texts = texts;
    stats_.scan_seconds = lap();
    stats_.link_cpu_seconds = thread_cpu_seconds() - cpu_started + helpers_cpu;
}

void KnowledgeGraph::apply_worthiness(std::vector<Worthiness> assessed) {
    worthiness_ = std::move(assessed);
    for (const Worthiness& w : worthiness_) {
        const Vertex v = w.vertex;
        graph_[v].type = w.type;
        if (w.verdict == Worthiness::Verdict::Merged) {
            // The expansion's spellings become the acronym's aliases, its articles mention the
            // acronym too, and link() finds the acronym where the texts spell it out.
            NodeProperties& acronym = graph_[w.merged_into];
            const NodeProperties& expansion = graph_[v];
            const auto alias = [&](const std::string& spelling) {
                if (std::find(acronym.alt_labels.begin(), acronym.alt_labels.end(), spelling) ==
                    acronym.alt_labels.end())
                    acronym.alt_labels.push_back(spelling);
            };
            alias(expansion.label);
            for (const std::string& spelling : expansion.alt_labels)
                alias(spelling);
            std::vector<std::uint32_t> articles;
            std::set_union(acronym.articles.begin(), acronym.articles.end(),
                           expansion.articles.begin(), expansion.articles.end(),
                           std::back_inserter(articles));
            for (const std::uint32_t r : expansion.articles)
                if (!std::binary_search(acronym.articles.begin(), acronym.articles.end(), r))
                    add_edge(article_vertices_[r], w.merged_into, {EdgeKind::Mentions, r, kNone});
            acronym.articles = std::move(articles);
            if (link_as_.empty()) {
                link_as_.resize(boost::num_vertices(graph_));
                std::iota(link_as_.begin(), link_as_.end(), 0u);
            }
            link_as_[v] = w.merged_into;
        }
        if (w.is_entity() || graph_[v].kind != NodeKind::Entity) continue;
        graph_[v].kind = NodeKind::Term;
        --node_counts_[static_cast<int>(NodeKind::Entity)];
        ++node_counts_[static_cast<int>(NodeKind::Term)];
    }
}

void KnowledgeGraph::link(int jobs) {
    Lap lap;
    const double cpu_started = thread_cpu_seconds();
    double helpers_cpu = 0;
    const Vertex n = boost::num_vertices(graph_);
    const std::size_t observations = observation_statement_.size();
    const auto is_linked = [&](Vertex v) { return is_linked_kind(graph_[v].kind); };
    const auto is_entity = [&](std::uint32_t v) { return graph_[v].kind == NodeKind::Entity; };
    // The scan's lists keep the candidates that are entities, an acronym's expansion as the
    // acronym.
    const auto entity_of = [&](std::uint32_t v) {
        if (!link_as_.empty()) v = link_as_[v];
        return is_entity(v) ? v : kNone;
    };
    scan_names_.rewrite(scan_named_, entity_of);
    observation_lists_.rewrite(observation_found_, entity_of);
    link_as_ = {};
    constexpr std::size_t kVertexBlock = 256;
    std::vector<std::vector<std::uint32_t>> scratch(static_cast<std::size_t>(std::max(jobs, 1)));

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
    helpers_cpu +=
        parallel_for(n, kVertexBlock, jobs, [&](int worker, std::size_t begin, std::size_t end) {
            std::vector<std::uint32_t>& list = scratch[worker];
            const auto block = static_cast<std::uint32_t>(begin / kVertexBlock);
            for (Vertex v = begin; v < end; ++v) {
                if (!is_linked(v)) continue;
                const auto from_name = scan_names_[scan_named_[v]];
                list.assign(from_name.begin(), from_name.end());
                for (std::uint32_t i = observations_begin[v]; i < observations_begin[v + 1]; ++i) {
                    const auto own = observation_lists_[observation_found_[observations_of[i]]];
                    list.insert(list.end(), own.begin(), own.end());
                }
                found[v] = about_lists.keep(block, list);
            }
        });
    // Memory freed now is what the edges' lists below are carved from, rather than fresh pages
    // (the kernel's zeroing of those was a quarter of linking).
    scan_names_ = FoundLists();
    scan_named_ = std::vector<FoundLists::List>();
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
    stats_.link_cpu_seconds += thread_cpu_seconds() - cpu_started + helpers_cpu;
}

void KnowledgeGraph::add_about_edges(Vertex statement, std::span<const std::uint32_t> entities) {
    std::vector<std::uint32_t> linked;
    for (const Edge e : boost::make_iterator_range(boost::out_edges(statement, graph_)))
        if (graph_[e].kind == EdgeKind::About)
            linked.push_back(static_cast<std::uint32_t>(boost::target(e, graph_)));
    std::sort(linked.begin(), linked.end());
    for (const std::uint32_t entity : entities)
        if (!std::binary_search(linked.begin(), linked.end(), entity)) {
            add_edge(statement, entity, {EdgeKind::About, kNone, kNone});
            ++stats_.about_edges;
        }
}

}  // namespace signalkg
