// Entities, signals, concerns and driving forces over time: reports and occurrences per period,
// bursts and emergence classes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/bursts.hpp"
#include "analysis/emergence.hpp"
#include "graph/entity_view.hpp"
#include "graph/knowledge_graph.hpp"

namespace signalkg::analysis {

enum class Period : std::uint8_t { Month, Quarter, Year };
inline constexpr std::string_view kPeriodNames[] = {"month", "quarter", "year"};
std::optional<Period> period_named(std::string_view name);

struct TrendOptions {
    std::optional<Period> period;  // empty: chosen from the corpus (see choose_period)
    // Reports dated after it (ISO yyyy-mm-dd) are left out of the periods: a date in the future
    // is a typed-wrong year (SURVEY.md: pages dated 2029). Empty: no limit.
    std::string latest_date;
    BurstOptions bursts;
    EmergenceOptions emergence;
};

// The finest period (month, quarter, year) over which the dated reports make at least
// kReportsPerPeriod a period on average from the first to the last; else a year.
inline constexpr double kReportsPerPeriod = 5;
Period choose_period(std::string_view first_date, std::string_view last_date, std::size_t dated);

// Terms over the same periods. Per term: the reports that name it and its occurrences, per
// period; its bursts (of reports against the period's reports) and emergence (among these terms).
struct TermSeries {
    std::vector<Vertex> nodes;  // in the full view
    std::vector<std::vector<std::uint32_t>> reports, occurrences;
    std::vector<std::string_view> first_seen, last_seen;  // dates (KnowledgeGraph::date)
    std::vector<BurstStates> bursts;
    std::vector<Emergence> emergence;
    EmergenceMedians medians;
    std::size_t size() const { return nodes.size(); }
    void allocate(std::size_t periods);  // zero counts, no dates, for each node
};

// Two entities first linked in the last period (entity-view vertices), all their links' weight.
struct NewPair {
    std::uint32_t a = 0, b = 0;
    double weight = 0;
};

struct Trends {
    Period period = Period::Year;
    std::vector<std::string> periods;      // labels, from the first dated report's to the last's
    std::vector<std::uint32_t> documents;  // dated reports per period
    std::size_t undated = 0;               // reports without a date
    std::string latest_date;               // options.latest_date
    std::vector<std::uint32_t> too_late;   // reports dated after it
    long origin = 0;                       // the first period's index
    // One per entity-view vertex, in its order: an entity occurs in a report as a keyword
    // (once) and in each statement row linked to it.
    TermSeries entities;
    // The signals, concerns and driving forces that occur in at least two dated reports, in
    // full-view order: once per row that names them.
    TermSeries statements;
    std::vector<NewPair> new_pairs;  // heaviest first
};

// The label of the period holding an ISO date: "2024-03", "2024-Q1", "2024".
std::string period_label(std::string_view date, Period period);

Trends analyze_trends(const KnowledgeGraph& graph, const EntityGraph& view,
                      const TrendOptions& options);

// analyze_trends in its steps, which a partitioned graph's ranks run on their shares, the root
// adding up what they count (distributed/partition.hpp):
//  scan_trend_dates: what the reports' dates make of the periods (reports numbered from
//      first_report);
//  set_periods: the periods, their labels and origin;
//  count_trends: each series' reports and occurrences per period, for the entities (in view
//      order) and the statements that occur in two reports or more (is_trend_statement);
//  finish_trends: the statements that recur, bursts, emergence and new pairs.
struct TrendDates {
    std::size_t undated = 0, dated = 0;
    std::vector<std::uint32_t> too_late;  // reports
    std::string first, last;              // of the dated reports
    void add(const TrendDates& later);    // of reports after these
};
TrendDates scan_trend_dates(const KnowledgeGraph& graph, const TrendOptions& options,
                            std::uint32_t first_report = 0);
void set_periods(Trends& out, TrendDates&& dates, const TrendOptions& options);
constexpr bool is_trend_statement(NodeKind kind, std::size_t reports) {
    return (kind == NodeKind::Signal || kind == NodeKind::Concern ||
            kind == NodeKind::DrivingForce) &&
           reports >= 2;
}
void count_trends(const KnowledgeGraph& graph, const std::vector<Vertex>& entities,
                  const std::vector<Vertex>& statements, const TrendOptions& options, Trends& out);
void finish_trends(Trends& out, const EntityGraph& view, const TrendOptions& options);

}  // namespace signalkg::analysis
