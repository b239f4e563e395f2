// Run under mpirun: every rank assembles and links its share of a partitioned graph
// (distributed/partition.hpp), the root adds up the entity view and the trends and analyses the
// view; the root gathers every rank's nodes (those it names first) and edges in corpus numbers
// and compares them, the keywords' worthiness, the view, the trends and the measures with one
// process' build of the whole corpus.
//
//   mpirun -np N partition_check [--config FILE] [--measure] INPUT...
//
// Exit 0 when they are the same graph; 1, with the first differences, when not; 2 on a usage
// error. --measure compares nothing: each rank's share, time, peak memory and bytes sent.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/analyze.hpp"
#include "distributed/build.hpp"
#include "distributed/full_view.hpp"
#include "distributed/partition.hpp"
#include "distributed/view_source.hpp"
#include "exporters/outputs.hpp"
#include "exporters/rdf.hpp"
#include "exporters/report.hpp"
#include "parallel/timing.hpp"
#include "pipeline/pipeline.hpp"

using namespace signalkg;
using namespace signalkg::distributed;

namespace {

std::string node_line(std::uint32_t number, const NodeProperties& node, std::uint32_t articles) {
    std::string alts;
    for (const std::string& alt : node.alt_labels)
        alts += alt + '|';
    return fmt::format("node {} {} {} '{}' [{}] {}", number, node_kind_name(node.kind), node.key,
                       node.label, alts, articles);
}

std::string edge_line(std::uint32_t source, std::uint32_t target, const EdgeProperties& e,
                      std::uint32_t first_report) {
    return fmt::format("edge {} {} {} {} {}", source, target, edge_kind_name(e.kind),
                       e.article == kNone ? -1 : static_cast<long>(e.article + first_report),
                       e.statement == kNone ? -1 : static_cast<long>(e.statement));
}

// What is compared: every node and edge of the linked graph, and the Closest links that leave
// the corpus; the worthiness of every keyword (written by the root: every rank has them all).
// The entity view's nodes and links, in corpus numbers (`global` of the view's own vertices).
std::vector<std::string> view_lines(const EntityGraph& view,
                                    const std::vector<std::uint32_t>& global) {
    std::vector<std::string> lines;
    for (const EntityVertex v : boost::make_iterator_range(boost::vertices(view)))
        lines.push_back(fmt::format("view node {} {} {} {}", v, global[view[v].entity],
                                    view[v].first_seen, view[v].last_seen));
    for (const EntityEdge e : boost::make_iterator_range(boost::edges(view))) {
        const EntityLink& link = view[e];
        lines.push_back(
            fmt::format("view link {} {} {} {} {} {} {} [{}]", link_kind_name(link.kind),
                        global[view[boost::source(e, view)].entity],
                        global[view[boost::target(e, view)].entity], link.weight, link.count,
                        link.first_seen, link.last_seen, fmt::join(link.statements, " ")));
    }
    return lines;
}

// Trends over time, series by series (nodes in corpus numbers: `entity` for the entities',
// `statement` for the statements').
template <typename Entity, typename Statement>
std::vector<std::string> trend_lines(const analysis::Trends& t, const Entity& entity,
                                     const Statement& statement) {
    std::vector<std::string> lines;
    lines.push_back(fmt::format("trends {} [{}] [{}] undated {} too late [{}]",
                                analysis::kPeriodNames[static_cast<int>(t.period)],
                                fmt::join(t.periods, " "), fmt::join(t.documents, " "), t.undated,
                                fmt::join(t.too_late, " ")));
    const auto series = [&](const char* what, const analysis::TermSeries& s, const auto& number) {
        for (std::size_t i = 0; i < s.size(); ++i)
            lines.push_back(fmt::format(
                "trend {} {} [{}] [{}] {} {} bursts {} {} {:.9f}", what, number(s.nodes[i]),
                fmt::join(s.reports[i], " "), fmt::join(s.occurrences[i], " "), s.first_seen[i],
                s.last_seen[i], s.bursts[i].bursts.size(),
                analysis::emergence_class_name(s.emergence[i].emergence_class),
                s.emergence[i].visibility_growth));
    };
    series("entity", t.entities, entity);
    series("statement", t.statements, statement);
    for (const analysis::NewPair& pair : t.new_pairs)
        lines.push_back(fmt::format("new pair {} {} {}", pair.a, pair.b, pair.weight));
    return lines;
}

// The analysis of the entity view, entity by entity (`entity`: its corpus number).
template <typename Entity>
std::vector<std::string> analysis_lines(const analysis::Result& r, const EntityGraph& view,
                                        const Entity& entity) {
    std::vector<std::string> lines;
    lines.push_back(fmt::format("analysis modularity {:.9f} transitivity {:.9f} communities {}",
                                r.modularity, r.transitivity, r.communities));
    for (std::size_t v = 0; v < r.degree.size(); ++v)
        lines.push_back(fmt::format(
            "measures {} {} {:.9f} {:.9f} {:.9f} {:.9f} {:.9f} {:.9f} {} {} {} {} {} {}",
            entity(view[v].entity), r.degree[v], r.weighted_degree[v], r.betweenness[v],
            r.closeness[v], r.pagerank[v], r.eigenvector[v], r.clustering[v], r.component[v],
            r.core[v], r.community[v], r.bursts[v], r.emergence_class[v], r.burst_start[v]));
    return lines;
}

std::vector<std::string> worthiness_lines(const KnowledgeGraph& kg,
                                          const std::vector<std::uint32_t>& global) {
    std::vector<std::string> lines;
    for (const Worthiness& w : kg.worthiness())
        lines.push_back(fmt::format(
            "worthiness {} {} {} K{} M{} case {}/{} rows {}/{}/{} names {}/{} {:.9f} {:.9f} {}",
            global[w.vertex], verdict_name(w.verdict),
            w.merged_into == kNone ? -1L : static_cast<long>(global[w.merged_into]),
            w.keyword_reports, w.mentioning_reports, w.capitalised, w.mid_sentence, w.rows,
            w.technology_rows, w.technology_rows_around, w.statement_names, w.technology_names,
            w.specificity, w.score, entity_type_name(w.type)));
    return lines;
}

std::vector<std::string> lines_of(const KnowledgeGraph& kg,
                                  const std::vector<std::uint32_t>& global,
                                  const std::vector<char>& first,
                                  const std::vector<std::uint32_t>& articles,
                                  std::uint32_t first_report) {
    const Graph& g = kg.graph();
    std::vector<std::string> lines;
    for (Vertex v = 0; v < boost::num_vertices(g); ++v)
        if (first[v]) lines.push_back(node_line(global[v], g[v], articles[v]));
    // A rank writes the edges of its reports, and those of no report (about edges) where it is
    // the first to name their source.
    for (const Edge e : boost::make_iterator_range(boost::edges(g)))
        if (g[e].article != kNone || first[boost::source(e, g)])
            lines.push_back(edge_line(global[boost::source(e, g)], global[boost::target(e, g)],
                                      g[e], first_report));
    for (const auto& [report, iri] : kg.outside_links())
        lines.push_back(fmt::format("outside {} {}", report + first_report, iri));
    return lines;
}

// Prints the first `shown` lines only one of two sorted lists has; returns how many there are.
std::size_t print_differences(const std::vector<std::string>& mine,
                              const std::vector<std::string>& expected, std::string_view what,
                              std::size_t shown) {
    std::vector<std::string> missing, extra;
    std::set_difference(expected.begin(), expected.end(), mine.begin(), mine.end(),
                        std::back_inserter(missing));
    std::set_difference(mine.begin(), mine.end(), expected.begin(), expected.end(),
                        std::back_inserter(extra));
    for (std::size_t i = 0; i < std::min(missing.size(), shown); ++i)
        fmt::print("{}missing: {:.300}\n", what, missing[i]);
    for (std::size_t i = 0; i < std::min(extra.size(), shown); ++i)
        fmt::print("{}extra:   {:.300}\n", what, extra[i]);
    return missing.size() + extra.size();
}

OutputOptions every_format() {
    OutputOptions options;
    options.formats.insert(known_formats().begin(), known_formats().end());
    return options;
}

// The files the root writes from the entity view (and the configuration), byte for byte one
// process's.
bool is_view_file(std::string_view name) {
    return !name.starts_with("graph.") && !name.starts_with("neo4j/") && name != "manifest.json";
}

// Where two files first differ ("" when they are the same): the line, and both texts of it.
std::string first_difference(const std::filesystem::path& mine, const std::filesystem::path& one) {
    std::ifstream a(mine), b(one);
    if (!a || !b)
        return fmt::format("missing ({} {})", a ? "written" : "not written",
                           b ? "one process writes it" : "one process does not");
    std::string x, y;
    for (std::size_t line = 1;; ++line) {
        const bool more_a = static_cast<bool>(std::getline(a, x));
        const bool more_b = static_cast<bool>(std::getline(b, y));
        if (!more_a && !more_b) return "";
        if (more_a != more_b || x != y)
            return fmt::format("line {} differs:\n  mine: {:.300}\n  one:  {:.300}", line,
                               more_a ? x : "(end)", more_b ? y : "(end)");
    }
}

// Removes a folder and everything in it at the end of the run.
struct Cleanup {
    std::filesystem::path folder;
    ~Cleanup() {
        std::error_code ignored;
        if (!folder.empty()) std::filesystem::remove_all(folder, ignored);
    }
};

}  // namespace

int main(int argc, char** argv) {
    Cluster cluster(argc, argv);
    pipeline::Options options;
    bool measure = false;
    std::string keep;  // the folder to write the files in and keep
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--measure") {
            measure = true;
        } else if (arg == "--keep" && i + 1 < argc) {
            keep = argv[++i];
        } else if (arg == "--config" && i + 1 < argc) {
            options.config = load_config(argv[++i]);
        } else {
            options.inputs.push_back(arg);
        }
    }
    if (options.inputs.empty()) {
        if (cluster.is_root())
            std::fprintf(
                stderr,
                "usage: partition_check [--config FILE] [--measure] [--keep DIR] INPUT...\n");
        return 2;
    }
    std::vector<Diagnostic> found;
    const std::vector<std::string> files = find_report_files(options.inputs, found, options.read);
    const std::vector<std::string> share =
        share_out(files, cluster.size())[static_cast<std::size_t>(cluster.rank())];
    analysis::TrendOptions trend_options;
    trend_options.latest_date = "2026-12-02";  // the shared corpus has reports dated 2029
    Lap lap;
    Partition part = assemble_partition(cluster, share, options.config, options.read);
    const double assembled = lap();
    const std::uint64_t assembled_peak = peak_rss();
    pipeline::Timings timings;
    if (part.graph) link_partition(cluster, part, options.read.jobs, timings);
    const double linked = lap();
    const std::uint64_t linked_peak = peak_rss();
    EntityGraph view;
    if (part.graph) view_partition(cluster, part, EntityViewOptions::from(options.config), view);
    const double viewed = lap();
    if (measure) {
        // Per rank: what it holds, seconds and peak memory by stage, bytes sent.
        std::vector<std::string> to_root(static_cast<std::size_t>(cluster.size()));
        const std::size_t vertices = part.graph ? boost::num_vertices(part.graph->graph()) : 0;
        const std::size_t edges = part.graph ? boost::num_edges(part.graph->graph()) : 0;
        const auto mb = [](std::uint64_t bytes) { return static_cast<double>(bytes) / 1e6; };
        to_root[0] = fmt::format(
            "rank {}: {} reports, {} nodes, {} edges; assemble {:.1f} s, peak {:.0f} MB; link "
            "{:.1f} s, peak {:.0f} MB; entity view {:.1f} s, peak {:.0f} MB; sent {:.1f} MB\n",
            cluster.rank(), part.graph ? part.graph->reports().size() : 0, vertices, edges,
            assembled, mb(assembled_peak), linked, mb(linked_peak), viewed, mb(peak_rss()),
            mb(cluster.traffic().sent));
        const std::vector<std::string> gathered = cluster.all_to_all(to_root);
        if (cluster.is_root())
            for (const std::string& text : gathered)
                fmt::print("{}", text);
        return 0;
    }

    std::vector<std::string> to_root(static_cast<std::size_t>(cluster.size()));
    analysis::Result result;
    Gathered gathered_view;
    // The root's folder for the files, known to every rank.
    const std::filesystem::path written = cluster.all_to_all(
        std::vector<std::string>(static_cast<std::size_t>(cluster.size()),
                                 !keep.empty() ? keep
                                               : (std::filesystem::temp_directory_path() /
                                                  fmt::format("partition_check.{}", ::getpid()))
                                                     .string()))[0];
    const Cleanup cleanup{cluster.is_root() && keep.empty() ? written : std::filesystem::path()};
    std::filesystem::create_directories(written / "mine");
    if (part.graph) {
        std::vector<std::string> lines =
            lines_of(*part.graph, part.global, part.first, part.article_count, part.first_report);
        if (cluster.is_root()) {
            for (std::string& line : worthiness_lines(*part.graph, part.global))
                lines.push_back(std::move(line));
            for (std::string& line : view_lines(view, part.global))
                lines.push_back(std::move(line));
        }
        analysis::Trends trends = trends_partition(cluster, part, view, trend_options);
        if (cluster.is_root()) {
            const auto global = [&](Vertex v) { return part.global[v]; };
            for (std::string& line : trend_lines(trends, global, [](Vertex v) { return v; }))
                lines.push_back(std::move(line));
            analysis::Options analysis;
            analysis.trends = trend_options;
            result = analysis::analyze_entity_view(*part.graph, view, analysis, std::move(trends));
            for (std::string& line : analysis_lines(result, view, global))
                lines.push_back(std::move(line));
        }
        // Every file: the full view's from every rank's pieces, the entity view's from what the
        // root gathers.
        const FullViewPiece piece = full_view_piece(cluster, part, view);
        const HtmlOptions html;
        gather_view_source(cluster, part, view, result, &html, kReportTop, gathered_view);
        const AnalysedView analysed{view, result};
        const ViewSource source(*part.graph, gathered_view);
        const bool root = cluster.is_root();
        write_full_view(cluster, part, piece, root ? &analysed : nullptr, root ? &source : nullptr,
                        written / "mine", output_files(every_format().formats));
        if (root) write_view_outputs(source, analysed, written / "mine", every_format());
        // Each share lists its nodes in the corpus' order and holds every entity.
        if (!std::is_sorted(part.global.begin(), part.global.end()) ||
            std::adjacent_find(part.global.begin(), part.global.end()) != part.global.end())
            lines.push_back(fmt::format("rank {}: nodes not in the corpus' order", cluster.rank()));
        lines.push_back(fmt::format("entities {}", part.graph->count(NodeKind::Entity)));
        for (const std::string& line : lines)
            to_root[0] += line + '\n';
    }
    const std::vector<std::string> gathered = cluster.all_to_all(to_root);
    if (!cluster.is_root()) return 0;

    std::vector<std::string> mine;
    for (const std::string& text : gathered)
        for (std::size_t at = 0, end; at < text.size(); at = end + 1)
            mine.push_back(text.substr(at, (end = text.find('\n', at)) - at));
    std::vector<Diagnostic> diagnostics = found;
    const pipeline::Assembled one = pipeline::read_and_assemble(options, diagnostics, timings);
    if (one.graph) pipeline::link(*one.graph, options.read.jobs, timings);
    std::vector<std::string> expected;
    if (one.graph) {
        const Graph& g = one.graph->graph();
        std::vector<std::uint32_t> identity(boost::num_vertices(g)), counts(identity.size());
        for (Vertex v = 0; v < identity.size(); ++v) {
            identity[v] = static_cast<std::uint32_t>(v);
            counts[v] = static_cast<std::uint32_t>(g[v].articles.size());
        }
        expected = lines_of(*one.graph, identity, std::vector<char>(identity.size(), 1), counts, 0);
        for (std::string& line : worthiness_lines(*one.graph, identity))
            expected.push_back(std::move(line));
        const EntityGraph one_view =
            build_entity_view(*one.graph, EntityViewOptions::from(options.config));
        const EntityGraph& view = one_view;
        for (std::string& line : view_lines(view, identity))
            expected.push_back(std::move(line));
        const auto same = [](Vertex v) { return v; };
        for (std::string& line :
             trend_lines(analysis::analyze_trends(*one.graph, view, trend_options), same, same))
            expected.push_back(std::move(line));
        analysis::Options analysis;
        analysis.trends = trend_options;
        const analysis::Result one_result =
            analysis::analyze_entity_view(*one.graph, view, analysis);
        for (std::string& line : analysis_lines(one_result, view, same))
            expected.push_back(std::move(line));
        write_outputs(*one.graph, {view, one_result}, written / "one", every_format());
        for (int rank = 0; rank < cluster.size(); ++rank)
            expected.push_back(fmt::format("entities {}", one.graph->count(NodeKind::Entity)));
    }
    std::sort(mine.begin(), mine.end());
    std::sort(expected.begin(), expected.end());
    const std::size_t different_lines = print_differences(mine, expected, "", 10);
    int differences = different_lines > 0;
    // Diagnostics: the reading ones (the file search's are the root's own), then the thesaurus'.
    std::vector<std::string> said, one_said;
    for (const Diagnostic& d : found)
        said.push_back(fmt::format("{}:{}: {}", d.file, d.line, d.message));
    for (const Diagnostic& d : part.diagnostics)
        said.push_back(fmt::format("{}:{}: {}", d.file, d.line, d.message));
    for (const Diagnostic& d : diagnostics)
        one_said.push_back(fmt::format("{}:{}: {}", d.file, d.line, d.message));
    if (said != one_said) {
        fmt::print("diagnostics differ: {} against one process' {}\n", said.size(),
                   one_said.size());
        ++differences;
    }
    // The entity-view files, byte for byte.
    std::size_t files_compared = 0, files_differing = 0;
    for (const std::string& name : output_files(every_format().formats)) {
        const std::filesystem::path one_file = written / "one" / name;
        if (!one.graph || !is_view_file(name) || name.ends_with('/')) continue;
        ++files_compared;
        if (const std::string difference = first_difference(written / "mine" / name, one_file);
            !difference.empty()) {
            fmt::print("{}: {}\n", name, difference);
            ++differences, ++files_differing;
        }
    }
    // The triples, as sets: a driving force two ranks' reports give a statement is in both
    // pieces. (partition_check.py reads the Turtle and RDF/XML back with rapper.)
    std::size_t triples = 0;
    bool same_triples = true;
    if (one.graph) {
        const auto lines = [](const std::filesystem::path& file) {
            std::ifstream in(file);
            std::vector<std::string> all;
            for (std::string line; std::getline(in, line);)
                all.push_back(line);
            std::sort(all.begin(), all.end());
            all.erase(std::unique(all.begin(), all.end()), all.end());
            return all;
        };
        const std::vector<std::string> a = lines(written / "mine" / "graph.nt"),
                                       b = lines(written / "one" / "graph.nt");
        triples = b.size();
        same_triples = print_differences(a, b, "graph.nt: ", 5) == 0;
        differences += !same_triples;
    }
    const std::size_t vertices = one.graph ? boost::num_vertices(one.graph->graph()) : 0;
    if (part.vertices != vertices) {
        fmt::print("vertices: {} against one process' {}\n", part.vertices, vertices);
        ++differences;
    }
    const auto merged = std::count_if(expected.begin(), expected.end(), [](const std::string& l) {
        return l.find(" acronym's expansion ") != std::string::npos;
    });
    fmt::print(
        "{} ranks: {} lines compared (nodes, edges, keywords, the entity view, trends and "
        "measures; {} expansions merged into acronyms), {} differences; {} entity-view files "
        "compared byte for byte, {} differ; graph.nt from the ranks' pieces: {} triples{}\n",
        cluster.size(), expected.size(), merged, different_lines, files_compared, files_differing,
        triples, differences == 0 ? ", the same" : "");
    return differences == 0 ? 0 : 1;
}
