// `signalkg stats OUT`: the headline of a build, from OUT/report.json.
#pragma once

#include <string>

namespace signalkg::cli {

// Prints to stdout; on a missing or unreadable report prints a message to stderr, returns false.
bool print_stats(const std::string& out_folder);

}  // namespace signalkg::cli
