// `signalkg trends OUT [NAME...]`: the series, bursts and emergence class of entities, signals,
// concerns and driving forces, from OUT/trends.json.
#pragma once

#include <string>
#include <vector>

namespace signalkg::cli {

struct TrendsOptions {
    std::string out;                 // a build's folder, or its trends.json
    std::vector<std::string> names;  // labels or aliases; empty: the top ones
    std::string format = "table";    // table or csv
    std::size_t top = 20;            // without names: how many (0: all)
};

// Prints to stdout; returns the exit code: 0, or 2 when the file is missing or unreadable or a
// name matches no series (the others are printed).
int print_trends(const TrendsOptions& options);

}  // namespace signalkg::cli
