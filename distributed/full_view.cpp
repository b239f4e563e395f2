#include "distributed/full_view.hpp"

#include <algorithm>
#include <fstream>
#include <map>

#include <fmt/format.h>

#include "exporters/atomic_file.hpp"
#include "exporters/graphml.hpp"
#include "exporters/json.hpp"
#include "exporters/neo4j.hpp"
#include "exporters/rdf.hpp"
#include "exporters/rdf_model.hpp"

#include "distributed/wire.hpp"

namespace signalkg::distributed {

namespace {

// The first full-view number of each rank's nodes: a node's first rank is the last whose
// first number is not above its own.
std::vector<std::uint32_t> first_numbers(Cluster& cluster, const Partition& partition) {
    const auto first = static_cast<std::uint32_t>(cluster.exclusive_sum(
        static_cast<std::uint64_t>(std::count(partition.first.begin(), partition.first.end(), 1))));
    std::string mine;
    WireWriter(mine).number(first);
    std::vector<std::uint32_t> numbers;
    for (const std::string& text : cluster.all_to_all(
             std::vector<std::string>(static_cast<std::size_t>(cluster.size()), mine)))
        numbers.push_back(WireReader(text).number32());
    return numbers;
}

}  // namespace

std::filesystem::path piece_path(const std::filesystem::path& out, const std::string& name,
                                 int rank, int section) {
    return out / fmt::format(".{}.piece-{}-{}{}", name, section, rank, kTemporarySuffix);
}

void join_pieces(const std::filesystem::path& out, const std::string& name, int ranks,
                 const std::vector<std::string>& glue, std::string_view separator,
                 const std::function<void(const TextSink&)>& end) {
    AtomicFile file(out / name);
    std::string block(1 << 20, '\0');
    for (std::size_t section = 0; section < glue.size(); ++section) {
        file.write(glue[section]);
        if (section + 1 == glue.size()) break;
        bool written = false;
        for (int rank = 0; rank < ranks; ++rank) {
            const std::filesystem::path piece =
                piece_path(out, name, rank, static_cast<int>(section));
            std::ifstream in(piece, std::ios::binary);
            if (!in) continue;  // a rank with nothing for this file
            bool first = true;
            while (in.read(block.data(), static_cast<std::streamsize>(block.size())) ||
                   in.gcount() > 0) {
                if (first && written) file.write(separator);
                first = false, written = true;
                file.write(std::string_view(block.data(), static_cast<std::size_t>(in.gcount())));
            }
            if (in.bad())
                throw OutputError(
                    fmt::format("{}: cannot read rank {}'s piece", piece.string(), rank));
        }
    }
    if (end) end([&](std::string_view text) { file.write(text); });
    file.commit();
    for (std::size_t section = 0; section + 1 < glue.size(); ++section)
        for (int rank = 0; rank < ranks; ++rank) {
            std::error_code ignored;
            std::filesystem::remove(piece_path(out, name, rank, static_cast<int>(section)),
                                    ignored);
        }
}

FullViewPart FullViewPiece::part(const Partition& partition) const {
    FullViewPart p;
    p.writes = writes;
    p.number = partition.global;
    p.first_edge = first_edge;
    p.article_count = partition.article_count;
    p.name_derived = name_derived;
    p.first_seen = first_seen;
    p.last_seen = last_seen;
    p.view_index = view_index;
    return p;
}

FullViewPiece full_view_piece(Cluster& cluster, const Partition& partition,
                              const EntityGraph& view) {
    const KnowledgeGraph& kg = *partition.graph;
    const Graph& g = kg.graph();
    const std::size_t n = boost::num_vertices(g);
    const bool root = cluster.is_root();
    FullViewPiece piece;
    piece.writes.resize(n);
    for (Vertex v = 0; v < n; ++v)
        piece.writes[v] = g[v].kind == NodeKind::Entity ? root : partition.first[v];

    FullViewPart held;  // the edges its pieces hold
    held.writes = piece.writes;
    std::uint64_t edges = 0;
    for (const Edge e : boost::make_iterator_range(boost::edges(g)))
        edges += held.holds(g[e], boost::source(e, g));
    piece.first_edge = cluster.exclusive_sum(edges);

    // Named from a row: the first rank hears from every other.
    piece.name_derived.assign(n, 0);
    const std::vector<std::uint32_t> firsts = first_numbers(cluster, partition);
    std::vector<std::string> out(static_cast<std::size_t>(cluster.size()));
    for (Vertex v = 0; v < n; ++v) {
        if (!is_statement_kind(g[v].kind) || !named_from_rows(kg, v)) continue;
        if (partition.first[v]) {
            piece.name_derived[v] = 1;
            continue;
        }
        const std::uint32_t number = partition.global[v];
        const auto rank =
            std::upper_bound(firsts.begin(), firsts.end(), number) - firsts.begin() - 1;
        WireWriter(out[static_cast<std::size_t>(rank)]).number(number);
    }
    for (const std::string& text : cluster.all_to_all(out))
        for (WireReader in(text); !in.done();) {
            const std::uint32_t number = in.number32();
            const std::uint32_t v = partition.local(number);
            if (v == kNone) throw WireError("a statement this rank does not hold");
            piece.name_derived[v] = 1;
        }

    // The entities' dates: each rank's first and last, at the root (every share holds every
    // entity, in the same order).
    std::vector<Vertex> entities;
    for (Vertex v = 0; v < n; ++v)
        if (g[v].kind == NodeKind::Entity) entities.push_back(v);
    out.assign(out.size(), {});
    {
        WireWriter to_root(out[0]);
        for (const Vertex v : entities) {
            std::string_view first, last;
            for (const std::uint32_t r : g[v].articles) {
                const std::string_view date = kg.reports()[r].date;
                if (date.empty()) continue;
                if (first.empty() || date < first) first = date;
                if (last.empty() || date > last) last = date;
            }
            to_root.text(first);
            to_root.text(last);
        }
    }
    const std::vector<std::string> in = cluster.all_to_all(out);
    if (!root) return piece;
    piece.first_seen.resize(n);
    piece.last_seen.resize(n);
    for (const std::string& text : in) {
        WireReader from(text);
        for (const Vertex v : entities) {
            const std::string_view first = from.text(), last = from.text();
            std::string &f = piece.first_seen[v], &l = piece.last_seen[v];
            if (!first.empty() && (f.empty() || first < f)) f = first;
            if (!last.empty() && (l.empty() || last > l)) l = last;
        }
    }
    piece.view_index.assign(n, kNone);
    for (const EntityVertex v : boost::make_iterator_range(boost::vertices(view)))
        piece.view_index[view[v].entity] = static_cast<std::uint32_t>(v);
    return piece;
}

namespace {

constexpr std::pair<RdfSyntax, const char*> kRdfFiles[] = {{RdfSyntax::NTriples, "graph.nt"},
                                                           {RdfSyntax::Turtle, "graph.ttl"},
                                                           {RdfSyntax::RdfXml, "graph.rdf"}};

// A CSV file's name and what its header and the scripts need (not its rows).
void write_csv_file(WireWriter& out, const CsvFile& file) {
    for (const std::string* text : {&file.name, &file.label, &file.from, &file.to, &file.type,
                                    &file.id_type, &file.end_id_type})
        out.text(*text);
    out.number(file.columns.size());
    for (const Column& column : file.columns) {
        out.text(column.name);
        out.text(column.type);
    }
}

CsvFile read_csv_file(WireReader& in) {
    CsvFile file;
    for (std::string* text : {&file.name, &file.label, &file.from, &file.to, &file.type,
                              &file.id_type, &file.end_id_type})
        *text = in.text();
    for (std::uint64_t i = 0, n = in.number(); i < n; ++i) {
        Column& column = file.columns.emplace_back();
        column.name = in.text();
        column.type = in.text();
    }
    return file;
}

}  // namespace

void write_full_view(Cluster& cluster, const Partition& partition, const FullViewPiece& piece,
                     const AnalysedView* view, const ViewSource* source,
                     const std::filesystem::path& out, const std::vector<std::string>& files) {
    const KnowledgeGraph& kg = *partition.graph;
    const FullViewPart part = piece.part(partition);
    const int rank = cluster.rank(), ranks = cluster.size();
    const auto wanted = [&](std::string_view name) {
        return std::find(files.begin(), files.end(), name) != files.end();
    };
    const std::filesystem::path neo4j = out / "neo4j";
    // The root makes the folders, clearing a killed run's temporaries, before any piece is
    // written (a rank clearing them would remove the others' pieces).
    std::string failure;
    if (cluster.is_root()) try {
            std::filesystem::create_directories(out);
            remove_stale_temporaries(out);
            if (wanted("neo4j/"))
                prepare_neo4j_folder(neo4j);
            else if (std::filesystem::is_directory(neo4j))
                remove_stale_temporaries(neo4j);  // pieces a killed run left
        } catch (const std::exception& e) {
            failure = e.what();
        }
    if (failure = cluster.broadcast(failure); !failure.empty()) throw OutputError(failure);
    std::vector<RdfFile> rdf;
    for (const auto& [syntax, name] : kRdfFiles)
        if (wanted(name)) rdf.push_back({syntax, piece_path(out, name, rank)});
    if (!rdf.empty()) write_rdf(kg, view, rdf, nullptr, part);
    if (wanted("graph.graphml"))
        write_full_graphml(kg, piece_path(out, "graph.graphml", rank), nullptr, part);
    if (wanted("graph.json"))
        write_graph_json_pieces(kg, part, piece_path(out, "graph.json", rank, 0),
                                piece_path(out, "graph.json", rank, 1));
    std::string csv;
    if (wanted("neo4j/")) {
        const ViewSource own(kg);  // read for the entity-view links, which only the root writes
        WireWriter message(csv);
        for (const auto& [name, file] : write_neo4j_piece(
                 kg, view, source ? *source : own, part, neo4j,
                 [&](const std::string& name) { return piece_path(neo4j, name, rank); }))
            write_csv_file(message, file);
    }
    // Every piece is written once the root has every rank's list of CSV files.
    const std::vector<std::string> lists = cluster.gather(std::move(csv));
    if (!cluster.is_root()) return;
    for (const auto& [syntax, name] : kRdfFiles)
        if (wanted(name)) join_pieces(out, name, ranks, {rdf_head(syntax), rdf_tail(syntax)});
    if (wanted("graph.graphml"))
        join_pieces(out, "graph.graphml", ranks, {full_graphml_head(), full_graphml_tail()});
    if (wanted("graph.json"))
        join_pieces(out, "graph.json", ranks, {graph_json_head(), graph_json_between(), ""}, ",",
                    [&](const TextSink& sink) { write_graph_json_tail(*source, *view, sink); });
    if (wanted("neo4j/")) {
        std::map<std::string, CsvFile> csv_files;
        for (const std::string& list : lists)
            for (WireReader in(list); !in.done();) {
                CsvFile file = read_csv_file(in);
                csv_files.try_emplace(file.name, std::move(file));
            }
        for (const auto& [name, file] : csv_files)
            join_pieces(neo4j, name, ranks, {file.header(), ""});
        finish_neo4j(neo4j, csv_files);
    }
}

}  // namespace signalkg::distributed
