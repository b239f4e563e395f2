// Writing SPARQL results: an aligned table, CSV, TSV, or SPARQL 1.1 Query Results JSON.
#pragma once

#include <string>

#include "query/sparql.hpp"

namespace signalkg::query {

enum class Format { Table, Csv, Tsv, Json, NTriples, Turtle };

// SELECT and ASK results as a table (IRIs shortened with the predeclared prefixes, columns
// aligned), CSV, TSV or SPARQL 1.1 Results JSON; CONSTRUCT results as RDF: Turtle when `format`
// is Turtle, else N-Triples. NTriples or Turtle for SELECT or ASK throws QueryError.
std::string format_results(const Results& results, Format format);

}  // namespace signalkg::query
