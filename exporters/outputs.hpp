// Every output file of `signalkg build`, by format name.
#pragma once

#include <exception>
#include <filesystem>
#include <functional>
#include <future>
#include <set>
#include <string>
#include <vector>

#include "exporters/dot.hpp"
#include "exporters/views.hpp"
#include "graph/entity_view.hpp"
#include "graph/knowledge_graph.hpp"

namespace signalkg {

// Format names accepted by --formats, in the order they are written.
const std::vector<std::string>& known_formats();

struct OutputOptions {
    std::set<std::string> formats;
    DiagramOptions diagram;  // for entities.dot and entities.svg
    int jobs = 1;            // files written at the same time
};

struct WrittenFile {
    std::filesystem::path path;
    double seconds = 0;  // wall time spent writing it
};

// The files that need only the full view (graph.graphml), written on a thread of their own
// from construction on: while the caller builds and analyses the entity view, stages that
// leave a core idle. Prepares `out` first. Failures are kept for write_outputs to throw.
class EarlyOutputs {
  public:
    EarlyOutputs(const KnowledgeGraph& graph, const std::filesystem::path& out,
                 const OutputOptions& options);
    // Throws what preparing `out` threw.
    void check_folder() const {
        if (failure_) std::rethrow_exception(failure_);
    }
    // Waits for the files; throws what writing them threw.
    std::vector<WrittenFile> wait();

  private:
    std::exception_ptr failure_;
    std::future<std::vector<WrittenFile>> writing_;
};

// Writes the requested formats into `out` (created if needed), each file atomically, `jobs`
// files at a time; `on_file` is called (from one thread at a time) as each file starts. With
// `early`, the files it writes are left to it and waited for.
// Throws OutputError (or DiagramError) on the first failure; files already written stay complete.
std::vector<WrittenFile> write_outputs(const KnowledgeGraph& graph, const AnalysedView& view,
                                       const std::filesystem::path& out,
                                       const OutputOptions& options,
                                       const std::function<void(const std::string&)>& on_file = {},
                                       EarlyOutputs* early = nullptr);

}  // namespace signalkg
