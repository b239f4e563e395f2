#include "analysis/trends.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace signalkg::analysis {

namespace {

// Periods since year 0 of an ISO date (yyyy-mm-dd), or -1 when it is not one.
long period_index(std::string_view date, Period period) {
    int year = 0, month = 0;
    if (date.size() < 7 || std::from_chars(date.data(), date.data() + 4, year).ec != std::errc{} ||
        std::from_chars(date.data() + 5, date.data() + 7, month).ec != std::errc{} || month < 1 ||
        month > 12)
        return -1;
    switch (period) {
        case Period::Month:
            return year * 12L + (month - 1);
        case Period::Quarter:
            return year * 4L + (month - 1) / 3;
        case Period::Year:
            break;
    }
    return year;
}

std::string label_of(long index, Period period) {
    switch (period) {
        case Period::Month:
            return fmt::format("{:04}-{:02}", index / 12, index % 12 + 1);
        case Period::Quarter:
            return fmt::format("{:04}-Q{}", index / 4, index % 4 + 1);
        case Period::Year:
            break;
    }
    return fmt::format("{:04}", index);
}

}  // namespace

void TermSeries::allocate(std::size_t periods) {
    reports.assign(size(), std::vector<std::uint32_t>(periods, 0));
    occurrences.assign(size(), std::vector<std::uint32_t>(periods, 0));
    first_seen.assign(size(), {});
    last_seen.assign(size(), {});
}

std::optional<Period> period_named(std::string_view name) {
    for (std::size_t i = 0; i < std::size(kPeriodNames); ++i)
        if (name == kPeriodNames[i]) return static_cast<Period>(i);
    return std::nullopt;
}

std::string period_label(std::string_view date, Period period) {
    const long index = period_index(date, period);
    return index < 0 ? std::string() : label_of(index, period);
}

Period choose_period(std::string_view first_date, std::string_view last_date, std::size_t dated) {
    for (const Period period : {Period::Month, Period::Quarter}) {
        const long first = period_index(first_date, period), last = period_index(last_date, period);
        if (first >= 0 && last >= first &&
            double(dated) / double(last - first + 1) >= kReportsPerPeriod)
            return period;
    }
    return Period::Year;
}

namespace {

// Every term's counts set to zero over `periods` periods.
// Every term's bursts and emergence, once its counts are in.
void detect(TermSeries& series, const std::vector<std::uint32_t>& documents,
            const TrendOptions& options) {
    series.bursts.clear();
    for (const auto& reports : series.reports)
        series.bursts.push_back(detect_bursts(documents, reports, options.bursts));
    series.emergence = emergence(series.occurrences, series.reports, documents, options.emergence,
                                 &series.medians);
}

// Counts occurrences of the terms a series holds, one report after another.
class Counter {
  public:
    Counter(TermSeries& series, const std::vector<std::uint32_t>& slot)
        : series_(series), slot_(slot), seen_in_(series.size(), kNone) {}
    void occur(Vertex node, std::uint32_t report, std::size_t period, std::string_view date) {
        const std::uint32_t i = slot_[node];
        if (i == kNone) return;
        ++series_.occurrences[i][period];
        if (seen_in_[i] == report) return;
        seen_in_[i] = report;
        ++series_.reports[i][period];
        std::string_view& first = series_.first_seen[i];
        std::string_view& last = series_.last_seen[i];
        if (first.empty() || date < first) first = date;
        if (date > last) last = date;
    }

  private:
    TermSeries& series_;
    const std::vector<std::uint32_t>& slot_;  // full-view vertex -> series index, or kNone
    std::vector<std::uint32_t> seen_in_;      // the report each term last occurred in
};

// Drops the statements that occur in fewer than two dated reports.
void keep_recurring(TermSeries& s) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        std::uint32_t reports = 0;
        for (const std::uint32_t r : s.reports[i])
            reports += r;
        if (reports < 2) continue;
        if (kept != i) {  // a vector moved onto itself is left empty
            s.nodes[kept] = s.nodes[i];
            s.reports[kept] = std::move(s.reports[i]);
            s.occurrences[kept] = std::move(s.occurrences[i]);
            s.first_seen[kept] = s.first_seen[i];
            s.last_seen[kept] = s.last_seen[i];
        }
        ++kept;
    }
    s.nodes.resize(kept), s.reports.resize(kept), s.occurrences.resize(kept);
    s.first_seen.resize(kept), s.last_seen.resize(kept);
}

// Entity pairs whose first link (of any kind) came in the period `last` (a label).
std::vector<NewPair> new_pairs(const EntityGraph& view, const std::string& last, Period period,
                               std::string_view latest_date) {
    struct Link {
        std::uint64_t pair;  // smaller vertex << 32 | larger
        std::string_view first_seen;
        double weight;
    };
    std::vector<Link> links;  // sorted by pair: a map of millions of links took seconds
    links.reserve(boost::num_edges(view));
    for (const EntityEdge e : boost::make_iterator_range(boost::edges(view))) {
        const auto a = static_cast<std::uint64_t>(boost::source(e, view));
        const auto b = static_cast<std::uint64_t>(boost::target(e, view));
        links.push_back(
            {std::min(a, b) << 32 | std::max(a, b), view[e].first_seen, view[e].weight});
    }
    std::sort(links.begin(), links.end(),
              [](const Link& x, const Link& y) { return x.pair < y.pair; });
    std::vector<NewPair> out;
    for (std::size_t i = 0; i < links.size();) {
        std::string_view first;
        double weight = 0;
        const std::uint64_t pair = links[i].pair;
        for (; i < links.size() && links[i].pair == pair; ++i) {
            const std::string_view seen = links[i].first_seen;
            if (!seen.empty() && (first.empty() || seen < first)) first = seen;
            weight += links[i].weight;
        }
        if (!first.empty() && (latest_date.empty() || first <= latest_date) &&
            period_label(first, period) == last)
            out.push_back({static_cast<std::uint32_t>(pair >> 32),
                           static_cast<std::uint32_t>(pair & 0xffffffffu), weight});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const NewPair& x, const NewPair& y) { return x.weight > y.weight; });
    return out;
}

}  // namespace

namespace {

// Whether a report's date falls in the periods (not undated, not too late).
bool is_dated(std::string_view date, const TrendOptions& options) {
    return period_index(date, Period::Month) >= 0 &&
           (options.latest_date.empty() || date <= options.latest_date);
}

}  // namespace

void TrendDates::add(const TrendDates& later) {
    undated += later.undated;
    dated += later.dated;
    too_late.insert(too_late.end(), later.too_late.begin(), later.too_late.end());
    if (!later.first.empty() && (first.empty() || later.first < first)) first = later.first;
    if (later.last > last) last = later.last;
}

TrendDates scan_trend_dates(const KnowledgeGraph& graph, const TrendOptions& options,
                            std::uint32_t first_report) {
    TrendDates out;
    for (std::uint32_t r = 0; r < graph.reports().size(); ++r) {
        const std::string_view date = graph.date(r);
        if (!is_dated(date, options)) {
            if (period_index(date, Period::Month) < 0) {
                ++out.undated;
            } else {
                out.too_late.push_back(first_report + r);
            }
            continue;
        }
        ++out.dated;
        if (out.first.empty() || date < out.first) out.first = date;
        if (out.last.empty() || date > out.last) out.last = date;
    }
    return out;
}

void set_periods(Trends& out, TrendDates&& dates, const TrendOptions& options) {
    out.latest_date = options.latest_date;
    out.undated = dates.undated;
    out.too_late = std::move(dates.too_late);
    out.period = options.period.value_or(choose_period(dates.first, dates.last, dates.dated));
    out.origin = dates.dated ? period_index(dates.first, out.period) : 0;
    const long end = dates.dated ? period_index(dates.last, out.period) : -1;
    for (long p = out.origin; p <= end; ++p)
        out.periods.push_back(label_of(p, out.period));
    out.documents.assign(out.periods.size(), 0);
}

void count_trends(const KnowledgeGraph& graph, const std::vector<Vertex>& entities,
                  const std::vector<Vertex>& statements, const TrendOptions& options, Trends& out) {
    const Graph& g = graph.graph();
    out.entities.nodes = entities;
    out.statements.nodes = statements;
    std::vector<std::uint32_t> entity_slot(boost::num_vertices(g), kNone);
    for (std::uint32_t i = 0; i < entities.size(); ++i)
        entity_slot[entities[i]] = i;
    std::vector<std::uint32_t> statement_slot(boost::num_vertices(g), kNone);
    for (std::uint32_t i = 0; i < statements.size(); ++i)
        statement_slot[statements[i]] = i;
    out.entities.allocate(out.periods.size());
    out.statements.allocate(out.periods.size());
    Counter entity(out.entities, entity_slot), statement(out.statements, statement_slot);
    for (std::uint32_t r = 0; r < graph.reports().size(); ++r) {
        const std::string_view date = graph.date(r);
        if (!is_dated(date, options)) continue;
        const auto p = static_cast<std::size_t>(period_index(date, out.period) - out.origin);
        ++out.documents[p];
        for (const Edge e :
             boost::make_iterator_range(boost::out_edges(graph.article_vertex(r), g))) {
            const EdgeProperties& ep = g[e];
            if (ep.kind == EdgeKind::Mentions) entity.occur(boost::target(e, g), r, p, date);
            if (ep.statement == kNone) continue;  // not a row
            statement.occur(boost::target(e, g), r, p, date);
            const std::uint32_t force = graph.observation_force(r, ep.statement);
            if (force != kNone) statement.occur(force, r, p, date);
            for (const std::uint32_t named : graph.observation_entities(r, ep.statement))
                entity.occur(named, r, p, date);
        }
    }
}

void finish_trends(Trends& out, const EntityGraph& view, const TrendOptions& options) {
    keep_recurring(out.statements);
    TrendOptions per_period = options;
    per_period.emergence.periods_per_year = out.period == Period::Month     ? 12
                                            : out.period == Period::Quarter ? 4
                                                                            : 1;
    detect(out.entities, out.documents, per_period);
    detect(out.statements, out.documents, per_period);
    if (!out.periods.empty())
        out.new_pairs = new_pairs(view, out.periods.back(), out.period, options.latest_date);
}

Trends analyze_trends(const KnowledgeGraph& graph, const EntityGraph& view,
                      const TrendOptions& options) {
    Trends out;
    set_periods(out, scan_trend_dates(graph, options), options);
    const Graph& g = graph.graph();
    std::vector<Vertex> entities, statements;
    for (const EntityVertex v : boost::make_iterator_range(boost::vertices(view)))
        entities.push_back(view[v].entity);
    for (Vertex v = 0; v < boost::num_vertices(g); ++v)
        if (is_trend_statement(g[v].kind, g[v].articles.size())) statements.push_back(v);
    count_trends(graph, entities, statements, options, out);
    finish_trends(out, view, options);
    return out;
}

}  // namespace signalkg::analysis
