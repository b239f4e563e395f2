// The stages of a build, in order, with explicit data between them (DESIGN.md §1):
//
//   read ─▶ assemble ─▶ entity dictionary ─▶ link ─▶ entity view ─▶ analysis ─▶ outputs
//   ingest  Assembler   EntityDictionary       graph   EntityGraph    analysis    exporters
//
// The CLI, the tests and the benchmarks all run them through here. run() is every stage up to
// the analysis; each stage is also a function of its own, to run, time or replace one at a time.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/analyze.hpp"
#include "graph/entity_dictionary.hpp"
#include "graph/entity_view.hpp"
#include "graph/entity_worthiness.hpp"
#include "graph/knowledge_graph.hpp"
#include "ingest/config.hpp"
#include "ingest/corpus.hpp"

namespace signalkg::pipeline {

struct Options {
    std::vector<std::string> inputs;  // report files and folders
    Config config = default_config();
    ReadOptions read;            // read.jobs: threads of every stage
    analysis::Options analysis;  // its jobs are read.jobs
};

// Stage names and wall seconds (CPU seconds where the name says so), in the order they ran.
using Timings = std::vector<std::pair<std::string, double>>;

// What a stage is doing, for a progress bar: done of total items (total 0: not counted).
using Progress = std::function<void(std::string_view stage, std::size_t done, std::size_t total)>;

// How a build reads its files: every report handed to `take` in corpus order (ids unique), as
// read_corpus does, which is the default; a distributed build reads on every rank.
using CorpusReader =
    std::function<Corpus(const std::vector<std::string>& files, const ReportSink& take)>;

// Read + assemble: the reports of options.inputs are parsed on read.jobs threads and assembled on
// this one as they come, in file order. Diagnostics of both are appended. Empty when no report
// could be read (`files` tells how many files were tried).
struct Assembled {
    std::unique_ptr<KnowledgeGraph> graph;
    std::size_t files = 0, bytes = 0;  // report files found, bytes read
    double parse_cpu_seconds = 0;      // all threads together
};
Assembled read_and_assemble(const Options& options, std::vector<Diagnostic>& diagnostics,
                            Timings& timings, const Progress& progress = {},
                            const CorpusReader& reader = {});

// Entity dictionary, then linking; the graph is linked in place. A partitioned graph's rank
// links its share with what the ranks say together (distributed/partition.hpp): the acronym
// definitions of the whole corpus, and worthiness evidence summed over the ranks.
struct LinkScope {
    std::function<EntityDictionary::Defined(EntityDictionary::Defined)> corpus_definitions;
    WorthinessScope worthiness;
};
void link(KnowledgeGraph& graph, int jobs, Timings& timings, const LinkScope& scope = {});

// Adds a warning when WordNet's files are missing (linking runs without them).
void note_missing_wordnet(std::vector<Diagnostic>& diagnostics);

// The analysis' options: options.analysis, with the trends' from the configuration where the
// command line gave none, and today as the latest date a report may have unless configured.
analysis::Options analysis_options(const Options& options);

// Entity view, then analysis.
struct Analysed {
    EntityGraph view;
    analysis::Result analysis;
};
void view_and_analyze(const KnowledgeGraph& graph, const Options& options, Analysed& out,
                      Timings& timings);

// Every stage up to the analysis. `linked` runs once the full view is linked, before the entity
// view (the CLI starts writing the files of the full view there).
struct Run {
    std::vector<Diagnostic> diagnostics;
    Timings timings;
    std::size_t files = 0;                  // report files found
    std::unique_ptr<KnowledgeGraph> graph;  // empty when no report could be read
    Analysed analysed;
};
void run(const Options& options, Run& run, const Progress& progress = {},
         const std::function<void(const KnowledgeGraph&)>& linked = {},
         const CorpusReader& reader = {});

}  // namespace signalkg::pipeline
