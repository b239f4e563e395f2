// Signal reports as JSON: one object per report, in a .json file (one object or an array of
// them) or a .jsonl file (JSON Lines, one object per line). README documents the schema.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ingest/report.hpp"

namespace signalkg {

// Reads every report of a .json or .jsonl file (`path` decides which and names the file in
// messages). Syntax errors, wrong types and oversized values become diagnostics with line and
// column; every report that could be read is kept.
ParsedReports parse_json_reports(std::string_view text, std::string_view path);

// One report as a single-line JSON object (the format parse_json_reports reads back).
std::string report_to_json(const Report& report);

}  // namespace signalkg
