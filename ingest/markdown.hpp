// Parser for signal reports in markdown, for every layout listed in the corpus survey.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/report.hpp"

namespace signalkg {

struct ParsedReport {
    std::optional<Report> report;  // empty when the file could not be read as a report at all
    std::vector<Diagnostic> diagnostics;
};

// Parses one report. `path` names the file in messages; the report id is its stem.
// Never throws on bad input: problems become diagnostics naming the line.
// The report keeps no reference to `text` or `path`: it owns its texts.
ParsedReport parse_markdown(std::string_view text, std::string_view path);

// Orders a report's statements by kind (signals, concerns, behaviors, technologies, issues),
// keeping table order within a kind, whatever the order of the sections: observation numbers
// then do not depend on the input format.
void sort_statements(Report& report);

// The ISO date (yyyy-mm-dd) a newsletter page token starts with, kept in `store`; empty when the
// token does not start with a real date.
std::string_view page_date(std::string_view page, TextStore& store);

// The file name without folders and extension (a view of `path`).
std::string_view report_id_from_path(std::string_view path);

}  // namespace signalkg
