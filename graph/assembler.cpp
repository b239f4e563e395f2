#include "graph/assembler.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>
#include <boost/graph/copy.hpp>

#include "ingest/text.hpp"
#include "parallel/parallel.hpp"
#include "text/escape.hpp"
#include "text/words.hpp"

namespace signalkg {

namespace {

const char* iri_kind_segment(NodeKind kind) {
    static constexpr const char* kSegments[] = {
        "article",  "entity",     "theme", "category",      "signal", "concern",
        "behavior", "technology", "issue", "driving-force", "entity"};
    return kSegments[static_cast<int>(kind)];
}

// Which items of a list equal an earlier one, found by sorting: a report may name thousands of
// keywords or Closest links, and a linear search per item made that quadratic (scaling_guard.py).
class RepeatFinder {
  public:
    // repeated[i]: whether items[i] equals some items[j], j < i.
    template <typename Item>
    const std::vector<char>& find(const std::vector<Item>& items) {
        order_.resize(items.size());
        std::iota(order_.begin(), order_.end(), 0u);
        // Equal items by position, so that the first of each run is the first named.
        std::sort(order_.begin(), order_.end(), [&](std::uint32_t a, std::uint32_t b) {
            return items[a] < items[b] || (items[a] == items[b] && a < b);
        });
        repeated_.assign(items.size(), 0);
        for (std::size_t k = 1; k < order_.size(); ++k)
            repeated_[order_[k]] = items[order_[k]] == items[order_[k - 1]];
        return repeated_;
    }

  private:
    std::vector<std::uint32_t> order_;
    std::vector<char> repeated_;
};

}  // namespace

Assembler::Assembler(const Config& config, std::vector<Diagnostic>& diagnostics)
    : g_(new KnowledgeGraph(config)), forms_(std::make_unique<SurfaceForms>()) {
    resolve_thesaurus(diagnostics);
    g_->observation_begin_.push_back(0);
}

Assembler::~Assembler() = default;

// One report: its article node, the nodes it names (merged by key) and its edges.
void Assembler::add(Report added) {
    const auto r = static_cast<std::uint32_t>(g_->reports_.size());
    g_->reports_.push_back(std::move(added));
    const Report& report = g_->reports_.back();
    g_->dates_.push(report.date);
    g_->observation_begin_.push_back(g_->observation_begin_.back() +
                                     static_cast<std::uint32_t>(report.statements.size()));
    const Vertex article = add_article(report.id, report.title, r);
    g_->graph_[article].articles = {r};

    // One edge per article and target, in the order they are first named.
    // (target, edge kind): the kind follows from the target, so pairs repeat when targets do.
    std::vector<std::pair<Vertex, EdgeKind>> named;
    const auto name = [&](NodeKind node, std::string_view label, EdgeKind edge) {
        named.emplace_back(intern(node, label, r), edge);
    };
    for (const std::string_view keyword : report.keywords)
        name(NodeKind::Entity, keyword, EdgeKind::Mentions);
    for (const std::string_view theme : report.themes)
        name(NodeKind::Theme, theme, EdgeKind::HasTheme);
    if (!trim(report.category).empty())
        name(NodeKind::Category, report.category, EdgeKind::InCategory);
    RepeatFinder repeats;
    const std::vector<char>& repeated = repeats.find(named);
    for (std::size_t i = 0; i < named.size(); ++i)
        if (!repeated[i]) g_->add_edge(article, named[i].first, {named[i].second, r, kNone});

    for (std::uint32_t s = 0; s < report.statements.size(); ++s) {
        const Statement& st = report.statements[s];
        const Vertex statement = intern(node_kind_of(st.kind), st.name, r);
        g_->observation_statement_.push_back(static_cast<std::uint32_t>(statement));
        g_->add_edge(article, statement, {edge_kind_of(st.kind), r, s});
        std::uint32_t force = kNone;
        if (!trim(st.driving_force).empty()) {
            force = static_cast<std::uint32_t>(intern(NodeKind::DrivingForce, st.driving_force, r));
            g_->add_edge(statement, force, {EdgeKind::DrivenBy, r, s});
        }
        g_->observation_force_.push_back(force);
    }
}

// Resolves every alias to its final entity key once, in time linear in the thesaurus. The
// members of a cycle all resolve to its smallest key; each cycle is reported once.
void Assembler::resolve_thesaurus(std::vector<Diagnostic>& diagnostics) {
    // Aliases by entity key, the rule every entity label is merged by (text/words.hpp).
    std::map<std::string, std::string> thesaurus;
    for (const auto& [alias, target] : g_->config_.thesaurus)
        thesaurus.emplace(entity_key(alias), target);
    for (const auto& [start, ignored] : thesaurus) {
        if (g_->aliases_.contains(start)) continue;
        std::vector<std::string> path;  // aliases met on this walk, not yet resolved
        std::unordered_set<std::string> on_path;
        std::string key = start;
        auto it = thesaurus.find(key);
        while (it != thesaurus.end() && !g_->aliases_.contains(key) && !on_path.contains(key)) {
            path.push_back(key);
            on_path.insert(key);
            key = entity_key(it->second);
            it = thesaurus.find(key);
        }
        KnowledgeGraph::Resolved resolved;
        if (const auto done = g_->aliases_.find(key); done != g_->aliases_.end()) {
            resolved = done->second;  // joins a chain resolved before
        } else if (it == thesaurus.end()) {
            resolved = {key, thesaurus.at(path.back())};  // ends at an entity
        } else {
            // `key` is on this walk: path[cycle..] is a cycle.
            const auto cycle = std::find(path.begin(), path.end(), key);
            const std::string smallest = *std::min_element(cycle, path.end());
            std::string text;
            for (auto step = cycle; step != path.end(); ++step)
                text += *step + " -> ";
            diagnostics.push_back({g_->config_.path.empty() ? "thesaurus" : g_->config_.path, 0,
                                   fmt::format("alias cycle {}{}; all of them are one entity, '{}'",
                                               text, key, smallest)});
            resolved = {smallest, std::string(smallest)};
            for (auto step = cycle; step != path.end(); ++step)
                if (entity_key(thesaurus.at(*step)) == smallest)
                    resolved.spelling = thesaurus.at(*step);
        }
        for (std::string& alias : path)
            g_->aliases_.emplace(std::move(alias), resolved);
    }
}

Vertex Assembler::node_of(NodeKind kind, std::string_view key) {
    const auto next = static_cast<std::uint32_t>(boost::num_vertices(g_->graph_));
    const auto [v, fresh] = g_->index_[static_cast<int>(kind)].find_or_insert(
        key, next, [&](std::uint32_t u) { return g_->node_key(u); });
    if (fresh) {
        boost::add_vertex(g_->graph_);
        NodeProperties& node = g_->graph_[v];
        node.kind = kind;
        node.key = key;
        ++g_->node_counts_[static_cast<int>(kind)];
    }
    return v;
}

Vertex Assembler::add_article(std::string_view id, std::string_view title, std::uint32_t report) {
    const Vertex v = boost::add_vertex(g_->graph_);
    NodeProperties& node = g_->graph_[v];
    node.kind = NodeKind::Article;
    node.key = id;
    node.label = title;
    node.report = report;
    ++g_->node_counts_[static_cast<int>(NodeKind::Article)];
    g_->article_vertices_.push_back(v);
    return v;
}

Vertex Assembler::add_remote_article(std::string_view id) {
    const Vertex v = boost::add_vertex(g_->graph_);
    NodeProperties& node = g_->graph_[v];
    node.kind = NodeKind::Article;
    node.key = id;
    remote_articles_.push_back(v);
    return v;
}

Vertex Assembler::add_remote_node(NodeKind kind, std::string_view key) {
    return node_of(kind, key);
}

void Assembler::renumber(const std::vector<std::uint32_t>& new_of) {
    KnowledgeGraph& g = *g_;
    const std::size_t n = boost::num_vertices(g.graph_);
    Graph renumbered(n);
    for (Vertex v = 0; v < n; ++v)
        renumbered[new_of[v]] = std::move(g.graph_[v]);
    for (const Edge e : boost::make_iterator_range(boost::edges(g.graph_)))
        boost::add_edge(new_of[boost::source(e, g.graph_)], new_of[boost::target(e, g.graph_)],
                        g.graph_[e], renumbered);
    g.graph_.clear();
    boost::copy_graph(renumbered, g.graph_);  // adjacency_list has no move (see KnowledgeGraph)
    for (auto* vertices : {&g.article_vertices_, &remote_articles_})
        for (Vertex& v : *vertices)
            v = new_of[v];
    for (std::uint32_t& v : g.observation_statement_)
        v = new_of[v];
    for (std::uint32_t& v : g.observation_force_)
        if (v != kNone) v = new_of[v];
    for (KeyIndex& index : g.index_)
        index = KeyIndex();
    for (Vertex v = 0; v < n; ++v) {
        const NodeProperties& node = g.graph_[v];
        if (node.kind == NodeKind::Article) continue;
        g.index_[static_cast<int>(node.kind)].find_or_insert(
            node.key, static_cast<std::uint32_t>(v),
            [&](std::uint32_t u) { return g.node_key(u); });
    }
}

Vertex Assembler::intern(NodeKind kind, std::string_view label, std::uint32_t report) {
    std::string_view alias_target;  // the thesaurus' spelling, when an alias was resolved
    thread_local std::string key;
    g_->key_of(kind, label, key, alias_target);
    const Vertex v = node_of(kind, key);
    forms_->add(v, trim(label), false, 1);
    if (!alias_target.empty()) forms_->add(v, alias_target, true, 0);
    auto& articles = g_->graph_[v].articles;
    if (articles.empty() || articles.back() != report) articles.push_back(report);
    return v;
}

void Assembler::set_surface_forms(SurfaceForms forms) {
    *forms_ = std::move(forms);
}

void Assembler::merge(Assembler&& shard) {
    KnowledgeGraph& from = *shard.g_;
    const auto offset = static_cast<std::uint32_t>(g_->reports_.size());
    const auto observations = g_->observation_begin_.back();
    // The shard's nodes, in its order: articles are new, other nodes merge by key. Nodes new
    // here come in the order the shard first saw them, as they would have one by one.
    std::vector<Vertex> to(boost::num_vertices(from.graph_));
    for (Vertex u = 0; u < to.size(); ++u) {
        const NodeProperties& node = from.graph_[u];
        const Vertex v = node.kind == NodeKind::Article
                             ? add_article(node.key, node.label, node.report + offset)
                             : node_of(node.kind, node.key);
        for (const std::uint32_t r : node.articles)  // all after this one's: still ascending
            g_->graph_[v].articles.push_back(r + offset);
        shard.forms_->for_each(u, [&](const SurfaceForms::Form& form) {
            forms_->add(v, form.text, form.pinned, form.count);
        });
        to[u] = v;
    }
    for (const Edge e : boost::make_iterator_range(boost::edges(from.graph_))) {
        EdgeProperties ep = from.graph_[e];
        if (ep.article != kNone) ep.article += offset;
        g_->add_edge(to[boost::source(e, from.graph_)], to[boost::target(e, from.graph_)], ep);
    }
    for (std::size_t r = 0; r < from.reports_.size(); ++r) {
        g_->dates_.push(from.dates_[r]);
        g_->observation_begin_.push_back(observations + from.observation_begin_[r + 1]);
        g_->reports_.push_back(std::move(from.reports_[r]));
    }
    for (const std::uint32_t statement : from.observation_statement_)
        g_->observation_statement_.push_back(static_cast<std::uint32_t>(to[statement]));
    for (const std::uint32_t force : from.observation_force_)
        g_->observation_force_.push_back(force == kNone ? kNone
                                                        : static_cast<std::uint32_t>(to[force]));
    shard.g_.reset();
    shard.forms_.reset();
}

std::unique_ptr<KnowledgeGraph> Assembler::finish(int jobs) && {
    Lap lap;
    // IRIs need only the nodes' kinds and keys, final now: made alongside what follows, which
    // changes labels and adds edges, never those.
    const auto make_iris = [this] {
        Lap iri_lap;
        g_->iris_.reserve(boost::num_vertices(g_->graph_));
        for (Vertex v = 0; v < boost::num_vertices(g_->graph_); ++v) {
            g_->iris_.buffer() += g_->config_.base_iri;
            g_->iris_.buffer() += iri_kind_segment(g_->graph_[v].kind);
            g_->iris_.buffer() += '/';
            g_->iris_.push(iri_segment(g_->graph_[v].key));
        }
        g_->stats_.iri_seconds = iri_lap();
    };
    WorkerThreads iris(jobs > 1 ? 1 : 0, 0, [&](int) { make_iris(); });
    if (jobs == 1) make_iris();
    // Closest links, once every article exists (a distributed build's remote ones too).
    KeyIndex article_of_id;  // ids are unique (read_corpus renames repeats)
    const auto id_of = [&](std::uint32_t v) { return g_->node_key(v); };
    for (const Vertex v : g_->article_vertices_)
        article_of_id.find_or_insert(g_->node_key(v), static_cast<std::uint32_t>(v), id_of);
    for (const Vertex v : remote_articles_)
        article_of_id.find_or_insert(g_->node_key(v), static_cast<std::uint32_t>(v), id_of);
    std::vector<std::string_view> targets;
    RepeatFinder repeats;
    for (std::uint32_t r = 0; r < g_->reports_.size(); ++r) {
        const std::vector<Link>& links = g_->reports_[r].closest;
        targets.clear();
        for (const Link& link : links)
            targets.push_back(link.target);
        const std::vector<char>& repeated = repeats.find(targets);
        for (std::size_t i = 0; i < links.size(); ++i) {
            const Link& link = links[i];
            if (link.target == g_->reports_[r].id || repeated[i]) continue;
            const std::uint32_t target = article_of_id.find(link.target, id_of);
            if (target != KeyIndex::kMissing) {
                g_->add_edge(g_->article_vertices_[r], target, {EdgeKind::SimilarTo, r, kNone});
            } else {
                g_->outside_links_.emplace_back(r, g_->article_iri(link.target));
            }
        }
    }

    // Preferred labels.
    std::vector<SurfaceForms::Form*> candidates;
    for (Vertex v = 0; v < forms_->nodes(); ++v) {
        forms_->by_preference(v, candidates);
        if (candidates.empty()) continue;
        g_->graph_[v].label = std::move(candidates.front()->text);
        for (auto it = std::next(candidates.begin()); it != candidates.end(); ++it)
            g_->graph_[v].alt_labels.push_back(std::move((*it)->text));
    }
    g_->labels_.reserve(boost::num_vertices(g_->graph_));
    for (Vertex v = 0; v < boost::num_vertices(g_->graph_); ++v)
        g_->labels_.push(g_->graph_[v].label);
    g_->stats_.assemble_seconds = lap();
    iris.join();
    forms_.reset();
    return std::move(g_);
}

}  // namespace signalkg
