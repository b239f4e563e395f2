// Finding report files and reading a whole corpus, in parallel, in a deterministic order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ingest/report.hpp"

namespace signalkg {

struct Corpus {
    std::vector<Report> reports;  // in the sorted order of their paths
    std::vector<Diagnostic> diagnostics;
    std::size_t files = 0;
    std::size_t bytes = 0;
    double parse_cpu_seconds = 0;  // CPU time spent parsing, all threads together
};

// Report files found in folders: .md (markdown), .json, .jsonl and .ndjson.
bool is_report_extension(const std::string& extension);

struct ReadOptions {
    int jobs = 1;  // threads; the result does not depend on it
    std::uintmax_t max_file_size = kDefaultMaxFileSize;  // larger files are skipped
    // Follow symbolic links in folders that lead out of the folder given (links inside it are
    // always followed; each file is read once, under its first path in sorted order).
    bool follow_symlinks = false;
    // A file that runs out of memory while read or parsed: lost with a diagnostic (a build on
    // one machine keeps the others), or the end of the read, OutOfMemory thrown on the calling
    // thread when that file's turn comes (a rank of a distributed build ends the run).
    bool out_of_memory_throws = false;
};

// What reading throws for a file that ran out of memory, with out_of_memory_throws.
struct OutOfMemory : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The message of an input that does not exist (the CLI makes it an error when nothing else is).
inline constexpr std::string_view kNoSuchInput = "no such file or folder";

// Expands files and folders (recursively, report files) into a sorted, duplicate-free list.
// Paths that do not exist and links not followed become diagnostics.
std::vector<std::string> find_report_files(const std::vector<std::string>& inputs,
                                           std::vector<Diagnostic>& diagnostics,
                                           const ReadOptions& options = {});

using ProgressCallback = std::function<void(std::size_t done, std::size_t total)>;

// Reads and parses every file on `options.jobs` threads.
Corpus read_corpus(const std::vector<std::string>& files, const ReadOptions& options,
                   const ProgressCallback& progress = {});

// The same, handing each report to `take` on the calling thread, in the order read_corpus
// gives them, as soon as its file and every file before it are parsed: the caller builds while
// the other files are still being parsed. The returned corpus has no reports.
Corpus read_corpus(const std::vector<std::string>& files, const ReadOptions& options,
                   const ProgressCallback& progress, const ReportSink& take);

// Takes each file's reports (ids not yet made unique) and diagnostics on the calling thread, in
// file order, as soon as the file and every file before it are parsed (`file`: its index in
// `files`).
using ParsedFileSink = std::function<void(std::size_t file, ParsedReports&& parsed)>;
// What read_corpus does before the ids: the files parsed on `options.jobs` threads. The returned
// corpus has no reports and no diagnostics (the sink took them).
Corpus read_files(const std::vector<std::string>& files, const ReadOptions& options,
                  const ProgressCallback& progress, const ParsedFileSink& take);

// Report ids are unique in a corpus: a report whose id an earlier report has (say a/x.md and
// b/x.md) is renamed x~2 (then x~3, ...), with a diagnostic. Files are admitted in corpus order:
// each file's diagnostics are appended, then its reports renamed where needed and handed on.
class UniqueReportIds {
  public:
    void admit(ParsedReports&& file, std::vector<Diagnostic>& diagnostics, const ReportSink& take);
    // One report's id and path, next in corpus order: its new id when it had to be renamed
    // (with a diagnostic), else empty. A distributed build admits every rank's ids at the root.
    std::string admit(std::string_view id, std::string_view path,
                      std::vector<Diagnostic>& diagnostics);

  private:
    std::unordered_map<std::string, std::string> first_path_of_id_;
};

}  // namespace signalkg
