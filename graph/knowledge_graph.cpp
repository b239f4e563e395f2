#include "graph/knowledge_graph.hpp"

#include <algorithm>
#include <map>
#include <atomic>
#include <chrono>
#include <numeric>
#include <thread>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "graph/entity_matcher.hpp"
#include "ingest/cpu_time.hpp"
#include "ingest/text.hpp"
#include "text/escape.hpp"
#include "text/words.hpp"

namespace signalkg {

const char* node_kind_name(NodeKind kind) {
    static constexpr const char* kNames[] = {"Article", "Entity",      "Theme",    "Category",
                                             "Signal",  "Concern",     "Behavior", "Technology",
                                             "Issue",   "DrivingForce"};
    return kNames[static_cast<int>(kind)];
}

const char* edge_kind_name(EdgeKind kind) {
    static constexpr const char* kNames[] = {
        "mentions",        "hasTheme",      "inCategory",
        "reportsSignal",   "raisesConcern", "describesBehavior",
        "citesTechnology", "raisesIssue",   "drivenBy",
        "similarTo",       "about"};
    return kNames[static_cast<int>(kind)];
}

NodeKind node_kind_of(StatementKind kind) {
    return static_cast<NodeKind>(static_cast<int>(NodeKind::Signal) + static_cast<int>(kind));
}

EdgeKind edge_kind_of(StatementKind kind) {
    return static_cast<EdgeKind>(static_cast<int>(EdgeKind::ReportsSignal) +
                                 static_cast<int>(kind));
}

namespace {

// Seconds since it was made or last called: the stages of BuildStats.
class Lap {
  public:
    double operator()() {
        const auto now = std::chrono::steady_clock::now();
        return std::chrono::duration<double>(now - std::exchange(last_, now)).count();
    }

  private:
    std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

const char* iri_kind_segment(NodeKind kind) {
    static constexpr const char* kSegments[] = {"article", "entity",       "theme",    "category",
                                                "signal",  "concern",      "behavior", "technology",
                                                "issue",   "driving-force"};
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

// Surface forms seen per node, to pick the preferred label once everything is read.
struct KnowledgeGraph::SurfaceForms {
    struct Form {
        std::string text;
        std::size_t count;
        bool pinned;  // the thesaurus' own spelling of an entity wins over counts
    };
    std::vector<std::vector<Form>> per_node;
    // A node seen in many spellings gets an index of them: a search through its list per label
    // made a node spelled in thousands of ways quadratic (scaling_guard.py).
    static constexpr std::size_t kIndexFrom = 16;
    std::unordered_map<Vertex, KeyIndex> indexed;

    void add(Vertex v, std::string_view text, bool pinned) {
        if (per_node.size() <= v) per_node.resize(v + 1);
        std::vector<Form>& forms = per_node[v];
        const auto seen = [&](Form& form) {
            ++form.count;
            form.pinned = form.pinned || pinned;
        };
        if (forms.size() < kIndexFrom) {
            for (Form& form : forms)
                if (form.text == text) return seen(form);
        } else {
            const auto text_of = [&](std::uint32_t i) { return std::string_view(forms[i].text); };
            KeyIndex& index = indexed[v];
            for (auto i = static_cast<std::uint32_t>(index.size()); i < forms.size(); ++i)
                index.find_or_insert(forms[i].text, i, text_of);  // the forms listed so far
            const auto [i, fresh] =
                index.find_or_insert(text, static_cast<std::uint32_t>(forms.size()), text_of);
            if (!fresh) return seen(forms[i]);
        }
        forms.push_back({std::string(text), pinned ? 0u : 1u, pinned});
    }
};

KnowledgeGraph::KnowledgeGraph(std::vector<Report> reports, const Config& config,
                               std::vector<Diagnostic>& diagnostics, int jobs)
    : KnowledgeGraph(
          [&](const auto& take) {
              for (Report& report : reports)
                  take(std::move(report));
          },
          config, diagnostics, jobs) {}

KnowledgeGraph::KnowledgeGraph(const ReportSource& source, const Config& config,
                               std::vector<Diagnostic>& diagnostics, int jobs)
    : config_(config) {
    resolve_thesaurus(diagnostics);
    SurfaceForms forms;
    observation_begin_.push_back(0);
    source([&](Report&& report) { add_report(std::move(report), forms); });
    Lap lap;
    // IRIs need only the nodes' kinds and keys, final now: made alongside what follows, which
    // changes labels and adds edges, never those.
    std::jthread iris;
    const auto make_iris = [this] {
        Lap iri_lap;
        iris_.reserve(boost::num_vertices(graph_));
        for (Vertex v = 0; v < boost::num_vertices(graph_); ++v) {
            iris_.buffer() += config_.base_iri;
            iris_.buffer() += iri_kind_segment(graph_[v].kind);
            iris_.buffer() += '/';
            iris_.push(iri_segment(graph_[v].key));
        }
        stats_.iri_seconds = iri_lap();
    };
    if (jobs > 1)
        iris = std::jthread(make_iris);
    else
        make_iris();
    // Closest links, once every article exists.
    KeyIndex report_of_id;  // ids are unique (read_corpus renames repeats)
    const auto id_of = [&](std::uint32_t r) { return std::string_view(reports_[r].id); };
    for (std::uint32_t r = 0; r < reports_.size(); ++r)
        report_of_id.find_or_insert(reports_[r].id, r, id_of);
    std::vector<std::string_view> targets;
    RepeatFinder repeats;
    for (std::uint32_t r = 0; r < reports_.size(); ++r) {
        const std::vector<Link>& links = reports_[r].closest;
        targets.clear();
        for (const Link& link : links)
            targets.push_back(link.target);
        const std::vector<char>& repeated = repeats.find(targets);
        for (std::size_t i = 0; i < links.size(); ++i) {
            const Link& link = links[i];
            if (link.target == reports_[r].id || repeated[i]) continue;
            const std::uint32_t target = report_of_id.find(link.target, id_of);
            if (target != KeyIndex::kMissing) {
                add_edge(article_vertices_[r], article_vertices_[target],
                         {EdgeKind::SimilarTo, r, kNone});
            } else {
                outside_links_.emplace_back(r, article_iri(link.target));
            }
        }
    }

    // Preferred labels: pinned first, then the most frequent, then the first seen.
    for (Vertex v = 0; v < forms.per_node.size(); ++v) {
        auto& candidates = forms.per_node[v];
        if (candidates.empty()) continue;
        std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
            if (a.pinned != b.pinned) return a.pinned;
            return a.count > b.count;
        });
        const auto first = candidates.begin();
        graph_[v].label = first->text;
        for (auto it = std::next(first); it != candidates.end(); ++it)
            graph_[v].alt_labels.push_back(std::move(it->text));
    }
    labels_.reserve(boost::num_vertices(graph_));
    for (Vertex v = 0; v < boost::num_vertices(graph_); ++v)
        labels_.push(graph_[v].label);
    stats_.assemble_seconds = lap();
    link_entities(jobs);
}

// One report: its article node, the nodes it names (merged by key) and its edges.
void KnowledgeGraph::add_report(Report added, SurfaceForms& forms) {
    const auto r = static_cast<std::uint32_t>(reports_.size());
    reports_.push_back(std::move(added));
    const Report& report = reports_.back();
    dates_.push(report.date);
    observation_begin_.push_back(observation_begin_.back() +
                                 static_cast<std::uint32_t>(report.statements.size()));
    const Vertex article = boost::add_vertex(graph_);
    NodeProperties& node = graph_[article];
    node.kind = NodeKind::Article;
    node.key = report.id;
    node.label = report.title;
    node.articles = {r};
    node.report = r;
    ++node_counts_[0];
    article_vertices_.push_back(article);

    // One edge per article and target, in the order they are first named.
    // (target, edge kind): the kind follows from the target, so pairs repeat when targets do.
    std::vector<std::pair<Vertex, EdgeKind>> named;
    const auto name = [&](NodeKind node, std::string_view label, EdgeKind edge) {
        named.emplace_back(intern(node, label, r, forms), edge);
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
        if (!repeated[i]) add_edge(article, named[i].first, {named[i].second, r, kNone});

    for (std::uint32_t s = 0; s < report.statements.size(); ++s) {
        const Statement& st = report.statements[s];
        const Vertex statement = intern(node_kind_of(st.kind), st.name, r, forms);
        observation_statement_.push_back(static_cast<std::uint32_t>(statement));
        add_edge(article, statement, {edge_kind_of(st.kind), r, s});
        if (!trim(st.driving_force).empty()) {
            const Vertex force = intern(NodeKind::DrivingForce, st.driving_force, r, forms);
            add_edge(statement, force, {EdgeKind::DrivenBy, r, s});
        }
    }
}

// Resolves every alias to its final entity key once, in time linear in the thesaurus. The
// members of a cycle all resolve to its smallest key; each cycle is reported once.
void KnowledgeGraph::resolve_thesaurus(std::vector<Diagnostic>& diagnostics) {
    // Aliases by entity key, the rule every entity label is merged by (text/words.hpp).
    std::map<std::string, std::string> thesaurus;
    for (const auto& [alias, target] : config_.thesaurus)
        thesaurus.emplace(entity_key(alias), target);
    for (const auto& [start, ignored] : thesaurus) {
        if (aliases_.contains(start)) continue;
        std::vector<std::string> path;  // aliases met on this walk, not yet resolved
        std::unordered_set<std::string> on_path;
        std::string key = start;
        auto it = thesaurus.find(key);
        while (it != thesaurus.end() && !aliases_.contains(key) && !on_path.contains(key)) {
            path.push_back(key);
            on_path.insert(key);
            key = entity_key(it->second);
            it = thesaurus.find(key);
        }
        Resolved resolved;
        if (const auto done = aliases_.find(key); done != aliases_.end()) {
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
            diagnostics.push_back({config_.path.empty() ? "thesaurus" : config_.path, 0,
                                   fmt::format("alias cycle {}{}; all of them are one entity, '{}'",
                                               text, key, smallest)});
            resolved = {smallest, std::string(smallest)};
            for (auto step = cycle; step != path.end(); ++step)
                if (entity_key(thesaurus.at(*step)) == smallest)
                    resolved.spelling = thesaurus.at(*step);
        }
        for (std::string& alias : path)
            aliases_.emplace(std::move(alias), resolved);
    }
}

void KnowledgeGraph::key_of(NodeKind kind, std::string_view label, std::string& key,
                            std::string_view& alias_spelling) const {
    key.clear();
    if (kind != NodeKind::Entity) return append_normalized_key(key, label);
    // Entities merge exactly when the matcher cannot tell their labels apart: "Job-Cuts",
    // "job cuts" and "job cut" are one.
    append_entity_key(key, label);
    if (const auto alias = aliases_.find(key); alias != aliases_.end()) {
        key = alias->second.key;
        alias_spelling = alias->second.spelling;
    }
}

Vertex KnowledgeGraph::intern(NodeKind kind, std::string_view label, std::uint32_t report,
                              SurfaceForms& forms) {
    std::string_view alias_target;  // the thesaurus' spelling, when an alias was resolved
    thread_local std::string key;
    key_of(kind, label, key, alias_target);
    const auto next = static_cast<std::uint32_t>(boost::num_vertices(graph_));
    const auto [v, fresh] = index_[static_cast<int>(kind)].find_or_insert(
        key, next, [&](std::uint32_t u) { return node_key(u); });
    if (fresh) {
        boost::add_vertex(graph_);
        NodeProperties& node = graph_[v];
        node.kind = kind;
        node.key = key;
        ++node_counts_[static_cast<int>(kind)];
    }
    forms.add(v, trim(label), false);
    if (!alias_target.empty()) forms.add(v, alias_target, true);
    auto& articles = graph_[v].articles;
    if (articles.empty() || articles.back() != report) articles.push_back(report);
    return v;
}

void KnowledgeGraph::add_edge(Vertex from, Vertex to, EdgeProperties properties) {
    ++edge_counts_[static_cast<int>(properties.kind)];
    boost::add_edge(from, to, properties, graph_);
}

FoundLists::List FoundLists::keep(std::uint32_t block, std::vector<std::uint32_t>& list) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    std::vector<std::uint32_t>& buffer = buffers_[block];
    const List kept{block, static_cast<std::uint32_t>(buffer.size()),
                    static_cast<std::uint32_t>(list.size())};
    buffer.insert(buffer.end(), list.begin(), list.end());
    return kept;
}

namespace {

// Calls work(block, begin, end, scratch) for the blocks of `size` items of [0, count), on `jobs`
// threads; `scratch` is a vector of the calling thread's, to reuse. Returns the CPU time of the
// threads it started.
template <typename Work>
double for_each_block(std::size_t count, std::size_t size, int jobs, const Work& work) {
    std::atomic<std::size_t> next{0};
    const auto run = [&] {
        std::vector<std::uint32_t> scratch;
        for (std::size_t begin; (begin = next.fetch_add(size)) < count;)
            work(static_cast<std::uint32_t>(begin / size), begin, std::min(begin + size, count),
                 scratch);
    };
    std::atomic<double> helpers_cpu{0};
    {
        std::vector<std::jthread> pool;
        for (int t = 1; t < jobs; ++t)
            pool.emplace_back([&] {
                run();
                helpers_cpu += thread_cpu_seconds();
            });
        run();
    }
    return helpers_cpu;
}

}  // namespace

void KnowledgeGraph::link_entities(int jobs) {
    Lap lap;
    const double cpu_started = thread_cpu_seconds();
    double helpers_cpu = 0;  // CPU time of the threads started here
    EntityMatcher matcher(config_.max_acronym_length);
    // Stop-entities compare case-insensitively, except acronyms: stopping "it" keeps "IT".
    std::unordered_set<std::string> stop;
    for (const std::string& word : config_.stop_entities)
        stop.insert(matcher.is_acronym(word) ? word : entity_key(word));
    const auto usable = [&](std::string_view form) {
        form = trim(form);
        return static_cast<int>(form.size()) >= config_.min_entity_length &&
               !stop.contains(matcher.is_acronym(form) ? std::string(form) : entity_key(form));
    };
    // The matcher finds entity vertices: every list below holds vertices.
    const Vertex n = boost::num_vertices(graph_);
    for (Vertex v = 0; v < n; ++v) {
        const NodeProperties& node = graph_[v];
        if (node.kind != NodeKind::Entity) continue;
        const auto entity = static_cast<std::uint32_t>(v);
        if (usable(node.label)) matcher.add(node.label, entity);
        for (const std::string& alt : node.alt_labels)
            if (usable(alt)) matcher.add(alt, entity);
    }
    for (const auto& [alias, target] : config_.thesaurus) {
        const std::uint32_t v = find(NodeKind::Entity, target);
        if (v != kNone && usable(alias)) matcher.add(alias, v);
    }
    matcher.build();
    stats_.dictionary_forms = matcher.forms();
    stats_.dictionary_seconds = lap();

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
    const auto is_linked = [&](Vertex v) {  // statements and driving forces
        const NodeKind kind = graph_[v].kind;
        return kind != NodeKind::Article && kind != NodeKind::Entity && kind != NodeKind::Theme &&
               kind != NodeKind::Category;
    };
    std::atomic<std::size_t> texts{0};
    const auto scan = [&](std::string_view text, std::vector<std::uint32_t>& out) {
        if (text.empty()) return 0;
        matcher.find(text, out);
        return 1;
    };
    constexpr std::size_t kVertexBlock = 256, kReportBlock = 64;

    FoundLists names((n + kVertexBlock - 1) / kVertexBlock);
    std::vector<FoundLists::List> named(n);
    helpers_cpu += for_each_block(n, kVertexBlock, jobs,
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
        for_each_block(reports_.size(), kReportBlock, jobs,
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
        n, kVertexBlock, jobs,
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
    // Room for every about edge at once: growing the edge list by doubling copied it whole.
    // (m_edges, m_vertices and out_edge_list are public in Boost's vecS adjacency_list.)
    std::vector<std::uint32_t> in_about(n, 0);
    for (const FoundLists::List& list : found) {
        stats_.about_edges += list.size;
        for (const std::uint32_t entity : about_lists[list])
            ++in_about[entity];
    }
    graph_.m_edges.reserve(graph_.m_edges.size() + stats_.about_edges);
    for (Vertex v = 0; v < n; ++v) {
        if (in_about[v] == 0) continue;
        auto& in_edges = graph_.m_vertices[v].m_in_edges;
        in_edges.reserve(in_edges.size() + in_about[v]);
    }
    for (Vertex v = 0; v < n; ++v) {
        if (found[v].size == 0) continue;
        graph_.out_edge_list(v).reserve(boost::out_degree(v, graph_) + found[v].size);
        for (const std::uint32_t entity : about_lists[found[v]])
            add_edge(v, entity, {EdgeKind::About, kNone, kNone});
    }
    stats_.about_seconds = lap();
    stats_.link_cpu_seconds = thread_cpu_seconds() - cpu_started + helpers_cpu;
}

std::uint32_t KnowledgeGraph::find(NodeKind kind, std::string_view label) const {
    if (kind == NodeKind::Article) {
        for (std::uint32_t r = 0; r < reports_.size(); ++r)
            if (reports_[r].id == label) return static_cast<std::uint32_t>(article_vertices_[r]);
        return kNone;
    }
    std::string key;
    std::string_view spelling;
    key_of(kind, label, key, spelling);
    const std::uint32_t v =
        index_[static_cast<int>(kind)].find(key, [&](std::uint32_t u) { return node_key(u); });
    return v == KeyIndex::kMissing ? kNone : v;
}

std::string KnowledgeGraph::article_iri(std::string_view report_id) const {
    if (report_id.find("://") != std::string_view::npos) {
        std::string iri;  // an outside IRI: kept
        append_iri_escaped(iri, report_id);
        return iri;
    }
    return config_.base_iri + "article/" + iri_segment(report_id);
}

std::string KnowledgeGraph::observation_iri(std::uint32_t report, std::uint32_t statement) const {
    return fmt::format("{}observation/{}/{}", config_.base_iri, iri_segment(reports_[report].id),
                       statement + 1);
}

}  // namespace signalkg
