// Shared test helpers: temporary folders, building graphs from text, reading RDF back.
#pragma once

#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "exporters/outputs.hpp"
#include "graph/knowledge_graph.hpp"
#include "ingest/corpus.hpp"
#include "pipeline/pipeline.hpp"

// Ends a test that needs the shared corpus of real reports (../shared/corpus, beside a
// checkout) when it is absent, as a user's clone is: the line it prints makes ctest count the
// test as skipped (SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt) and says why.
#define NEEDS_SHARED_CORPUS()                                                         \
    do {                                                                              \
        if (!std::filesystem::is_directory(SIGNALKG_CORPUS)) {                        \
            std::cout << "SKIPPED: needs the shared corpus at " SIGNALKG_CORPUS "\n"; \
            return;                                                                   \
        }                                                                             \
    } while (false)

namespace signalkg::test {

// A fresh folder under the system temp folder, removed with its contents at the end.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path write(const std::string& name, const std::string& text) const;

  private:
    std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);

// The shared corpus when it is there, else examples/reports: for checks of properties that
// any corpus has (on the real one in CI, on the examples in a user's clone).
inline std::string shared_corpus_or_examples() {
    return std::filesystem::is_directory(SIGNALKG_CORPUS) ? SIGNALKG_CORPUS
                                                          : SIGNALKG_EXAMPLES "/reports";
}

// Reads, assembles and links a corpus with the stages `signalkg build` runs (pipeline/).
struct Built {
    std::vector<Diagnostic> diagnostics;
    std::unique_ptr<KnowledgeGraph> owned;
    const KnowledgeGraph& graph = *owned;
};
Built build_from(const std::vector<std::string>& inputs, const Config& config = default_config(),
                 int jobs = 1);

// Writes the given formats (all when empty) after the entity view and analysis stages.
Written write_formats(const KnowledgeGraph& graph, const std::filesystem::path& out,
                      std::set<std::string> formats = {}, int jobs = 1);

// The vertex of a kind and label; fails the test when absent.
Vertex node(const KnowledgeGraph& g, NodeKind kind, const std::string& label);
// Targets of v's out-edges of a kind, as labels.
std::set<std::string> targets(const KnowledgeGraph& g, Vertex v, EdgeKind kind);

// A parsed RDF file: every triple as strings (IRIs bare, literals as their lexical form).
struct Triple {
    std::string subject, predicate, object;
    bool object_is_literal;
    auto operator<=>(const Triple&) const = default;
};
std::vector<Triple> parse_rdf(const std::filesystem::path& file, const char* syntax);

}  // namespace signalkg::test
