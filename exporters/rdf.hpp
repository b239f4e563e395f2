// RDF files through Raptor's serializers: Turtle, N-Triples, RDF/XML.
#pragma once

#include <cstddef>
#include <filesystem>

#include "exporters/views.hpp"
#include "graph/knowledge_graph.hpp"

namespace signalkg {

enum class RdfSyntax { Turtle, NTriples, RdfXml };

// Writes the graph atomically; returns the number of triples. Raptor's Turtle serializer keeps
// every triple in memory until the end, so Turtle is written as a sequence of documents of
// about `turtle_batch` triples each, one after another on the same file (a repeated identical
// @prefix is valid Turtle): memory stays bounded whatever the size of the graph.
std::size_t write_rdf(const KnowledgeGraph& graph, const AnalysedView* analysed, RdfSyntax syntax,
                      const std::filesystem::path& file, std::size_t turtle_batch = 20000);

// Writes ontology.ttl (the vocabulary compiled into signalkg).
void write_ontology(const std::filesystem::path& file);

}  // namespace signalkg
