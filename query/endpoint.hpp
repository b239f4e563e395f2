// SPARQL over HTTP: any SPARQL 1.1 Protocol endpoint (Virtuoso, Fuseki, GraphDB, Oxigraph
// server), through libcurl, giving the same Results as the in-process Store.
#pragma once

#include <memory>
#include <string>

#include "query/sparql.hpp"

namespace signalkg::query {

// The endpoint could not be reached, failed (HTTP 5xx, or 4xx other than a refused query), or
// answered with something that is not SPARQL results.
struct EndpointError : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// No complete answer within the time given; what() is the endpoint's URL.
struct EndpointTimeout : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Endpoint {
  public:
    // `default_graph`: the default-graph-uri of every request (empty: the endpoint's default).
    Endpoint(std::string url, std::string default_graph);
    ~Endpoint();
    Endpoint(const Endpoint&) = delete;
    Endpoint& operator=(const Endpoint&) = delete;

    // Runs one query with the predeclared prefixes, within `timeout_seconds` (0: no limit).
    // A query the endpoint refuses (HTTP 400) throws QueryError with the endpoint's message.
    // xsd:double and xsd:float values come back in their shortest round-trip form (what
    // signalkg writes): where an endpoint prints them rounded in SPARQL JSON (Virtuoso: 6
    // digits) they are read again, full, from its Turtle result set, and when the two answers
    // do not line up a warning is printed and the rounded values kept.
    Results run(const std::string& query, double timeout_seconds);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace signalkg::query
