// The full view of DESIGN.md §3: articles, entities, themes, categories, statements and
// driving forces, merged by normalized label, on a Boost.Graph adjacency_list.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "graph/entity_matcher.hpp"
#include "graph/key_index.hpp"
#include "graph/text_table.hpp"
#include "graph/worthiness.hpp"
#include "ingest/config.hpp"
#include "ingest/report.hpp"

namespace signalkg {

enum class NodeKind : std::uint8_t {
    Article,
    Entity,
    Theme,
    Category,
    Signal,
    Concern,
    Behavior,
    Technology,
    Issue,
    DrivingForce,
    // A keyword below the entity-worthiness threshold (graph/entity_worthiness.hpp): still a
    // node its articles mention, neither linked nor in the entity view. Same IRI as an entity.
    Term
};
inline constexpr int kNodeKinds = 11;

enum class EdgeKind : std::uint8_t {
    Mentions,           // Article -> Entity
    HasTheme,           // Article -> Theme
    InCategory,         // Article -> Category
    ReportsSignal,      // Article -> Signal (one per observation)
    RaisesConcern,      // Article -> Concern
    DescribesBehavior,  // Article -> Behavior
    CitesTechnology,    // Article -> Technology
    RaisesIssue,        // Article -> Issue
    DrivenBy,           // Signal -> DrivingForce (one per article that said so)
    SimilarTo,          // Article -> Article (## Closest)
    About               // statement or DrivingForce -> Entity (entity linking)
};
inline constexpr int kEdgeKinds = 11;

inline constexpr std::uint32_t kNone = UINT32_MAX;

// Sorted lists of vertices, made by blocks of work on several threads: each block appends to a
// buffer of its own (one allocation a block, not one a list).
class FoundLists {
  public:
    struct List {
        std::uint32_t block = 0, begin = 0, size = 0;
    };
    FoundLists() = default;
    explicit FoundLists(std::size_t blocks) : buffers_(blocks) {}

    // Sorts `list`, drops repeats and keeps it in `block`'s buffer.
    List keep(std::uint32_t block, std::vector<std::uint32_t>& list);
    // Replaces every item of every list in `lists` by `map(item)`, in place, dropping those it
    // maps to kNone (UINT32_MAX); each list stays sorted with no repeats.
    template <typename Map>
    void rewrite(std::vector<List>& lists, const Map& map) {
        for (List& list : lists) {
            std::uint32_t* items = buffers_[list.block].data() + list.begin;
            std::uint32_t* end = items + list.size;
            std::transform(items, end, items, map);
            std::sort(items, end);
            end = std::unique(items, end);
            end = std::remove(items, end, UINT32_MAX);
            list.size = static_cast<std::uint32_t>(end - items);
        }
    }
    std::span<const std::uint32_t> operator[](const List& list) const {
        return std::span(buffers_[list.block]).subspan(list.begin, list.size);
    }

  private:
    std::vector<std::vector<std::uint32_t>> buffers_;
};

struct NodeProperties {
    NodeKind kind = NodeKind::Entity;
    std::string key;    // the merge key: entity_key or normalize_key of the label (text/words.hpp);
                        // the report id for articles
    std::string label;  // the surface form seen most often (first seen on a tie)
    std::vector<std::string> alt_labels;  // every other surface form, in first-seen order
    std::vector<std::uint32_t> articles;  // reports it came from (ascending report index)
    std::uint32_t report = kNone;         // Article: its report index
    EntityType type = EntityType::None;   // Entity: what kind of thing it is
};

struct EdgeProperties {
    EdgeKind kind = EdgeKind::Mentions;
    std::uint32_t article = kNone;    // the report the edge came from (kNone for About)
    std::uint32_t statement = kNone;  // Article -> statement and DrivenBy: the row in that report
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, NodeProperties,
                                    EdgeProperties, boost::no_property, boost::vecS>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

// What a node kind is, for code that goes through every node.
constexpr bool is_statement_kind(NodeKind kind) {  // Signal, Concern, Behavior, Technology, Issue
    return kind >= NodeKind::Signal && kind <= NodeKind::Issue;
}
constexpr bool is_term_kind(NodeKind kind) {  // a label an article names: entity, term, theme,
                                              // category
    return kind == NodeKind::Entity || kind == NodeKind::Term || kind == NodeKind::Theme ||
           kind == NodeKind::Category;
}
constexpr bool is_linked_kind(NodeKind kind) {  // its texts are scanned for entities
    return is_statement_kind(kind) || kind == NodeKind::DrivingForce;
}

// An Article's own attributes, in the order every exporter writes them (GraphML, GEXF, JSON and
// Neo4j by `name`; RDF by its own term for each, exporters/rdf_model.cpp).
struct ArticleAttribute {
    const char* name;
    std::string_view ReportFields::*field;
    enum class Type : std::uint8_t { Text, Date, Url } type;
};
inline constexpr ArticleAttribute kArticleAttributes[] = {
    {"page", &ReportFields::page, ArticleAttribute::Type::Text},
    {"date", &ReportFields::date, ArticleAttribute::Type::Date},
    {"page_url", &ReportFields::page_url, ArticleAttribute::Type::Url},
    {"url", &ReportFields::external_url, ArticleAttribute::Type::Url},
    {"article_type", &ReportFields::type, ArticleAttribute::Type::Text},
    {"summary", &ReportFields::summary, ArticleAttribute::Type::Text}};

// The texts of an observation (what one report said about one statement), in the order every
// exporter writes them; its relevancy, an optional number, comes after them.
struct ObservationText {
    const char* name;
    std::string_view Statement::*field;
};
inline constexpr ObservationText kObservationTexts[] = {{"description", &Statement::description},
                                                        {"change", &Statement::change},
                                                        {"outlook", &Statement::outlook}};

const char* node_kind_name(NodeKind kind);  // "Article", "Entity", ..., "DrivingForce"
const char* edge_kind_name(EdgeKind kind);  // "mentions", "hasTheme", ..., "about"
NodeKind node_kind_of(StatementKind kind);
EdgeKind edge_kind_of(StatementKind kind);

// What assembling and linking took (signalkg build --timings).
struct BuildStats {
    double assemble_seconds = 0;  // what is left once the last report is in: Closest, labels
    double iri_seconds = 0;       // every node's IRI (alongside the above with jobs > 1)
    double scan_seconds = 0;      // entity linking: every text scanned, on `jobs` threads
    double about_seconds = 0;     // entity linking: about edges, per-observation entities
    double link_cpu_seconds = 0;  // CPU time of entity linking, all threads together
    std::size_t linked_texts = 0;
    std::size_t about_edges = 0;
};

class EntityDictionary;

// Made by an Assembler (graph/assembler.hpp) from reports, then linked once by link(): the
// stages in between (the entity dictionary) read it as assembled.
class KnowledgeGraph {
  public:
    // Neither copied nor moved: Boost's adjacency_list has no move constructor, so a "move"
    // copied every node and edge (7 s and 0.7 GB at 100,000 reports). It lives where the
    // Assembler made it, behind a unique_ptr.
    KnowledgeGraph(const KnowledgeGraph&) = delete;
    KnowledgeGraph& operator=(const KnowledgeGraph&) = delete;

    // Entity linking (graph/linking.cpp), in three steps, each called once, on `jobs` threads;
    // the result does not depend on `jobs`:
    //  scan: finds the dictionary's candidates in every statement's name and texts;
    //  apply_worthiness: keeps each candidate's evidence, types the entities and makes those
    //      below the worthiness threshold Terms (graph/entity_worthiness.hpp);
    //  link: adds the about edges to the candidates that are still entities.
    void scan(const EntityDictionary& dictionary, int jobs);
    void apply_worthiness(std::vector<Worthiness> assessed);
    void link(int jobs);
    // After link(): about edges from `statement` to those of `entities` it has none to yet (a
    // partitioned graph's statement gets those other ranks' observations found).
    void add_about_edges(Vertex statement, std::span<const std::uint32_t> entities);
    // What the scan counted, by vertex: occurrences of a candidate that do not start a sentence,
    // and how many of them start with a capital.
    const EntityMatcher::CaseCounts& case_counts() const { return case_counts_; }
    // Between scan() and link(): the candidates a statement's own name names.
    std::span<const std::uint32_t> candidates_in_name(Vertex statement) const {
        return scan_names_[scan_named_[statement]];
    }
    // Every keyword's worthiness evidence and verdict, in vertex order (after apply_worthiness).
    const std::vector<Worthiness>& worthiness() const { return worthiness_; }

    const Graph& graph() const { return graph_; }
    const std::vector<Report>& reports() const { return reports_; }
    const Config& config() const { return config_; }
    const BuildStats& stats() const { return stats_; }

    // The node of a kind and label, or kNone.
    std::uint32_t find(NodeKind kind, std::string_view label) const;
    Vertex article_vertex(std::uint32_t report) const { return article_vertices_[report]; }

    // Stable IRIs: base + kind segment + "/" + iri_segment(key); made once, kept for exporters.
    std::string_view iri(Vertex v) const { return iris_[v]; }
    // The node's label (graph()[v].label), from one table: exporters that list the statements
    // of entity links read millions of them in no particular order.
    std::string_view label(Vertex v) const { return labels_[v]; }
    // A report's date (reports()[r].date), from one small table: the entity view's first and
    // last dates point here, and the exporters read them for every node and link (the reports'
    // own texts are spread over hundreds of megabytes).
    std::string_view date(std::uint32_t report) const { return dates_[report]; }
    std::string observation_iri(std::uint32_t report, std::uint32_t statement) const;
    // A Closest target outside the corpus: an IRI of its own or an article IRI for its id.
    std::string article_iri(std::string_view report_id) const;

    // Entities one observation (a report's row about a statement) is about: those in the
    // statement's name and in that row's own texts; ascending full-view vertices.
    std::span<const std::uint32_t> observation_entities(std::uint32_t report,
                                                        std::uint32_t statement) const {
        return observation_lists_[observation_found_[observation_index(report, statement)]];
    }

    // What one report said about one statement: the row behind an Article -> statement edge
    // or a DrivenBy edge (ep.statement != kNone).
    const Statement& observation(const EdgeProperties& ep) const {
        return reports_[ep.article].statements[ep.statement];
    }
    // The driving-force node an observation names, or kNone.
    std::uint32_t observation_force(std::uint32_t report, std::uint32_t statement) const {
        return observation_force_[observation_index(report, statement)];
    }

    // Closest links whose target is not in the corpus (report index, target IRI).
    const std::vector<std::pair<std::uint32_t, std::string>>& outside_links() const {
        return outside_links_;
    }

    std::size_t count(NodeKind kind) const { return node_counts_[static_cast<int>(kind)]; }
    std::size_t count(EdgeKind kind) const { return edge_counts_[static_cast<int>(kind)]; }

  private:
    friend class Assembler;
    explicit KnowledgeGraph(const Config& config) : config_(config) {}
    // The merge key of a label of a kind, into `key`; for entities the thesaurus' spelling when
    // an alias.
    void key_of(NodeKind kind, std::string_view label, std::string& key,
                std::string_view& alias_spelling) const;
    std::string_view node_key(std::uint32_t v) const { return graph_[v].key; }
    void add_edge(Vertex from, Vertex to, EdgeProperties properties);
    std::uint32_t observation_index(std::uint32_t report, std::uint32_t statement) const {
        return observation_begin_[report] + statement;
    }

    Config config_;
    std::vector<Report> reports_;
    Graph graph_;
    std::vector<Vertex> article_vertices_;
    TextTable iris_;
    TextTable labels_;
    TextTable dates_;
    std::vector<std::uint32_t> observation_begin_;      // report -> its first observation's index
    std::vector<std::uint32_t> observation_statement_;  // observation -> its statement vertex
    std::vector<std::uint32_t> observation_force_;      // observation -> its driving force
    FoundLists observation_lists_;                      // entities of observations, by block
    std::vector<FoundLists::List> observation_found_;   // observation -> its list
    FoundLists scan_names_;                             // from scan() to link(): candidates in
    std::vector<FoundLists::List> scan_named_;          // each statement's own name, by vertex
    EntityMatcher::CaseCounts case_counts_{0};
    std::vector<Worthiness> worthiness_;
    std::vector<std::uint32_t> link_as_;      // from apply_worthiness() to link(): an acronym's
                                              // expansion -> the acronym (empty: none)
    std::array<KeyIndex, kNodeKinds> index_;  // by merge key; articles are not in it
    std::vector<std::pair<std::uint32_t, std::string>> outside_links_;
    struct Resolved {
        std::string key;       // the entity key an alias ends at
        std::string spelling;  // the thesaurus' spelling of it
    };
    std::unordered_map<std::string, Resolved> aliases_;  // alias key -> its entity
    std::array<std::size_t, kNodeKinds> node_counts_{};
    std::array<std::size_t, kEdgeKinds> edge_counts_{};
    BuildStats stats_;
};

}  // namespace signalkg
