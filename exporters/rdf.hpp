// RDF files: Turtle, N-Triples, RDF/XML, and the ontology.
#pragma once

#include <cstddef>
#include <filesystem>
#include <vector>

#include "exporters/full_view_part.hpp"
#include "exporters/views.hpp"
#include "graph/knowledge_graph.hpp"

namespace signalkg {

enum class RdfSyntax { Turtle, NTriples, RdfXml };

// Writes the graph atomically, streaming (memory does not grow with the graph); returns the
// number of triples. Hand-written rather than Raptor's serializers: on 2.3M triples Raptor took
// 23 s for Turtle (holding every triple of a document in memory), 25 s for RDF/XML and 10 s for
// N-Triples (a locked fputc per byte); these writers take about a second each. Raptor, rapper,
// rdflib and Oxigraph read every file back in the tests.
std::size_t write_rdf(const KnowledgeGraph& graph, const AnalysedView* analysed, RdfSyntax syntax,
                      const std::filesystem::path& file);
// The same in several syntaxes at once, in one pass over the triples (making them costs as much
// as writing one syntax).
struct RdfFile {
    RdfSyntax syntax;
    std::filesystem::path file;
};
// A partitioned build's rank writes its `part`: a piece of each document, without its head and
// tail; the head, the pieces in rank order and the tail make the document.
std::size_t write_rdf(const KnowledgeGraph& graph, const AnalysedView* analysed,
                      const std::vector<RdfFile>& files, DeferredCommits* deferred = nullptr,
                      const FullViewPart& part = {});
std::string rdf_head(RdfSyntax syntax);
std::string rdf_tail(RdfSyntax syntax);

// Writes ontology.ttl (the vocabulary compiled into signalkg).
void write_ontology(const std::filesystem::path& file, DeferredCommits* deferred = nullptr);

}  // namespace signalkg
