// SPARQL over exported RDF: Redland's librdf with an indexed in-memory storage and Rasqal as
// the query engine (Rasqal's own data graph scans every triple for every pattern).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace signalkg::query {

struct QueryError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Term {
    enum class Kind { Iri, Literal, Blank } kind = Kind::Literal;
    std::string value;
    std::string datatype;  // literals: datatype IRI, empty for plain strings
    std::string language;  // literals: language tag
};

struct Results {
    enum class Kind { Bindings, Boolean, Graph } kind = Kind::Bindings;
    std::vector<std::string> variables;
    std::vector<std::vector<std::optional<Term>>> rows;  // unbound values are empty
    bool boolean = false;
};

// The PREFIX lines every query gets for free: the ontology's and the common vocabularies'.
std::string predeclared_prefixes();

// The outermost ORDER BY of a query when every key is a plain variable (?x, ASC(?x), DESC(?x)),
// with the LIMIT and OFFSET after it. Engines sort such results wrongly: Rasqal 0.9.33 compares
// strings neither by code point nor consistently ("2023" rows between "2022" rows); Virtuoso 7.2
// compares long strings by their first 24 bytes or so ("Ethical Implications of Invisible NPCs"
// before "... of Biotechnological Enhancements"). So signalkg removes this tail from the query,
// runs the rest, and sorts (SPARQL 1.1 §15.1, strings by code point) and slices the rows itself.
struct OrderTail {
    std::size_t start = std::string::npos;           // where the tail begins in the query text
    std::vector<std::pair<std::string, bool>> keys;  // variable, descending
    std::optional<std::size_t> limit, offset;
};
OrderTail find_order_tail(const std::string& query);
void apply_order_tail(const OrderTail& tail, Results& results);

// What a query asks for, by its first query keyword (comments, strings and IRIs skipped).
enum class QueryForm { Select, Ask, Construct, Describe };
QueryForm query_form(const std::string& query);

class Store {
  public:
    Store();
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Loads a .ttl, .nt or .rdf file, or an output folder of signalkg build (its graph.nt,
    // else graph.ttl, else graph.rdf, and ontology.ttl). Throws QueryError with the file (and
    // line) on failure. Returns the number of triples in the store afterwards.
    std::size_t load(const std::filesystem::path& graph);

    // Runs one query (prefixes predeclared). Syntax errors throw QueryError naming the line of
    // the query as the user wrote it.
    Results run(const std::string& query);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace signalkg::query
