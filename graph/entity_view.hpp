// The entity view of DESIGN.md §4: entities linked by signal, concern and driving-force edges.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "graph/knowledge_graph.hpp"

namespace signalkg {

// Edge kinds of the entity view; one edge per entity pair and kind.
enum class LinkKind : std::uint8_t {
    Signal,
    Concern,
    Behavior,
    Technology,
    Issue,
    DrivingForce,
    Article
};
inline constexpr int kLinkKinds = 7;
const char* link_kind_name(LinkKind kind);  // "signal", ..., "driving-force", "article"

struct EntityViewOptions {
    // Which kinds make edges; DESIGN.md: signal, concern and driving-force by default.
    std::array<bool, kLinkKinds> enabled{true, true, false, false, false, true, false};
    bool enabled_kind(LinkKind kind) const { return enabled[static_cast<int>(kind)]; }

    static EntityViewOptions from(const Config& config) {
        const Config::EntityEdges& e = config.entity_edges;
        return {
            {e.signal, e.concern, e.behavior, e.technology, e.issue, e.driving_force, e.article}};
    }
};

// An observation (or, for `article`, a report) about more entities than this pairs only the
// first this many (in full-view order) in the entity view: a clique grows with the square of
// its size. The full view keeps every `about` and `mentions` edge.
inline constexpr std::size_t kMaxPairedEntities = 100;

struct EntityNode {
    Vertex entity = 0;  // the Entity node in the full view
    // Dates of the articles it comes from (empty when none is dated); views of
    // KnowledgeGraph::date().
    std::string_view first_seen, last_seen;
};

struct EntityLink {
    LinkKind kind = LinkKind::Signal;
    double weight = 0;        // sum of relevancy (1 where absent), or co-occurrences for `article`
    std::uint32_t count = 0;  // observations (reports for `article`) behind it
    std::string_view first_seen, last_seen;  // views of KnowledgeGraph::date()
    std::vector<Vertex> statements;  // the statements behind it (full-view nodes), ascending
};

using EntityGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, EntityNode, EntityLink>;
using EntityVertex = boost::graph_traits<EntityGraph>::vertex_descriptor;
using EntityEdge = boost::graph_traits<EntityGraph>::edge_descriptor;

// Where an entity or a link was seen: the earliest and latest report dates (as yyyymmdd numbers,
// compared once a report rather than as texts for millions of contributions) and the reports
// that gave them (the first seen on a tie).
struct Seen {
    std::uint32_t first = UINT32_MAX, last = 0;
    std::uint32_t first_report = kNone, last_report = kNone;
    void widen(std::uint32_t day, std::uint32_t report) {
        if (day == 0) return;
        if (day < first) first = day, first_report = report;
        if (day > last) last = day, last_report = report;
    }
    void widen(const Seen& other) {               // seen later
        if (other.first_report == kNone) return;  // no date
        widen(other.first, other.first_report);
        widen(other.last, other.last_report);
    }
};
std::uint32_t day_of(std::string_view date);  // yyyymmdd, 0 when it has no digits

// The entity view of some of the reports, before it is a graph: what each entity's reports say
// of its dates, and one link per entity pair and kind (key: kind << 56 | a << 28 | b, a < b,
// entities numbered in full-view order), in key order. A partitioned graph's ranks each make
// one of their share, and the root adds them up as it makes the view
// (distributed/partition.hpp).
struct ViewPart {
    std::vector<Seen> entities;  // by entity, in full-view order
    struct Link {
        std::uint64_t key = 0;
        double weight = 0;
        std::uint32_t count = 0;
        Seen seen;
        std::vector<Vertex> statements;  // ascending
    };
    std::vector<Link> links;
};
ViewPart contribute_entity_view(const KnowledgeGraph& graph, const EntityViewOptions& options);
// Adds `later`, the same pair and kind's link from later reports, to `link`.
void add_to_link(ViewPart::Link& link, const ViewPart::Link& later);
// A view made from parts: first its nodes (entity i is full-view vertex entities[i], seen as
// seen[i]), then its links one at a time in key order; dates are date_of(report).
using DateOf = std::function<std::string_view(std::uint32_t)>;
void add_view_entities(const std::vector<Seen>& seen, const std::vector<Vertex>& entities,
                       const DateOf& date_of, EntityGraph& view);
void add_view_link(ViewPart::Link&& link, const DateOf& date_of, EntityGraph& view);

// Every entity of the full view is a node (in full-view order); edges are ordered by kind and
// endpoints, so the view is the same whatever order the work was done in.
// Builds into `view`, which must be empty: Boost's adjacency_list has no move operations, and
// a copy of a large view takes seconds.
void build_entity_view(const KnowledgeGraph& graph, const EntityViewOptions& options,
                       EntityGraph& view);
EntityGraph build_entity_view(const KnowledgeGraph& graph, const EntityViewOptions& options = {});

}  // namespace signalkg
