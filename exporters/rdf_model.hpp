// The RDF form of the knowledge graph, as a stream of triples for any serializer.
#pragma once

#include <string_view>

#include "exporters/full_view_part.hpp"
#include "exporters/views.hpp"
#include "graph/knowledge_graph.hpp"
#include "ontology/vocabulary.hpp"

namespace signalkg {

// A triple's object: an IRI, or a literal with an optional datatype (plain xsd:string if none).
struct RdfObject {
    std::string_view value;
    bool is_iri = false;
    const vocab::Term* datatype = nullptr;
};

class TripleSink {
  public:
    virtual ~TripleSink() = default;
    // `subject` and IRI objects are full IRIs; triples of one subject arrive together.
    virtual void triple(std::string_view subject, const vocab::Term& predicate,
                        const RdfObject& object) = 0;
};

// Whether a row of the graph's reports names `statement` from its name (sk:nameDerived).
bool named_from_rows(const KnowledgeGraph& graph, Vertex statement);

// Emits every triple of the graph (DESIGN.md §3, lossless), subject by subject, in a
// deterministic order, with the analysis measures on entity nodes when `analysed` is given;
// of a partitioned build's rank, its `part`. Returns the number of triples.
std::size_t emit_triples(const KnowledgeGraph& graph, const AnalysedView* analysed,
                         TripleSink& sink, const FullViewPart& part = {});

}  // namespace signalkg
