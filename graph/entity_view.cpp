#include "graph/entity_view.hpp"

#include <algorithm>
#include <iterator>
#include <span>

namespace signalkg {

const char* link_kind_name(LinkKind kind) {
    static constexpr const char* kNames[] = {"signal", "concern",       "behavior", "technology",
                                             "issue",  "driving-force", "article"};
    return kNames[static_cast<int>(kind)];
}

std::uint32_t day_of(std::string_view date) {
    std::uint32_t day = 0;
    for (const char c : date)
        if (c >= '0' && c <= '9') day = day * 10 + static_cast<std::uint32_t>(c - '0');
    return day;
}

namespace {

// One observation's contribution to one entity pair's edge of one kind.
struct Contribution {
    std::uint64_t key;        // kind << 56 | a << 28 | b, a < b (view vertices)
    std::uint32_t statement;  // the statement behind it (full-view vertex), or kNone
    std::uint32_t report;     // the report that said it
    float weight;             // its relevancy (1 where absent), or 1 for co-occurrence
};

class ViewBuilder {
  public:
    ViewBuilder(const KnowledgeGraph& kg, const EntityViewOptions& options)
        : kg_(kg), g_(kg.graph()), options_(options), view_index_(boost::num_vertices(g_), kNone) {
        days_.reserve(kg.reports().size());
        for (std::uint32_t r = 0; r < kg.reports().size(); ++r)
            days_.push_back(day_of(kg.date(r)));
    }

    ViewPart run() {
        ViewPart part;
        for (Vertex v = 0; v < boost::num_vertices(g_); ++v) {
            if (g_[v].kind != NodeKind::Entity) continue;
            view_index_[v] = static_cast<std::uint32_t>(part.entities.size());
            Seen& seen = part.entities.emplace_back();
            for (const std::uint32_t r : g_[v].articles)
                seen.widen(days_[r], r);
        }
        for (Vertex v = 0; v < boost::num_vertices(g_); ++v) {
            const NodeKind kind = g_[v].kind;
            if (is_statement_kind(kind)) statement(v);
            if (kind == NodeKind::Article && options_.enabled_kind(LinkKind::Article)) article(v);
        }
        // Sorted by pair, then statement: each link's contributions are one run, in the same
        // order whatever order they were made in.
        std::sort(contributions_.begin(), contributions_.end(), [](const auto& x, const auto& y) {
            return x.key != y.key ? x.key < y.key : x.statement < y.statement;
        });
        for (auto run = contributions_.begin(); run != contributions_.end();) {
            ViewPart::Link& link = part.links.emplace_back();
            link.key = run->key;
            for (; run != contributions_.end() && run->key == link.key; ++run) {
                link.weight += run->weight;
                ++link.count;
                link.seen.widen(days_[run->report], run->report);
                if (run->statement != kNone &&
                    (link.statements.empty() || link.statements.back() != run->statement))
                    link.statements.push_back(run->statement);
            }
        }
        return part;
    }

  private:
    // Entities as view vertices, at most kMaxPairedEntities of them (see the header).
    std::vector<std::uint32_t> in_view(std::span<const std::uint32_t> entities) const {
        std::vector<std::uint32_t> out;
        const std::size_t n = std::min(entities.size(), kMaxPairedEntities);
        out.reserve(n);
        for (std::size_t i = 0; i < n; ++i)
            out.push_back(view_index_[entities[i]]);
        return out;
    }

    void add(LinkKind kind, std::uint32_t a, std::uint32_t b, Vertex statement,
             std::uint32_t report, float weight) {
        if (a == b) return;
        if (a > b) std::swap(a, b);
        const std::uint64_t key =
            (std::uint64_t{static_cast<std::uint8_t>(kind)} << 56) | (std::uint64_t{a} << 28) | b;
        contributions_.push_back({key, static_cast<std::uint32_t>(statement), report, weight});
    }

    // Each report's row about a statement pairs the entities that row is about; a driving force
    // pairs its entities with that row's.
    void statement(Vertex v) {
        const auto kind = static_cast<LinkKind>(static_cast<int>(g_[v].kind) -
                                                static_cast<int>(NodeKind::Signal));
        const bool own = options_.enabled_kind(kind);
        const bool forces =
            kind == LinkKind::Signal && options_.enabled_kind(LinkKind::DrivingForce);
        if (!own && !forces) return;
        const auto row_entities = [&](const EdgeProperties& ep) {
            return in_view(kg_.observation_entities(ep.article, ep.statement));
        };
        if (own) {
            for (const Edge e : boost::make_iterator_range(boost::in_edges(v, g_))) {
                const EdgeProperties& ep = g_[e];
                const std::vector<std::uint32_t> entities = row_entities(ep);
                const float weight = relevancy(ep);
                for (std::size_t i = 0; i < entities.size(); ++i)
                    for (std::size_t j = i + 1; j < entities.size(); ++j)
                        add(kind, entities[i], entities[j], v, ep.article, weight);
            }
        }
        if (!forces) return;
        for (const Edge e : boost::make_iterator_range(boost::out_edges(v, g_))) {
            const EdgeProperties& ep = g_[e];
            if (ep.kind != EdgeKind::DrivenBy) continue;
            std::vector<std::uint32_t> force_entities;
            for (const Edge a :
                 boost::make_iterator_range(boost::out_edges(boost::target(e, g_), g_)))
                if (g_[a].kind == EdgeKind::About)
                    force_entities.push_back(view_index_[boost::target(a, g_)]);
            force_entities.resize(std::min(force_entities.size(), kMaxPairedEntities));
            const std::vector<std::uint32_t> entities = row_entities(ep);
            const float weight = relevancy(ep);
            for (const std::uint32_t force_entity : force_entities)
                for (const std::uint32_t entity : entities)
                    add(LinkKind::DrivingForce, force_entity, entity, v, ep.article, weight);
        }
    }

    float relevancy(const EdgeProperties& ep) const {
        const Statement& st = kg_.observation(ep);
        return st.relevancy ? static_cast<float>(*st.relevancy) : 1.0f;
    }

    void article(Vertex v) {
        std::vector<std::uint32_t> entities;
        for (const Edge e : boost::make_iterator_range(boost::out_edges(v, g_)))
            if (g_[e].kind == EdgeKind::Mentions && entities.size() < kMaxPairedEntities)
                entities.push_back(view_index_[boost::target(e, g_)]);
        for (std::size_t i = 0; i < entities.size(); ++i)
            for (std::size_t j = i + 1; j < entities.size(); ++j)
                add(LinkKind::Article, entities[i], entities[j], kNone, g_[v].report, 1.0f);
    }

    const KnowledgeGraph& kg_;
    const Graph& g_;
    const EntityViewOptions& options_;
    std::vector<std::uint32_t> view_index_;  // full-view vertex -> view vertex (entities only)
    std::vector<Contribution> contributions_;
    std::vector<std::uint32_t> days_;  // report -> day_of(its date)
};

}  // namespace

ViewPart contribute_entity_view(const KnowledgeGraph& graph, const EntityViewOptions& options) {
    return ViewBuilder(graph, options).run();
}

void add_to_link(ViewPart::Link& link, const ViewPart::Link& later) {
    link.weight += later.weight;
    link.count += later.count;
    link.seen.widen(later.seen);
    std::vector<Vertex> statements;
    std::set_union(link.statements.begin(), link.statements.end(), later.statements.begin(),
                   later.statements.end(), std::back_inserter(statements));
    link.statements = std::move(statements);
}

namespace {

void set_dates(const Seen& seen, const DateOf& date_of, std::string_view& first,
               std::string_view& last) {
    if (seen.first_report != kNone) first = date_of(seen.first_report);
    if (seen.last_report != kNone) last = date_of(seen.last_report);
}

}  // namespace

void add_view_entities(const std::vector<Seen>& seen, const std::vector<Vertex>& entities,
                       const DateOf& date_of, EntityGraph& view) {
    for (std::size_t e = 0; e < entities.size(); ++e) {
        EntityNode& node = view[boost::add_vertex(view)];
        node.entity = entities[e];
        set_dates(seen[e], date_of, node.first_seen, node.last_seen);
    }
}

void add_view_link(ViewPart::Link&& from, const DateOf& date_of, EntityGraph& view) {
    EntityLink link;
    link.kind = static_cast<LinkKind>(from.key >> 56);
    link.weight = from.weight;
    link.count = from.count;
    set_dates(from.seen, date_of, link.first_seen, link.last_seen);
    link.statements = std::move(from.statements);
    boost::add_edge((from.key >> 28) & 0xFFFFFFF, from.key & 0xFFFFFFF, std::move(link), view);
}

void build_entity_view(const KnowledgeGraph& graph, const EntityViewOptions& options,
                       EntityGraph& view) {
    std::vector<Vertex> entities;
    for (Vertex v = 0; v < boost::num_vertices(graph.graph()); ++v)
        if (graph.graph()[v].kind == NodeKind::Entity) entities.push_back(v);
    ViewPart part = contribute_entity_view(graph, options);
    const DateOf date_of = [&](std::uint32_t r) { return graph.date(r); };
    add_view_entities(part.entities, entities, date_of, view);
    for (ViewPart::Link& link : part.links)
        add_view_link(std::move(link), date_of, view);
}

EntityGraph build_entity_view(const KnowledgeGraph& graph, const EntityViewOptions& options) {
    EntityGraph view;  // returned without a copy (NRVO)
    build_entity_view(graph, options, view);
    return view;
}

}  // namespace signalkg
