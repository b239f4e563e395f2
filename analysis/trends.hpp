// Entities over time: reports and occurrences per period, bursts and emergence classes.
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
    BurstOptions bursts;
    EmergenceOptions emergence;
};

// The finest period (month, quarter, year) over which the dated reports make at least
// kReportsPerPeriod a period on average from the first to the last; else a year.
inline constexpr double kReportsPerPeriod = 5;
Period choose_period(std::string_view first_date, std::string_view last_date, std::size_t dated);

struct Trends {
    Period period = Period::Year;
    std::vector<std::string> periods;      // labels, from the first dated report's to the last's
    std::vector<std::uint32_t> documents;  // dated reports per period
    // Per entity-view vertex, per period: reports that name it (as a keyword or in a statement
    // text) and its occurrences (a keyword listing and each statement row linked to it).
    std::vector<std::vector<std::uint32_t>> reports, occurrences;
    std::vector<BurstStates> bursts;   // of `reports` against `documents`
    std::vector<Emergence> emergence;  // of `occurrences` and `reports`
};

// The label of the period holding an ISO date: "2024-03", "2024-Q1", "2024".
std::string period_label(std::string_view date, Period period);

Trends analyze_trends(const KnowledgeGraph& graph, const EntityGraph& view,
                      const TrendOptions& options);

}  // namespace signalkg::analysis
