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

Trends analyze_trends(const KnowledgeGraph& graph, const EntityGraph& view,
                      const TrendOptions& options) {
    Trends out;
    const std::size_t entities = boost::num_vertices(view);
    const auto report_count = static_cast<std::uint32_t>(graph.reports().size());
    std::string_view first, last;
    std::size_t dated = 0;
    for (std::uint32_t r = 0; r < report_count; ++r) {
        const std::string_view date = graph.date(r);
        if (period_index(date, Period::Month) < 0) continue;
        ++dated;
        if (first.empty() || date < first) first = date;
        if (last.empty() || date > last) last = date;
    }
    out.period = options.period.value_or(choose_period(first, last, dated));
    out.reports.assign(entities, {});
    out.occurrences.assign(entities, {});
    if (dated > 0) {
        const long origin = period_index(first, out.period), end = period_index(last, out.period);
        for (long p = origin; p <= end; ++p)
            out.periods.push_back(label_of(p, out.period));
        const std::size_t n = out.periods.size();
        out.documents.assign(n, 0);
        for (auto& series : out.reports)
            series.assign(n, 0);
        for (auto& series : out.occurrences)
            series.assign(n, 0);

        std::vector<std::uint32_t> view_vertex(boost::num_vertices(graph.graph()), kNone);
        for (const EntityVertex v : boost::make_iterator_range(boost::vertices(view)))
            view_vertex[view[v].entity] = static_cast<std::uint32_t>(v);
        std::vector<std::uint32_t> seen_in(entities, kNone);  // the report it last occurred in
        const Graph& g = graph.graph();
        for (std::uint32_t r = 0; r < report_count; ++r) {
            const long index = period_index(graph.date(r), out.period);
            if (index < 0) continue;
            const auto p = static_cast<std::size_t>(index - origin);
            ++out.documents[p];
            const auto occur = [&](Vertex entity) {
                const std::uint32_t v = view_vertex[entity];
                if (v == kNone) return;
                ++out.occurrences[v][p];
                if (seen_in[v] != r) seen_in[v] = r, ++out.reports[v][p];
            };
            for (const Edge e :
                 boost::make_iterator_range(boost::out_edges(graph.article_vertex(r), g)))
                if (g[e].kind == EdgeKind::Mentions) occur(boost::target(e, g));
            for (std::uint32_t s = 0; s < graph.reports()[r].statements.size(); ++s)
                for (const std::uint32_t entity : graph.observation_entities(r, s))
                    occur(entity);
        }
    }
    out.bursts.reserve(entities);
    for (std::size_t v = 0; v < entities; ++v)
        out.bursts.push_back(detect_bursts(out.documents, out.reports[v], options.bursts));
    out.emergence = emergence(out.occurrences, out.reports, out.documents, options.emergence);
    return out;
}

}  // namespace signalkg::analysis
