#include "graph/entity_view.hpp"

#include <algorithm>
#include <unordered_map>

namespace signalkg {

const char* link_kind_name(LinkKind kind) {
    static constexpr const char* kNames[] = {"signal", "concern",       "behavior", "technology",
                                             "issue",  "driving-force", "article"};
    return kNames[static_cast<int>(kind)];
}

namespace {

void widen(std::string_view& first, std::string_view& last, std::string_view date) {
    if (date.empty()) return;
    if (first.empty() || date < first) first = date;
    if (last.empty() || date > last) last = date;
}

// What some observations add to an edge.
struct Contribution {
    double weight = 0;
    std::uint32_t count = 0;
    std::string_view first, last;

    void add(const Contribution& other) {
        weight += other.weight;
        count += other.count;
        widen(first, last, other.first);
        widen(first, last, other.last);
    }
};

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
        // Edges in key order (kind, then endpoints): the same view whatever the hash order.
        std::vector<std::uint64_t> keys;
        keys.reserve(links_.size());
        for (const auto& [key, link] : links_)
            keys.push_back(key);
        std::sort(keys.begin(), keys.end());
        for (const std::uint64_t key : keys) {
            EntityLink& link = links_[key];
            std::sort(link.statements.begin(), link.statements.end());
            link.statements.erase(std::unique(link.statements.begin(), link.statements.end()),
                                  link.statements.end());
            boost::add_edge((key >> 28) & 0xFFFFFFF, key & 0xFFFFFFF, std::move(link), view_);
        }
        return std::move(view_);
    }

  private:
    // Entities a statement or driving force is about, as view vertices.
    std::vector<std::uint32_t> about(Vertex v) const {
        std::vector<std::uint32_t> entities;
        for (const Edge e : boost::make_iterator_range(boost::out_edges(v, g_)))
            if (g_[e].kind == EdgeKind::About)
                entities.push_back(view_index_[boost::target(e, g_)]);
        return entities;
    }

    // Adds `count` contributions of total `weight`, seen between the dates, to one pair's edge.
    void add(LinkKind kind, std::uint32_t a, std::uint32_t b, const Contribution& c,
             Vertex statement) {
        if (a == b) return;
        if (a > b) std::swap(a, b);
        const std::uint64_t key =
            (std::uint64_t{static_cast<std::uint8_t>(kind)} << 56) | (std::uint64_t{a} << 28) | b;
        EntityLink& link = links_[key];
        link.kind = kind;
        link.weight += c.weight;
        link.count += c.count;
        widen(link.first_seen, link.last_seen, c.first);
        widen(link.first_seen, link.last_seen, c.last);
        // Contributions of one statement arrive together: keep each statement once.
        if (statement != kNone && (link.statements.empty() || link.statements.back() != statement))
            link.statements.push_back(statement);
    }

    void statement(Vertex v) {
        const auto kind = static_cast<LinkKind>(static_cast<int>(g_[v].kind) -
                                                static_cast<int>(NodeKind::Signal));
        const bool own = options_.enabled_kind(kind);
        const bool forces =
            kind == LinkKind::Signal && options_.enabled_kind(LinkKind::DrivingForce);
        if (!own && !forces) return;
        const std::vector<std::uint32_t> entities = about(v);
        if (entities.empty()) return;
        // Each report that said it adds its relevancy (1 when absent) and one to the count:
        // summed over the observations first, then added once per entity pair.
        if (own) {
            Contribution total;
            for (const Edge e : boost::make_iterator_range(boost::in_edges(v, g_)))
                total.add(observation(g_[e]));
            for (std::size_t i = 0; i < entities.size(); ++i)
                for (std::size_t j = i + 1; j < entities.size(); ++j)
                    add(kind, entities[i], entities[j], total, v);
        }
        if (!forces) return;
        // Driving forces: per force, the observations that named it.
        std::vector<std::pair<Vertex, Contribution>> per_force;
        for (const Edge e : boost::make_iterator_range(boost::out_edges(v, g_))) {
            if (g_[e].kind != EdgeKind::DrivenBy) continue;
            const Vertex force = boost::target(e, g_);
            auto it = std::find_if(per_force.begin(), per_force.end(),
                                   [&](const auto& f) { return f.first == force; });
            if (it == per_force.end())
                it = per_force.insert(per_force.end(), {force, Contribution{}});
            it->second.add(observation(g_[e]));
        }
        for (const auto& [force, contribution] : per_force)
            for (const std::uint32_t force_entity : about(force))
                for (const std::uint32_t entity : entities)
                    add(LinkKind::DrivingForce, force_entity, entity, contribution, v);
    }

    Contribution observation(const EdgeProperties& ep) const {
        const Statement& st = kg_.reports()[ep.article].statements[ep.statement];
        const std::string& date = kg_.reports()[ep.article].date;
        return {st.relevancy ? static_cast<double>(*st.relevancy) : 1.0, 1, date, date};
    }

    void article(Vertex v) {
        std::vector<std::uint32_t> entities;
        for (const Edge e : boost::make_iterator_range(boost::out_edges(v, g_)))
            if (g_[e].kind == EdgeKind::Mentions)
                entities.push_back(view_index_[boost::target(e, g_)]);
        const std::string& date = kg_.reports()[g_[v].report].date;
        const Contribution one{1.0, 1, date, date};
        for (std::size_t i = 0; i < entities.size(); ++i)
            for (std::size_t j = i + 1; j < entities.size(); ++j)
                add(LinkKind::Article, entities[i], entities[j], one, kNone);
    }

    const KnowledgeGraph& kg_;
    const Graph& g_;
    const EntityViewOptions& options_;
    std::vector<std::uint32_t> view_index_;  // full-view vertex -> view vertex (entities only)
    EntityGraph view_;
    std::unordered_map<std::uint64_t, EntityLink> links_;  // (kind, a, b) packed, a < b
};

}  // namespace

EntityGraph build_entity_view(const KnowledgeGraph& graph, const EntityViewOptions& options) {
    return ViewBuilder(graph, options).run();
}

}  // namespace signalkg
