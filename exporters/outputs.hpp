// Every output file of `signalkg build`, by format name.
#pragma once

#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "graph/knowledge_graph.hpp"

namespace signalkg {

// Format names accepted by --formats, in the order they are written.
const std::vector<std::string>& known_formats();

struct WrittenFile {
    std::filesystem::path path;
    std::size_t items = 0;  // triples, nodes or lines, depending on the format
};

// Writes the requested formats into `out` (created if needed), each file atomically.
// Throws OutputError on the first failure; files already written stay complete.
std::vector<WrittenFile> write_outputs(const KnowledgeGraph& graph,
                                       const std::filesystem::path& out,
                                       const std::set<std::string>& formats,
                                       const std::function<void(const std::string&)>& on_file = {});

}  // namespace signalkg
