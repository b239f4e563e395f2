// Writing SPARQL results: an aligned table, CSV, TSV, or SPARQL 1.1 Query Results JSON.
#pragma once

#include <string>

#include "query/sparql.hpp"

namespace signalkg::query {

enum class Format { Table, Csv, Tsv, Json };

// Table output shortens IRIs with the predeclared prefixes and aligns the columns.
std::string format_results(const Results& results, Format format);

}  // namespace signalkg::query
