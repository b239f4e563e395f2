// report.json and report.md: what a person (or a script) wants to know about a build.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "exporters/view_source.hpp"
#include "exporters/views.hpp"
#include "graph/knowledge_graph.hpp"
#include "graph/worthiness.hpp"

namespace signalkg {

struct CommunitySummary {
    std::uint32_t id = 0;
    std::size_t size = 0;
    std::vector<std::string> top_members;  // by PageRank
};

// An entity (or a recurring statement) over time: its strongest burst (empty start: none) and
// emergence class.
struct EmergingTerm {
    std::string label;
    std::string kind;                    // "Entity", "Signal", "Concern", ..., "DrivingForce"
    std::string burst_start, burst_end;  // period labels
    double burst_weight = 0;
    std::string emergence_class;  // on Yoon's keyword emergence map
    double visibility_growth = 0, mean_occurrences = 0;
    std::vector<std::uint32_t> reports;  // per period
};

// Everything the report shows, computed once and written in two formats: the corpus' totals,
// then the entity view's.
struct ReportData : CorpusSummary {
    std::size_t entity_nodes = 0, entity_edges = 0;
    std::vector<std::pair<std::string, std::size_t>> entity_edges_by_kind;
    std::vector<std::pair<std::string, std::vector<RankedItem>>> top_entities;  // per measure
    std::vector<std::size_t> tied_at_top;  // per measure: entities sharing its highest value
    std::vector<CommunitySummary> communities;
    double modularity = 0, resolution = 1, transitivity = 0;
    std::size_t betweenness_sources = 0;
    bool betweenness_sampled = false;
    std::vector<std::size_t> component_sizes;  // largest first
    // Keywords below the entity-worthiness threshold, most-mentioned first, with their evidence.
    double entity_threshold = 0;
    std::size_t terms = 0;  // all of them; `demoted` lists the first `top`
    std::vector<std::pair<std::string, Worthiness>> demoted;
    // The entity view over time (analysis/trends.hpp).
    std::string period;
    std::vector<std::string> periods;
    std::vector<std::uint32_t> period_documents;
    double burst_rate = 2, burst_cost = 1;   // Kleinberg's s and gamma
    std::vector<EmergingTerm> bursting;      // strongest burst first
    std::vector<EmergingTerm> weak_signals;  // named by two reports or more, fastest first
    std::vector<std::pair<std::string, std::size_t>> emergence_classes;  // class -> entities
    // Recurring signals, concerns, ... and driving forces: bursting (strongest first), then
    // growing (fastest first).
    std::vector<EmergingTerm> rising_statements;
    std::size_t recurring_statements = 0;
    std::vector<std::tuple<std::string, std::string, double>> new_pairs;  // heaviest first
    std::size_t undated = 0;
    std::string latest_date;                                    // see TrendOptions
    std::vector<std::pair<std::string, std::string>> too_late;  // (report id, date)
};

// The pictures report.md shows, by file name in OUT (empty: not made).
struct ReportPictures {
    std::string overview;       // entities.svg
    std::string emergence_map;  // emergence.svg
    std::string bursts;         // bursts.svg
};

inline constexpr std::size_t kReportTop = 20;  // entries of each ranking
ReportData make_report(const ViewSource& source, const AnalysedView& view,
                       std::size_t top = kReportTop);

// report.json's text.
std::string report_json(const ReportData& report);
void write_report_json(const ReportData& report, const std::filesystem::path& file,
                       DeferredCommits* deferred = nullptr);
void write_report_markdown(const ReportData& report, const ReportPictures& pictures,
                           const std::filesystem::path& file, DeferredCommits* deferred = nullptr);

}  // namespace signalkg
