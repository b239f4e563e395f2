#include "distributed/build.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "distributed/full_view.hpp"
#include "distributed/partition.hpp"
#include "distributed/report_wire.hpp"
#include "distributed/view_source.hpp"
#include "parallel/timing.hpp"

namespace signalkg::distributed {

namespace {

enum class Order : std::uint8_t { Read, Report, Finish, Build };

RankReport this_rank;  // what this process did, for rank_reports()

// The order to read: the read options, then the files of the rank's share, in order.
std::string read_order(const ReadOptions& options, const std::vector<std::string>& files) {
    std::string order;
    WireWriter out(order);
    out.number(static_cast<std::uint64_t>(Order::Read));
    out.number(static_cast<std::uint64_t>(options.jobs));
    out.number(options.max_file_size);
    out.number(options.follow_symlinks);
    out.number(files.size());
    for (const std::string& file : files)
        out.text(file);
    return order;
}

// A file the root found must be there for every rank: else the run ends with `fault_code`.
void check_share(const Cluster& cluster, const std::vector<std::string>& files, int fault_code) {
    for (const std::string& file : files)
        if (::access(file.c_str(), F_OK) != 0 && errno == ENOENT)
            cluster.fail(fault_code,
                         fmt::format("cannot read its share of the input: {}: {} (the input "
                                     "must be on a file system every rank shares)",
                                     file, std::strerror(ENOENT)));
}

// Reads this rank's share as ordered and sends the root its files' results in order, then the
// bytes read and the CPU time of parsing (microseconds).
void read_share(Cluster& cluster, WireReader& order, int fault_code) {
    Lap lap;
    ReadOptions options;
    options.jobs = static_cast<int>(order.number32());
    options.max_file_size = order.number();
    options.follow_symlinks = order.number() != 0;
    options.out_of_memory_throws = true;  // a rank out of memory ends the run
    std::vector<std::string> files;
    for (std::uint64_t i = 0, n = order.number(); i < n; ++i)
        files.emplace_back(order.text());
    this_rank.files = files.size();
    check_share(cluster, files, fault_code);
    std::string message;
    WireWriter out(message);
    out.number(files.size());
    const Corpus corpus = read_files(files, options, {}, [&](std::size_t i, ParsedReports&& p) {
        this_rank.reports += p.reports.size();
        encode_file(i, p, message);
    });
    out.number(corpus.bytes);
    out.number(static_cast<std::uint64_t>(corpus.parse_cpu_seconds * 1e6));
    this_rank.bytes = corpus.bytes;
    this_rank.read_seconds = lap();
    cluster.send_to_root(message);
}

// This rank's report as of now, to the root or for the root's own list.
RankReport report_now(const Cluster& cluster) {
    this_rank.rank = cluster.rank();
    this_rank.host = cluster.host();
    this_rank.peak_rss = peak_rss();
    this_rank.traffic = cluster.traffic();
    return this_rank;
}

// The numbers of a rank's report, in the one order both sides use; its read time in
// microseconds.
template <typename Report, typename Each>
void rank_numbers(Report& r, const Each& each) {
    for (auto* n :
         {&r.files, &r.bytes, &r.reports, &r.peak_rss, &r.traffic.sent, &r.traffic.received})
        each(*n);
}

void send_report(Cluster& cluster) {
    const RankReport r = report_now(cluster);
    std::string message;
    WireWriter out(message);
    out.text(r.host);
    rank_numbers(r, [&](std::uint64_t n) { out.number(n); });
    out.number(static_cast<std::uint64_t>(r.read_seconds * 1e6));
    cluster.send_to_root(message);
}

// The order to build a share: the job, then the rank's files.
std::string build_order(const BuildJob& job, const std::vector<std::string>& share) {
    std::string order;
    WireWriter out(order);
    out.number(static_cast<std::uint64_t>(Order::Build));
    out.text(job.config);
    out.number(static_cast<std::uint64_t>(job.read.jobs));
    out.number(job.read.max_file_size);
    out.number(job.read.follow_symlinks);
    const analysis::TrendOptions& t = job.trends;
    out.number(t.period ? static_cast<std::uint64_t>(*t.period) + 1 : 0);
    out.text(t.latest_date);
    for (const double value :
         {t.bursts.s, t.bursts.gamma, t.emergence.time_weight, t.emergence.periods_per_year})
        out.real(value);
    out.text(job.out.string());
    for (const std::vector<std::string>* list : {&job.files, &share}) {
        out.number(list->size());
        for (const std::string& item : *list)
            out.text(item);
    }
    return order;
}

std::vector<std::string> read_list(WireReader& in) {
    std::vector<std::string> list(in.number());
    for (std::string& item : list)
        item = in.text();
    return list;
}

// What only the root does in a partitioned build: the analysis and the entity-view files.
struct RootWork {
    const analysis::Options& analysis;
    const OutputOptions& output;
    const pipeline::Progress& progress;
    BuildSummary& summary;
};

// The stages of a partitioned build, on every rank (collectives, in this order); `root` at the
// root only.
void build_share(Cluster& cluster, const BuildJob& job, const std::vector<std::string>& share,
                 RootWork* root) {
    const Config config = job.config.empty() ? default_config() : load_config(job.config);
    pipeline::Timings timings;
    const auto stage = [&](const char* name) {
        if (root && root->progress) root->progress(name, 0, 0);
    };
    // The root's peak memory after each stage (--timings), to size it.
    const auto peak = [&](const char* after) {
        if (root) root->summary.peaks.emplace_back(after, peak_rss());
    };
    Lap lap;
    stage("reading and assembling");
    ReadOptions read = job.read;
    read.out_of_memory_throws = true;  // a rank out of memory ends the run
    Partition partition = assemble_partition(cluster, share, config, read);
    this_rank.read_seconds = lap();
    timings.emplace_back("read + assemble (partitioned)", this_rank.read_seconds);
    peak("read + assemble");
    this_rank.files = share.size();
    this_rank.bytes = partition.bytes;
    this_rank.reports = partition.graph ? partition.graph->reports().size() : 0;
    if (root) {
        BuildSummary& s = root->summary;
        s.diagnostics.insert(s.diagnostics.end(), partition.diagnostics.begin(),
                             partition.diagnostics.end());
        s.built = partition.graph != nullptr;
    }
    if (!partition.graph) return;  // no report in the whole corpus: every rank knows
    stage("linking");
    link_partition(cluster, partition, job.read.jobs, timings);
    timings.emplace_back("link (partitioned, total)", lap());
    peak("link");
    if (root) pipeline::note_missing_wordnet(root->summary.diagnostics);
    stage("entity view");
    EntityGraph view;
    view_partition(cluster, partition, EntityViewOptions::from(config), view);
    analysis::Trends trends = trends_partition(cluster, partition, view, job.trends);
    timings.emplace_back("entity view and trends (partitioned)", lap());
    peak("entity view and trends");
    analysis::Result result;
    if (root) {
        stage("analysis");
        analysis::Options options = root->analysis;
        options.trends = job.trends;
        result = analysis::analyze_entity_view(*partition.graph, view, options, std::move(trends));
        for (const auto& [measure, seconds] : result.timings)
            timings.emplace_back("analysis: " + measure, seconds);
        timings.emplace_back("analysis (total)", lap());
        peak("analysis");
    }
    stage("writing");
    const FullViewPiece piece = full_view_piece(cluster, partition, view);
    Gathered gathered;
    const bool html =
        std::find(job.files.begin(), job.files.end(), "report.html") != job.files.end();
    gather_view_source(cluster, partition, view, result,
                       root && html ? &root->output.html : nullptr, kReportTop, gathered);
    const AnalysedView analysed{view, result};
    const ViewSource source(*partition.graph, gathered);
    write_full_view(cluster, partition, piece, root ? &analysed : nullptr, root ? &source : nullptr,
                    job.out, job.files);
    timings.emplace_back("write the full view (every rank its pieces)", lap());
    peak("gathering and the full view's pieces");
    if (!root) return;
    for (const WrittenFile& f : write_view_outputs(source, analysed, job.out, root->output))
        timings.emplace_back("write " + f.name, f.seconds);
    peak("the entity-view files");
    BuildSummary& s = root->summary;
    s.removed = finish_outputs(job.out, root->output.formats);
    s.reports = partition.reports;
    s.nodes = partition.vertices;
    for (const auto& [kind, count] : gathered.summary.edges_by_kind)
        s.edges += count;
    s.entities = boost::num_vertices(view);
    s.links = boost::num_edges(view);
    s.communities = result.communities;
    s.timings = std::move(timings);
}

// A rank's side of a partitioned build, as ordered.
void build_as_ordered(Cluster& cluster, WireReader& order, int fault_code) {
    BuildJob job;
    job.config = order.text();
    job.read.jobs = static_cast<int>(order.number32());
    job.read.max_file_size = order.number();
    job.read.follow_symlinks = order.number() != 0;
    analysis::TrendOptions& t = job.trends;
    if (const std::uint64_t period = order.number(); period > 0)
        t.period = static_cast<analysis::Period>(period - 1);
    t.latest_date = order.text();
    for (double* value :
         {&t.bursts.s, &t.bursts.gamma, &t.emergence.time_weight, &t.emergence.periods_per_year})
        *value = order.real();
    job.out = std::string(order.text());
    job.files = read_list(order);
    const std::vector<std::string> share = read_list(order);
    check_share(cluster, share, fault_code);
    build_share(cluster, job, share, nullptr);
}

}  // namespace

BuildSummary build_partitioned(Cluster& cluster, const std::vector<std::string>& inputs,
                               const BuildJob& job, const analysis::Options& analysis,
                               const OutputOptions& output, const pipeline::Progress& progress) {
    BuildSummary summary;
    const std::vector<std::string> files = find_report_files(inputs, summary.diagnostics, job.read);
    summary.files = files.size();
    const std::vector<std::vector<std::string>> shares = share_out(files, cluster.size());
    for (int rank = 1; rank < cluster.size(); ++rank)
        cluster.order(rank, build_order(job, shares[static_cast<std::size_t>(rank)]));
    RootWork root{analysis, output, progress, summary};
    build_share(cluster, job, shares[0], &root);
    return summary;
}

std::uint64_t peak_rss() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
    return 0;
}

std::vector<int> share_files(const std::vector<std::uint64_t>& sizes, int ranks) {
    std::vector<int> owner(sizes.size(), 0);
    std::uint64_t total = 0;
    for (const std::uint64_t size : sizes)
        total += size + 1;  // empty files count too
    // A file goes to the rank whose equal slice of all the bytes holds its middle byte.
    std::uint64_t before = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        const std::uint64_t middle = before + (sizes[i] + 1) / 2;
        owner[i] = static_cast<int>(
            std::min<std::uint64_t>(static_cast<std::uint64_t>(ranks - 1),
                                    middle * static_cast<std::uint64_t>(ranks) / total));
        before += sizes[i] + 1;
    }
    return owner;
}

std::vector<std::vector<std::string>> share_out(const std::vector<std::string>& files, int ranks) {
    std::vector<std::uint64_t> sizes;
    for (const std::string& file : files) {
        std::error_code error;
        const auto size = std::filesystem::file_size(file, error);
        sizes.push_back(error ? 0 : size);
    }
    const std::vector<int> owner = share_files(sizes, ranks);
    std::vector<std::vector<std::string>> shares(static_cast<std::size_t>(ranks));
    for (std::size_t i = 0; i < files.size(); ++i)
        shares[static_cast<std::size_t>(owner[i])].push_back(files[i]);
    return shares;
}

void run(Cluster& cluster, const pipeline::Options& options, pipeline::Run& run,
         const pipeline::Progress& progress,
         const std::function<void(const KnowledgeGraph&)>& linked) {
    const pipeline::CorpusReader reader = [&](const std::vector<std::string>& files,
                                              const ReportSink& take) {
        Lap lap;
        // Each rank is sent only its own share.
        const std::vector<std::vector<std::string>> shares = share_out(files, cluster.size());
        for (int rank = 1; rank < cluster.size(); ++rank)
            cluster.order(rank, read_order(options.read, shares[static_cast<std::size_t>(rank)]));
        const std::vector<std::string>& mine = shares[0];
        this_rank.files = mine.size();
        // The reports in corpus order: this rank's first, as they are parsed, then each other
        // rank's, in rank order; ids made unique and diagnostics kept in that order, as
        // read_corpus does.
        std::vector<Diagnostic> diagnostics;
        UniqueReportIds ids;
        const auto reading = [&](std::size_t done) {
            if (progress) progress("reading", done, files.size());
        };
        ReadOptions read = options.read;
        read.out_of_memory_throws = true;  // a rank out of memory ends the run
        Corpus corpus = read_files(
            mine, read, [&](std::size_t done, std::size_t) { reading(done); },
            [&](std::size_t, ParsedReports&& parsed) {
                this_rank.reports += parsed.reports.size();
                ids.admit(std::move(parsed), diagnostics, take);
            });
        this_rank.bytes = corpus.bytes;
        this_rank.read_seconds = lap();
        std::size_t done = mine.size();
        for (int from = 1; from < cluster.size(); ++from) {
            const std::string message = cluster.receive(from);
            WireReader in(message);
            const std::uint64_t count = in.number();
            for (std::uint64_t i = 0; i < count; ++i) {
                ParsedReports parsed;
                decode_file(in, parsed);
                ids.admit(std::move(parsed), diagnostics, take);
            }
            corpus.bytes += in.number();
            corpus.parse_cpu_seconds += static_cast<double>(in.number()) / 1e6;
            reading(done += count);
        }
        corpus.files = files.size();
        corpus.diagnostics = std::move(diagnostics);
        return corpus;
    };
    pipeline::run(options, run, progress, linked, reader);
}

std::vector<RankReport> rank_reports(Cluster& cluster) {
    std::string order;
    WireWriter(order).number(static_cast<std::uint64_t>(Order::Report));
    cluster.order(order);
    std::vector<RankReport> reports{report_now(cluster)};
    for (int from = 1; from < cluster.size(); ++from) {
        const std::string text = cluster.receive(from);
        WireReader in(text);
        RankReport r;
        r.rank = from;
        r.host = in.text();
        rank_numbers(r, [&](std::uint64_t& n) { n = in.number(); });
        r.read_seconds = static_cast<double>(in.number()) / 1e6;
        reports.push_back(r);
    }
    return reports;
}

int finish(Cluster& cluster, int code) {
    std::string order;
    WireWriter out(order);
    out.number(static_cast<std::uint64_t>(Order::Finish));
    out.number(static_cast<std::uint64_t>(code));
    cluster.order(order);
    return code;
}

int serve(Cluster& cluster, int fault_code) {
    for (;;) {
        const std::string order = cluster.next_order();
        WireReader in(order);
        switch (static_cast<Order>(in.number())) {
            case Order::Read:
                read_share(cluster, in, fault_code);
                break;
            case Order::Report:
                send_report(cluster);
                break;
            case Order::Finish:
                return static_cast<int>(in.number32());
            case Order::Build:
                build_as_ordered(cluster, in, fault_code);
                break;
        }
    }
}

}  // namespace signalkg::distributed
