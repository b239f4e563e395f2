#include "exporters/view_source.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

namespace signalkg {

namespace {

bool is_web_link(std::string_view url) {
    const auto starts = [&](std::string_view scheme) {
        return url.size() > scheme.size() &&
               std::equal(scheme.begin(), scheme.end(), url.begin(), [](char a, char b) {
                   return a == std::tolower(static_cast<unsigned char>(b));
               });
    };
    return starts("http://") || starts("https://");
}

std::vector<RecurringStatement> recurring(const KnowledgeGraph& kg, NodeKind kind,
                                          std::size_t top) {
    const Graph& g = kg.graph();
    struct Ranked {
        Vertex v;
        std::size_t reports;
        double mean_relevancy;
    };
    std::vector<Ranked> all;  // labels are copied for the top ones only
    for (Vertex v = 0; v < boost::num_vertices(g); ++v) {
        if (g[v].kind != kind) continue;
        double sum = 0;
        std::size_t rated = 0;
        for (const Edge e : boost::make_iterator_range(boost::in_edges(v, g))) {
            const EdgeProperties& ep = g[e];
            const auto& relevancy = kg.observation(ep).relevancy;
            if (relevancy) sum += *relevancy, ++rated;
        }
        all.push_back({v, g[v].articles.size(), rated ? sum / static_cast<double>(rated) : 0});
    }
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
        if (a.reports != b.reports) return a.reports > b.reports;
        return a.mean_relevancy > b.mean_relevancy;
    });
    std::vector<RecurringStatement> out;
    for (std::size_t i = 0; i < std::min(top, all.size()); ++i)
        out.push_back({g[all[i].v].label, all[i].reports, all[i].mean_relevancy});
    return out;
}

// The entities most statements of a kind are about, with how many each.
std::vector<RankedItem> subjects(const KnowledgeGraph& kg, NodeKind kind, std::size_t top) {
    const Graph& g = kg.graph();
    std::vector<std::size_t> count(boost::num_vertices(g), 0);
    for (Vertex v = 0; v < boost::num_vertices(g); ++v) {
        if (g[v].kind != kind) continue;
        for (const Edge e : boost::make_iterator_range(boost::out_edges(v, g)))
            if (g[e].kind == EdgeKind::About) ++count[boost::target(e, g)];
    }
    std::vector<Vertex> about;  // ranked: most first, then lower vertex first
    for (Vertex v = 0; v < count.size(); ++v)
        if (count[v] > 0) about.push_back(v);
    const auto shown = static_cast<std::ptrdiff_t>(std::min(top, about.size()));
    std::partial_sort(about.begin(), about.begin() + shown, about.end(), [&](Vertex a, Vertex b) {
        return count[a] != count[b] ? count[a] > count[b] : a < b;
    });
    std::vector<RankedItem> out;
    for (std::ptrdiff_t i = 0; i < shown; ++i)
        out.push_back({g[about[i]].label, static_cast<double>(count[about[i]])});
    return out;
}

}  // namespace

std::string_view web_link(const Report& report) {
    return is_web_link(report.external_url) ? report.external_url
           : is_web_link(report.page_url)   ? report.page_url
                                            : std::string_view();
}

CorpusSummary corpus_summary(const KnowledgeGraph& kg, std::size_t top) {
    CorpusSummary d;
    d.documents = kg.reports().size();
    std::map<std::string, std::size_t> years;
    for (const Report& report : kg.reports()) {
        if (report.date.empty()) continue;
        if (d.first_date.empty() || report.date < d.first_date) d.first_date = report.date;
        if (d.last_date.empty() || report.date > d.last_date) d.last_date = report.date;
        ++years[std::string(report.date.substr(0, 4))];
    }
    d.documents_per_year.assign(years.begin(), years.end());
    d.full_nodes = boost::num_vertices(kg.graph());
    d.full_edges = boost::num_edges(kg.graph());
    for (int k = 0; k < kNodeKinds; ++k)
        d.nodes_by_kind.emplace_back(node_kind_name(static_cast<NodeKind>(k)),
                                     kg.count(static_cast<NodeKind>(k)));
    for (int k = 0; k < kEdgeKinds; ++k)
        d.edges_by_kind.emplace_back(edge_kind_name(static_cast<EdgeKind>(k)),
                                     kg.count(static_cast<EdgeKind>(k)));
    d.top_concerns = recurring(kg, NodeKind::Concern, top);
    d.top_signals = recurring(kg, NodeKind::Signal, top);
    d.concern_subjects = subjects(kg, NodeKind::Concern, top);
    d.signal_subjects = subjects(kg, NodeKind::Signal, top);
    return d;
}

std::uint32_t ViewSource::local(std::uint32_t v) const {
    if (!gathered_) return v;
    const auto& global = gathered_->global;
    const auto at = std::lower_bound(global.begin(), global.end(), v);
    return at != global.end() && *at == v ? static_cast<std::uint32_t>(at - global.begin()) : kNone;
}

NodeFacts ViewSource::node(std::uint32_t v) const {
    if (gathered_) {
        if (const auto it = gathered_->nodes.find(v); it != gathered_->nodes.end()) {
            const Gathered::Node& n = it->second;
            return {n.kind, EntityType::None, n.label,         n.iri,
                    {},     n.alt_labels,     n.article_count, n.articles};
        }
    }
    const std::uint32_t at = local(v);
    if (at == kNone) throw std::logic_error(fmt::format("node {} was not gathered", v));
    const NodeProperties& n = graph_.graph()[at];
    const std::size_t count = gathered_ ? gathered_->article_count[at] : n.articles.size();
    return {n.kind, n.type, n.label, graph_.iri(at), n.key, n.alt_labels, count, n.articles};
}

std::uint32_t ViewSource::find_entity(std::string_view label) const {
    const std::uint32_t v = graph_.find(NodeKind::Entity, label);
    return v == kNone || !gathered_ ? v : gathered_->global[v];
}

std::size_t ViewSource::reports() const {
    return gathered_ ? gathered_->reports_in_corpus : graph_.reports().size();
}

ReportFacts ViewSource::report(std::uint32_t r) const {
    if (!gathered_) {
        const Report& report = graph_.reports()[r];
        return {report.id, report.title, report.date, web_link(report)};
    }
    const auto it = gathered_->reports.find(r);
    if (it == gathered_->reports.end())
        throw std::logic_error(fmt::format("report {} was not gathered", r));
    const Gathered::Report& report = it->second;
    return {report.id, report.title, report.date, report.link};
}

CorpusSummary ViewSource::summary(std::size_t top) const {
    if (!gathered_) return corpus_summary(graph_, top);
    if (top != gathered_->summary_top)
        throw std::logic_error(fmt::format("the summary was gathered for the top {}, not {}",
                                           gathered_->summary_top, top));
    return gathered_->summary;
}

}  // namespace signalkg
