// Builds over the ranks of a cluster, with the single-process result. The root drives; the other
// ranks serve its orders.
//
// `build` runs on a partitioned graph (build_partitioned): every rank holds its share from
// reading to writing. `diagram` shares out only the reading (run): every rank reads and parses
// a share of the files, contiguous in corpus order and about equal in bytes, and the root
// assembles the reports in corpus order and runs the rest as pipeline::run does.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "distributed/cluster.hpp"
#include "exporters/outputs.hpp"
#include "pipeline/pipeline.hpp"

namespace signalkg::distributed {

// What one rank did, for --timings and the benchmark.
struct RankReport {
    int rank = 0;
    std::string host;
    std::uint64_t files = 0, bytes = 0, reports = 0;  // its share of the input
    double read_seconds = 0;                          // reading and parsing its share
    std::uint64_t peak_rss = 0;                       // bytes (VmHWM)
    Traffic traffic;
};

// This process's peak resident set (VmHWM), in bytes.
std::uint64_t peak_rss();

// Which rank reads each file: contiguous runs of about equal bytes, in file order.
std::vector<int> share_files(const std::vector<std::uint64_t>& sizes, int ranks);
// Each rank's files (by their sizes on disk, share_files), in file order.
std::vector<std::vector<std::string>> share_out(const std::vector<std::string>& files, int ranks);

// The root's side of a build whose reading alone is shared out (`diagram`): pipeline::run,
// whose reading orders every rank to read its share and send it. The other ranks run serve().
void run(Cluster& cluster, const pipeline::Options& options, pipeline::Run& run,
         const pipeline::Progress& progress,
         const std::function<void(const KnowledgeGraph&)>& linked);

// A build on a graph partitioned over the ranks (distributed/partition.hpp): every rank reads
// and holds its share from reading to writing, and writes its pieces of the full-view files;
// the root writes the entity-view files from what it gathers. What every rank is told:
struct BuildJob {
    std::string config;  // the configuration's file; empty: the default
    ReadOptions read;
    analysis::TrendOptions trends;
    std::filesystem::path out;
    std::vector<std::string> files;  // the output files of the formats asked for (output_files)
};

// What the root has besides the files.
struct BuildSummary {
    std::size_t files = 0;  // report files found
    bool built = false;     // some report was read
    std::size_t reports = 0, nodes = 0, edges = 0, entities = 0, links = 0, communities = 0;
    std::vector<Diagnostic> diagnostics;  // the file search's, the reading's, the thesaurus'
    pipeline::Timings timings;
    std::vector<std::pair<std::string, std::uint64_t>> peaks;  // its peak RSS after each stage
    std::vector<std::string> removed;                          // an earlier build's files in OUT
};

// The root's side: finds the report files of `inputs`, orders every rank to build its share,
// builds its own, analyses the view and writes the files of `output` (which names job.files)
// into job.out. Throws what writing throws (the other ranks are then ended by the caller).
BuildSummary build_partitioned(Cluster& cluster, const std::vector<std::string>& inputs,
                               const BuildJob& job, const analysis::Options& analysis,
                               const OutputOptions& output, const pipeline::Progress& progress);

// Every rank's report, at the root; the others are ordered to send theirs.
std::vector<RankReport> rank_reports(Cluster& cluster);

// Ends the build: every other rank returns `code` from serve(). The root returns it.
int finish(Cluster& cluster, int code);

// The other ranks' side: does what the root orders until finish(), and returns the root's exit
// code. A rank that cannot open a file the root found (an input not on a file system every node
// shares) ends the whole run through Cluster::fail with `fault_code`.
int serve(Cluster& cluster, int fault_code);

}  // namespace signalkg::distributed
