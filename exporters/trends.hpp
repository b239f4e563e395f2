// The trends of a build (analysis/trends.hpp) as files: trends.json, every series with its
// bursts and classes, read by `signalkg trends`; emergence.svg, Yoon's keyword emergence map of
// the entities; bursts.svg, the strongest bursts period by period.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "exporters/views.hpp"
#include "graph/knowledge_graph.hpp"

namespace signalkg {

void write_trends_json(const ViewSource& source, const AnalysedView& analysed,
                       const std::filesystem::path& file, DeferredCommits* deferred = nullptr);

// The entities placed by mean occurrences per period (log scale) and growth of visibility, the
// axes split at their medians; the most telling of each class named. Every point has a <title>
// (its label) that a browser shows on hover.
std::string emergence_map_svg(const ViewSource& source, const AnalysedView& analysed);

// The `top` entities with the strongest bursts: per period the share of reports that name each,
// the burst periods in red.
std::string bursts_svg(const ViewSource& source, const AnalysedView& analysed,
                       std::size_t top = 12);

}  // namespace signalkg
