#include "graph/entity_view.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace signalkg {

const char* link_kind_name(LinkKind kind) {
    static constexpr const char* kNames[] = {"signal", "concern", "behavior", "technology",
                                             "issue",  "driving-force", "article"};
    return kNames[static_cast<int>(kind)];
}

namespace {

void widen(std::string& first, std::string& last, const std::string& date) {
    if (date.empty()) return;
    if (first.empty() || date < first) first = date;
    if (last.empty() || date > last) last = date;
}

class ViewBuilder {
public:
    ViewBuilder(const KnowledgeGraph& kg, const EntityViewOptions& options)
        : kg_(kg), g_(kg.graph()), options_(options), view_index_(boost::num_vertices(g_), kNone) {}

    EntityGraph run() {
        for (Vertex v = 0; v < boost::num_vertices(g_); ++v) {
            if (g_[v].kind != NodeKind::Entity) continue;
            view_index_[v] = static_cast<std::uint32_t>(boost::add_vertex(view_));
            EntityNode& node = view_[view_index_[v]];
            node.entity = v;
            for (const std::uint32_t r : g_[v].articles)
                widen(node.first_seen, node.last_seen, kg_.reports()[r].date);
        }
        for (Vertex v = 0; v < boost::num_vertices(g_); ++v) {
            const NodeKind kind = g_[v].kind;
            if (kind >= NodeKind::Signal && kind <= NodeKind::Issue) statement(v);
            if (kind == NodeKind::Article && options_.enabled_kind(LinkKind::Article)) article(v);
        }
        for (auto& [key, link] : links_) {
            std::sort(link.statements.begin(), link.statements.end());
            link.statements.erase(std::unique(link.statements.begin(), link.statements.end()),
                                  link.statements.end());
            boost::add_edge(std::get<1>(key), std::get<2>(key), std::move(link), view_);
        }
        return std::move(view_);
    }

private:
    // Entities a statement or driving force is about, as view vertices.
    std::vector<std::uint32_t> about(Vertex v) const {
        std::vector<std::uint32_t> entities;
        for (const Edge e : boost::make_iterator_range(boost::out_edges(v, g_)))
            if (g_[e].kind == EdgeKind::About) entities.push_back(view_index_[boost::target(e, g_)]);
        return entities;
    }

    void add(LinkKind kind, std::uint32_t a, std::uint32_t b, double weight, const std::string& date,
             Vertex statement) {
        if (a == b) return;
        if (a > b) std::swap(a, b);
        EntityLink& link = links_[{kind, a, b}];
        link.kind = kind;
        link.weight += weight;
        ++link.count;
        widen(link.first_seen, link.last_seen, date);
        if (statement != kNone) link.statements.push_back(statement);
    }

    void statement(Vertex v) {
        const auto kind = static_cast<LinkKind>(static_cast<int>(g_[v].kind) -
                                                static_cast<int>(NodeKind::Signal));
        const bool own = options_.enabled_kind(kind);
        const bool forces = kind == LinkKind::Signal && options_.enabled_kind(LinkKind::DrivingForce);
        if (!own && !forces) return;
        const std::vector<std::uint32_t> entities = about(v);
        if (entities.empty()) return;
        // One contribution per observation: each report that said it adds its relevancy.
        for (const Edge e : boost::make_iterator_range(boost::in_edges(v, g_))) {
            const EdgeProperties& ep = g_[e];
            const Statement& st = kg_.reports()[ep.article].statements[ep.statement];
            const double weight = st.relevancy ? *st.relevancy : 1;
            const std::string& date = kg_.reports()[ep.article].date;
            if (own) {
                for (std::size_t i = 0; i < entities.size(); ++i)
                    for (std::size_t j = i + 1; j < entities.size(); ++j)
                        add(kind, entities[i], entities[j], weight, date, v);
            }
        }
        if (!forces) return;
        for (const Edge e : boost::make_iterator_range(boost::out_edges(v, g_))) {
            const EdgeProperties& ep = g_[e];
            if (ep.kind != EdgeKind::DrivenBy) continue;
            const Statement& st = kg_.reports()[ep.article].statements[ep.statement];
            const double weight = st.relevancy ? *st.relevancy : 1;
            for (const std::uint32_t force_entity : about(boost::target(e, g_)))
                for (const std::uint32_t entity : entities)
                    add(LinkKind::DrivingForce, force_entity, entity, weight,
                        kg_.reports()[ep.article].date, v);
        }
    }

    void article(Vertex v) {
        std::vector<std::uint32_t> entities;
        for (const Edge e : boost::make_iterator_range(boost::out_edges(v, g_)))
            if (g_[e].kind == EdgeKind::Mentions) entities.push_back(view_index_[boost::target(e, g_)]);
        const std::string& date = kg_.reports()[g_[v].report].date;
        for (std::size_t i = 0; i < entities.size(); ++i)
            for (std::size_t j = i + 1; j < entities.size(); ++j)
                add(LinkKind::Article, entities[i], entities[j], 1, date, kNone);
    }

    const KnowledgeGraph& kg_;
    const Graph& g_;
    const EntityViewOptions& options_;
    std::vector<std::uint32_t> view_index_;  // full-view vertex -> view vertex (entities only)
    EntityGraph view_;
    std::map<std::tuple<LinkKind, std::uint32_t, std::uint32_t>, EntityLink> links_;
};

}  // namespace

EntityGraph build_entity_view(const KnowledgeGraph& graph, const EntityViewOptions& options) {
    return ViewBuilder(graph, options).run();
}

}  // namespace signalkg
