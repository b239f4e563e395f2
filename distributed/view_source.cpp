#include "distributed/view_source.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>

#include "distributed/wire.hpp"

namespace signalkg::distributed {

namespace {

constexpr std::array<NodeKind, 2> kRanked = {NodeKind::Concern, NodeKind::Signal};

// Its place in kRanked, or kRanked.size().
std::size_t ranked_index(NodeKind kind) {
    return static_cast<std::size_t>(std::find(kRanked.begin(), kRanked.end(), kind) -
                                    kRanked.begin());
}

// Nodes a rank is first for, by kind; edges of its reports, and the about edges (of no report)
// of statements it is first for, by kind: the whole graph's counts once summed.
void count_kinds(Cluster& cluster, const Partition& partition, CorpusSummary& d) {
    const Graph& g = partition.graph->graph();
    std::vector<std::uint64_t> counts(kNodeKinds + kEdgeKinds, 0);
    for (Vertex v = 0; v < boost::num_vertices(g); ++v)
        if (partition.first[v]) ++counts[static_cast<int>(g[v].kind)];
    for (const Edge e : boost::make_iterator_range(boost::edges(g)))
        if (g[e].article != kNone || partition.first[boost::source(e, g)])
            ++counts[kNodeKinds + static_cast<int>(g[e].kind)];
    cluster.sum(std::span(counts));
    d.full_nodes = partition.vertices;
    for (int k = 0; k < kNodeKinds; ++k)
        d.nodes_by_kind.emplace_back(node_kind_name(static_cast<NodeKind>(k)), counts[k]);
    for (int k = 0; k < kEdgeKinds; ++k) {
        d.edges_by_kind.emplace_back(edge_kind_name(static_cast<EdgeKind>(k)),
                                     counts[kNodeKinds + k]);
        d.full_edges += counts[kNodeKinds + k];
    }
}

// At the root, from every report's date.
void count_dates(const TextTable& dates, CorpusSummary& d) {
    std::map<std::string, std::size_t> years;
    for (std::size_t r = 0; r < dates.size(); ++r) {
        const std::string_view date = dates[r];
        if (date.empty()) continue;
        if (d.first_date.empty() || date < d.first_date) d.first_date = date;
        if (d.last_date.empty() || date > d.last_date) d.last_date = date;
        ++years[std::string(date.substr(0, 4))];
    }
    d.documents_per_year.assign(years.begin(), years.end());
}

// A recurring statement's place in a ranking, as corpus_summary ranks them.
struct Candidate {
    std::uint32_t number = 0;
    std::uint64_t reports = 0;
    double mean = 0;
    bool operator<(const Candidate& o) const {
        if (reports != o.reports) return reports > o.reports;
        if (mean != o.mean) return mean > o.mean;
        return number < o.number;
    }
};

void keep_top(std::vector<Candidate>& candidates, std::size_t top) {
    const std::size_t kept = std::min(top, candidates.size());
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(kept),
                      candidates.end());
    candidates.resize(kept);
}

// The `top` recurring statements of each ranked kind, at the root (unlabelled). A statement
// named on one rank only is ranked there; the observations of one named on several are added
// up at an owner rank (by its number), which ranks it. Each rank sends the root its best.
std::array<std::vector<Candidate>, kRanked.size()> rank_recurring(Cluster& cluster,
                                                                  const Partition& partition,
                                                                  std::size_t top) {
    const KnowledgeGraph& kg = *partition.graph;
    const Graph& g = kg.graph();
    const auto ranks = static_cast<std::uint32_t>(cluster.size());
    std::array<std::vector<Candidate>, kRanked.size()> candidates;
    std::vector<std::string> out(ranks);
    for (Vertex v = 0; v < boost::num_vertices(g); ++v) {
        const std::size_t k = ranked_index(g[v].kind);
        if (k == kRanked.size()) continue;
        std::int64_t sum = 0;
        std::uint64_t rated = 0;
        for (const Edge e : boost::make_iterator_range(boost::in_edges(v, g)))
            if (const auto& relevancy = kg.observation(g[e]).relevancy) sum += *relevancy, ++rated;
        const std::uint32_t number = partition.global[v];
        if (!partition.shared[v]) {
            candidates[k].push_back(
                {number, partition.article_count[v],
                 rated ? static_cast<double>(sum) / static_cast<double>(rated) : 0});
            continue;
        }
        WireWriter to_owner(out[number % ranks]);
        to_owner.number(static_cast<std::uint64_t>(k));
        to_owner.number(number);
        to_owner.number(partition.article_count[v]);
        to_owner.number(rated);
        to_owner.number(static_cast<std::uint64_t>(sum));
    }
    struct Total {
        std::uint64_t reports = 0, rated = 0;
        std::int64_t sum = 0;
    };
    std::array<std::map<std::uint32_t, Total>, kRanked.size()> owned;
    for (const std::string& text : cluster.all_to_all(out))
        for (WireReader from(text); !from.done();) {
            const auto k = from.number();
            if (k >= kRanked.size()) throw WireError("no such ranked kind");
            Total& total = owned[k][from.number32()];
            total.reports = from.number();
            total.rated += from.number();
            total.sum += static_cast<std::int64_t>(from.number());
        }
    std::string best;
    WireWriter to_best(best);
    for (std::size_t k = 0; k < kRanked.size(); ++k) {
        for (const auto& [number, t] : owned[k])
            candidates[k].push_back(
                {number, t.reports,
                 t.rated ? static_cast<double>(t.sum) / static_cast<double>(t.rated) : 0});
        keep_top(candidates[k], top);
        to_best.number(candidates[k].size());
        for (const Candidate& c : candidates[k]) {
            to_best.number(c.number);
            to_best.number(c.reports);
            to_best.real(c.mean);
        }
        candidates[k].clear();
    }
    for (const std::string& text : cluster.gather(std::move(best))) {
        WireReader from(text);
        for (std::size_t k = 0; k < kRanked.size(); ++k)
            for (std::uint64_t i = 0, n = from.number(); i < n; ++i) {
                Candidate& c = candidates[k].emplace_back();
                c.number = from.number32();
                c.reports = from.number();
                c.mean = from.real();
            }
    }
    for (std::vector<Candidate>& ranked : candidates)
        keep_top(ranked, top);
    return candidates;
}

// The entities the most statements of each ranked kind are about: each rank counts the about
// edges of the statements it is first for (which have every rank's), by entity (every share
// holds every entity, in the same order), and the counts are summed.
void rank_subjects(Cluster& cluster, const Partition& partition, std::size_t top,
                   CorpusSummary& d) {
    const KnowledgeGraph& kg = *partition.graph;
    const Graph& g = kg.graph();
    std::vector<Vertex> entities;
    std::vector<std::uint32_t> ordinal(boost::num_vertices(g), kNone);
    for (Vertex v = 0; v < boost::num_vertices(g); ++v)
        if (g[v].kind == NodeKind::Entity) {
            ordinal[v] = static_cast<std::uint32_t>(entities.size());
            entities.push_back(v);
        }
    const std::size_t n = entities.size();
    std::vector<std::uint32_t> count(kRanked.size() * n, 0);
    for (Vertex v = 0; v < boost::num_vertices(g); ++v) {
        const std::size_t k = ranked_index(g[v].kind);
        if (k == kRanked.size() || !partition.first[v]) continue;
        for (const Edge e : boost::make_iterator_range(boost::out_edges(v, g)))
            if (g[e].kind == EdgeKind::About && ordinal[boost::target(e, g)] != kNone)
                ++count[k * n + ordinal[boost::target(e, g)]];
    }
    cluster.sum(std::span(count));
    if (!cluster.is_root()) return;
    for (std::size_t k = 0; k < kRanked.size(); ++k) {
        const std::uint32_t* of = count.data() + k * n;
        std::vector<std::uint32_t> about;  // ranked: most first, then the lower number first
        for (std::uint32_t i = 0; i < n; ++i)
            if (of[i] > 0) about.push_back(i);
        const auto shown = static_cast<std::ptrdiff_t>(std::min(top, about.size()));
        std::partial_sort(about.begin(), about.begin() + shown, about.end(),
                          [&](std::uint32_t a, std::uint32_t b) {
                              return of[a] != of[b] ? of[a] > of[b] : a < b;
                          });
        std::vector<RankedItem>& out = k == 0 ? d.concern_subjects : d.signal_subjects;
        for (std::ptrdiff_t i = 0; i < shown; ++i)
            out.push_back({g[entities[about[i]]].label, static_cast<double>(of[about[i]])});
    }
}

// Numbers, ascending and each once, as the root asks for them.
std::string ask(std::vector<std::uint32_t> numbers) {
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    std::string text;
    WireWriter out(text);
    out.number(numbers.size());
    for (const std::uint32_t n : numbers)
        out.number(n);
    return text;
}

std::vector<std::uint32_t> asked(const std::string& text) {
    WireReader in(text);
    std::vector<std::uint32_t> numbers(in.number());
    for (std::uint32_t& n : numbers)
        n = in.number32();
    return numbers;
}

// The statements asked for, from every rank that holds them: their label, kind, IRI, aliases
// and report count from the rank first to name them; their first reports from every one (in
// rank order, so ascending).
void gather_nodes(Cluster& cluster, const Partition& partition, std::vector<std::uint32_t> wanted,
                  Gathered& gathered) {
    const KnowledgeGraph& kg = *partition.graph;
    const Graph& g = kg.graph();
    std::string answer;
    WireWriter out(answer);
    for (const std::uint32_t number : asked(cluster.broadcast(ask(std::move(wanted))))) {
        const std::uint32_t v = partition.local(number);
        if (v == kNone) continue;
        const NodeProperties& node = g[v];
        out.number(number);
        out.number(partition.first[v]);
        if (partition.first[v]) {
            out.number(static_cast<std::uint64_t>(node.kind));
            out.text(node.label);
            out.text(kg.iri(v));
            out.number(node.alt_labels.size());
            for (const std::string& alt : node.alt_labels)
                out.text(alt);
            out.number(partition.article_count[v]);
        }
        const std::size_t listed = std::min(node.articles.size(), kListedArticles);
        out.number(listed);
        for (std::size_t i = 0; i < listed; ++i)
            out.number(node.articles[i] + partition.first_report);
    }
    for (const std::string& text : cluster.gather(std::move(answer)))
        for (WireReader in(text); !in.done();) {
            Gathered::Node& node = gathered.nodes[in.number32()];
            if (in.number() != 0) {
                const std::uint64_t kind = in.number();
                if (kind >= kNodeKinds) throw WireError("no such node kind");
                node.kind = static_cast<NodeKind>(kind);
                node.label = in.text();
                node.iri = in.text();
                for (std::uint64_t i = 0, n = in.number(); i < n; ++i)
                    node.alt_labels.emplace_back(in.text());
                node.article_count = in.number();
            }
            for (std::uint64_t i = 0, n = in.number(); i < n; ++i) {
                const std::uint32_t report = in.number32();
                if (node.articles.size() < kListedArticles) node.articles.push_back(report);
            }
        }
}

// The reports asked for, from the rank that read each.
void gather_reports(Cluster& cluster, const Partition& partition, std::vector<std::uint32_t> wanted,
                    Gathered& gathered) {
    const std::vector<Report>& reports = partition.graph->reports();
    std::string answer;
    WireWriter out(answer);
    for (const std::uint32_t r : asked(cluster.broadcast(ask(std::move(wanted))))) {
        if (r < partition.first_report || r - partition.first_report >= reports.size()) continue;
        const Report& report = reports[r - partition.first_report];
        out.number(r);
        for (const std::string_view text : {report.id, report.title, report.date, web_link(report)})
            out.text(text);
    }
    for (const std::string& text : cluster.gather(std::move(answer)))
        for (WireReader in(text); !in.done();) {
            Gathered::Report& report = gathered.reports[in.number32()];
            for (std::string* field : {&report.id, &report.title, &report.date, &report.link})
                *field = in.text();
        }
}

}  // namespace

void gather_view_source(Cluster& cluster, const Partition& partition, EntityGraph& view,
                        analysis::Result& result, const HtmlOptions* html, std::size_t top,
                        Gathered& gathered) {
    const bool root = cluster.is_root();
    gathered.global = partition.global;
    gathered.article_count = partition.article_count;
    gathered.reports_in_corpus = partition.reports;
    gathered.summary_top = top;
    CorpusSummary& d = gathered.summary;
    d.documents = partition.reports;
    count_kinds(cluster, partition, d);
    if (root) count_dates(partition.dates, d);
    const auto recurring = rank_recurring(cluster, partition, top);
    rank_subjects(cluster, partition, top, d);

    // The writers read entities by full-view number too.
    std::vector<std::uint32_t> statements;
    if (root) {
        for (const EntityVertex v : boost::make_iterator_range(boost::vertices(view)))
            view[v].entity = partition.global[view[v].entity];
        for (Vertex& v : result.trends.entities.nodes)
            v = partition.global[v];
        for (const EntityEdge e : boost::make_iterator_range(boost::edges(view)))
            statements.insert(statements.end(), view[e].statements.begin(),
                              view[e].statements.end());
        statements.insert(statements.end(), result.trends.statements.nodes.begin(),
                          result.trends.statements.nodes.end());
        for (const std::vector<Candidate>& ranked : recurring)
            for (const Candidate& c : ranked)
                statements.push_back(c.number);
    }
    gather_nodes(cluster, partition, std::move(statements), gathered);

    std::vector<std::uint32_t> reports;
    if (root) {
        for (std::size_t k = 0; k < kRanked.size(); ++k) {
            std::vector<RecurringStatement>& out = k == 0 ? d.top_concerns : d.top_signals;
            for (const Candidate& c : recurring[k])
                out.push_back({gathered.nodes.at(c.number).label, c.reports, c.mean});
        }
        reports = result.trends.too_late;
        if (html) {
            const ViewSource source(*partition.graph, gathered);
            try {
                for (const std::uint32_t s : html_statements(source, {view, result}, *html))
                    for (const std::uint32_t r : source.node(s).articles)
                        reports.push_back(r);
            } catch (const DiagramError&) {
                // A --focus naming no entity: report.html's writer says so.
            }
        }
    }
    gather_reports(cluster, partition, std::move(reports), gathered);
}

}  // namespace signalkg::distributed
