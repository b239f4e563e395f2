#include "distributed/full_view.hpp"

#include <algorithm>
#include <fstream>

#include <fmt/format.h>

#include "exporters/atomic_file.hpp"
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
                                 int rank) {
    return out / fmt::format(".{}.piece-{}{}", name, rank, kTemporarySuffix);
}

void join_pieces(const std::filesystem::path& out, const std::string& name, int ranks,
                 std::string_view head, std::string_view tail) {
    AtomicFile file(out / name);
    file.write(head);
    std::string block(1 << 20, '\0');
    for (int rank = 0; rank < ranks; ++rank) {
        const std::filesystem::path piece = piece_path(out, name, rank);
        std::ifstream in(piece, std::ios::binary);
        if (!in)
            throw OutputError(fmt::format("{}: cannot read rank {}'s piece", piece.string(), rank));
        while (in.read(block.data(), static_cast<std::streamsize>(block.size())) || in.gcount() > 0)
            file.write(std::string_view(block.data(), static_cast<std::size_t>(in.gcount())));
        if (in.bad())
            throw OutputError(fmt::format("{}: cannot read rank {}'s piece", piece.string(), rank));
    }
    file.write(tail);
    file.commit();
    for (int rank = 0; rank < ranks; ++rank) {
        std::error_code ignored;
        std::filesystem::remove(piece_path(out, name, rank), ignored);
    }
}

FullViewPart FullViewPiece::part(const Partition& partition) const {
    FullViewPart p;
    p.writes = writes;
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
            const auto at =
                std::lower_bound(partition.global.begin(), partition.global.end(), number);
            if (at == partition.global.end() || *at != number)
                throw WireError("a statement this rank does not hold");
            piece.name_derived[static_cast<std::size_t>(at - partition.global.begin())] = 1;
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

}  // namespace signalkg::distributed
