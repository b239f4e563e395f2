// The output registry: every format `signalkg build` writes, the files each makes and the writer
// that makes them, in one table (exporters/outputs.cpp). A new format is one row there and one
// writer function beside the others.
#pragma once

#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "exporters/dot.hpp"
#include "exporters/html.hpp"
#include "exporters/view_source.hpp"
#include "exporters/views.hpp"
#include "graph/entity_view.hpp"
#include "graph/knowledge_graph.hpp"
#include "parallel/parallel.hpp"

namespace signalkg {

// Format names accepted by --formats, in the order the table lists them.
const std::vector<std::string>& known_formats();

// The files that `formats` make, as paths relative to OUT (the neo4j folder as "neo4j/"),
// each once, in the table's order.
std::vector<std::string> output_files(const std::set<std::string>& formats);

struct OutputOptions {
    std::set<std::string> formats;
    DiagramOptions diagram;  // for entities.dot and entities.svg
    HtmlOptions html;        // for report.html
    int jobs = 1;            // files written at the same time
};

// One writer's work: the files it wrote (relative to OUT) and its wall time.
struct WrittenFile {
    std::string name;  // its files, joined by " + "
    double seconds = 0;
};

// What write_outputs did: every writer's files, and the files of an earlier build in OUT that
// this one did not make and so removed (relative to OUT), so that OUT holds one build.
struct Written {
    std::vector<WrittenFile> files;
    std::vector<std::string> removed;
};

// The file in OUT that lists what the build that wrote OUT made (JSON: generator, formats,
// files); the last file a build writes.
inline constexpr const char* kManifest = "manifest.json";

// The writers that need only the full view (graph.graphml), started on a thread of their own at
// construction: they run while the caller builds and analyses the entity view, stages that
// leave a core idle. Prepares `out` first. Failures are kept for write_outputs to throw.
class EarlyOutputs {
  public:
    EarlyOutputs(const KnowledgeGraph& graph, const std::filesystem::path& out,
                 const OutputOptions& options);
    ~EarlyOutputs();
    // Throws what preparing `out` threw.
    void check_folder() const {
        if (failure_) std::rethrow_exception(failure_);
    }
    // Waits for the files; throws what writing them threw.
    std::vector<WrittenFile> wait();

  private:
    std::exception_ptr failure_;
    std::vector<WrittenFile> written_;
    std::unique_ptr<WorkerThreads> writing_;
};

// Writes the requested formats into `out` (created if needed), each file atomically, `jobs`
// writers at a time, their syncs and renames in the background (DeferredCommits); `on_file` is
// called (from one thread at a time) as each writer starts. With `early`, the writers it runs
// are left to it and waited for. Once all are written, output files of other formats (an
// earlier build's) are removed and OUT/manifest.json lists what this build made.
// Throws OutputError (or DiagramError) on the first failure; files already written stay complete.
Written write_outputs(const KnowledgeGraph& graph, const AnalysedView& view,
                      const std::filesystem::path& out, const OutputOptions& options,
                      const std::function<void(const std::string&)>& on_file = {},
                      EarlyOutputs* early = nullptr);

// Once every file is written: the output files of other formats (an earlier build's) are removed
// (returned, relative to OUT), and OUT/manifest.json lists what this build made.
std::vector<std::string> finish_outputs(const std::filesystem::path& out,
                                        const std::set<std::string>& formats);

// The files of the formats asked for that need no full view (the entity view's, the ontology,
// the Virtuoso loader), from `source`, atomically, into `out`: what a partitioned build's root
// writes (ViewSource over what it gathered). No manifest, nothing removed.
std::vector<WrittenFile> write_view_outputs(const ViewSource& source, const AnalysedView& view,
                                            const std::filesystem::path& out,
                                            const OutputOptions& options);

}  // namespace signalkg
