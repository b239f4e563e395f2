// What the entity-view writers (entities.*, report.*, trends.json and its pictures) read besides
// the analysed view: the full view's nodes by number (the view's entities, the statements behind
// its links and trends), its reports, and totals over the corpus.
//
// One process reads them from its KnowledgeGraph. The root of a partitioned build
// (distributed/partition.hpp) holds only a share of the graph; it reads them from what the ranks
// sent it (`Gathered`), and its share, which holds every entity and keyword.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "graph/knowledge_graph.hpp"

namespace signalkg {

// A node of the full view as the writers see it.
struct NodeFacts {
    NodeKind kind = NodeKind::Entity;
    EntityType type = EntityType::None;
    std::string_view label, iri;
    std::string_view key;  // entities: the merge key (Neo4j's id)
    std::span<const std::string> alt_labels;
    std::size_t article_count = 0;  // reports naming it
    // Its first reports (ascending), at least kListedArticles of them when it has that many;
    // statements only.
    std::span<const std::uint32_t> articles;
};
inline constexpr std::size_t kListedArticles = 3;

// A report as the writers see it. `link`: its external URL, else its page URL, when that is a
// web (http, https) link; else empty.
struct ReportFacts {
    std::string_view id, title, date, link;
};
std::string_view web_link(const Report& report);

// A recurring statement: reports naming it, mean relevancy over the observations giving one
// (0 if none does).
struct RecurringStatement {
    std::string label;
    std::size_t reports = 0;
    double mean_relevancy = 0;
};
struct RankedItem {
    std::string label;
    double value = 0;
};

// The report's totals over the whole corpus (exporters/report.hpp).
struct CorpusSummary {
    std::size_t documents = 0;
    std::string first_date, last_date;
    std::vector<std::pair<std::string, std::size_t>> documents_per_year;
    std::size_t full_nodes = 0, full_edges = 0;
    std::vector<std::pair<std::string, std::size_t>> nodes_by_kind, edges_by_kind;
    // The `top` most recurring concerns and signals: most reports first, then the higher mean
    // relevancy, then the lower node number.
    std::vector<RecurringStatement> top_concerns, top_signals;
    // The entities the most concerns (signals) are about: value = how many; ties by node number.
    std::vector<RankedItem> concern_subjects, signal_subjects;
};
CorpusSummary corpus_summary(const KnowledgeGraph& graph, std::size_t top);

// What the root of a partitioned build gathered from the ranks.
struct Gathered {
    struct Node {
        NodeKind kind = NodeKind::Entity;
        std::string label, iri;
        std::vector<std::string> alt_labels;
        std::size_t article_count = 0;
        std::vector<std::uint32_t> articles;  // its first kListedArticles
    };
    struct Report {
        std::string id, title, date, link;
    };
    std::unordered_map<std::uint32_t, Node> nodes;      // statements, by full-view number
    std::unordered_map<std::uint32_t, Report> reports;  // by corpus number
    // The root's share: full-view number of each of its vertices (ascending), and how many
    // reports of the corpus name each.
    std::span<const std::uint32_t> global;
    std::span<const std::uint32_t> article_count;
    std::size_t reports_in_corpus = 0;
    CorpusSummary summary;
    std::size_t summary_top = 0;
};

class ViewSource {
  public:
    // One process: everything from its graph.
    ViewSource(const KnowledgeGraph& graph) : graph_(graph) {}  // NOLINT: implicit on purpose
    // The root of a partitioned build: its share (every entity and keyword) and what it gathered.
    ViewSource(const KnowledgeGraph& share, const Gathered& gathered)
        : graph_(share), gathered_(&gathered) {}

    // The graph this process holds: the whole graph, or the root's share. Its config and its
    // keywords' worthiness are the corpus'.
    const KnowledgeGraph& graph() const { return graph_; }

    // A node by its full-view number: an entity of the view or a statement (or driving force)
    // of its links and trends.
    NodeFacts node(std::uint32_t v) const;
    // The entity of that label (NodeKind::Entity), or kNone.
    std::uint32_t find_entity(std::string_view label) const;
    std::size_t reports() const;
    // Of the reports behind the statements of its links and the trends' too-late reports.
    ReportFacts report(std::uint32_t r) const;
    CorpusSummary summary(std::size_t top) const;

  private:
    // The root's vertex of full-view number v, or kNone.
    std::uint32_t local(std::uint32_t v) const;

    const KnowledgeGraph& graph_;
    const Gathered* gathered_ = nullptr;
};

}  // namespace signalkg
