// Finding report files and reading a whole corpus, in parallel, in a deterministic order.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "ingest/report.hpp"

namespace signalkg {

struct Corpus {
    std::vector<Report> reports;  // in the sorted order of their paths
    std::vector<Diagnostic> diagnostics;
    std::size_t files = 0;
    std::size_t bytes = 0;
};

// Report files found in folders: .md (markdown), .json, .jsonl and .ndjson.
bool is_report_extension(const std::string& extension);

// Expands files and folders (recursively, report files) into a sorted, duplicate-free list.
// Paths that do not exist become diagnostics.
std::vector<std::string> find_report_files(const std::vector<std::string>& inputs,
                                           std::vector<Diagnostic>& diagnostics);

using ProgressCallback = std::function<void(std::size_t done, std::size_t total)>;

// Reads and parses every file on `jobs` threads. The result does not depend on `jobs`.
Corpus read_corpus(const std::vector<std::string>& files, int jobs,
                   const ProgressCallback& progress = {});

}  // namespace signalkg
