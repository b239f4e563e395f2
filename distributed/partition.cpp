#include "distributed/partition.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <numeric>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "distributed/wire.hpp"
#include "graph/assembler.hpp"
#include "graph/key_index.hpp"
#include "graph/surface_forms.hpp"

namespace signalkg::distributed {

namespace {

// A node's kind and key as one text: what owners index nodes by.
std::string node_name(NodeKind kind, std::string_view key) {
    std::string name(1, static_cast<char>(kind));
    return name += key;
}

int owner_of(std::string_view name, int ranks) {
    return static_cast<int>(KeyIndex::hash_of(name) % static_cast<std::uint32_t>(ranks));
}

// Node v's forms in `forms`.
void write_forms(WireWriter& out, const SurfaceForms& forms, std::uint32_t v) {
    std::size_t count = 0;
    forms.for_each(v, [&](const SurfaceForms::Form&) { ++count; });
    out.number(count);
    forms.for_each(v, [&](const SurfaceForms::Form& form) {
        out.text(form.text);
        out.number(form.count);
        out.number(form.pinned);
    });
}

// A node of another rank's share that this one holds too.
void add_remote(Partition& out, std::uint32_t number, std::uint32_t article_count) {
    out.global.push_back(number);
    out.first.push_back(0);
    out.shared.push_back(1);
    out.article_count.push_back(article_count);
}

// Adds the forms write_forms wrote to node v of `forms`.
void read_forms(WireReader& in, SurfaceForms& forms, std::uint32_t v) {
    for (std::uint64_t i = 0, n = in.number(); i < n; ++i) {
        const std::string_view text = in.text();
        const std::uint64_t count = in.number();
        forms.add(v, text, in.number() != 0, count);
    }
}

// The reports of this rank's files, ids unique in the whole corpus: every rank sends the root
// its files' diagnostics and its reports' ids and paths; the root admits them in corpus order
// (keeping the diagnostics) and answers each rank with its renamed reports.
void make_ids_unique(Cluster& cluster, std::vector<ParsedReports>& files,
                     std::vector<Diagnostic>& diagnostics) {
    std::vector<std::string> out(static_cast<std::size_t>(cluster.size()));
    WireWriter to_root(out[0]);
    to_root.number(files.size());
    for (const ParsedReports& file : files) {
        to_root.number(file.diagnostics.size());
        for (const Diagnostic& d : file.diagnostics) {
            to_root.text(d.file);
            to_root.number(static_cast<std::uint64_t>(d.line));
            to_root.text(d.message);
        }
        to_root.number(file.reports.size());
        for (const Report& report : file.reports) {
            to_root.text(report.id);
            to_root.text(report.path);
        }
    }
    std::vector<std::string> in = cluster.all_to_all(out);
    out.assign(out.size(), {});
    if (cluster.is_root()) {
        UniqueReportIds ids;
        for (std::size_t rank = 0; rank < in.size(); ++rank) {
            WireReader from(in[rank]);
            WireWriter answer(out[rank]);
            std::uint64_t report = 0;
            for (std::uint64_t f = 0, n = from.number(); f < n; ++f) {
                for (std::uint64_t d = 0, m = from.number(); d < m; ++d) {
                    Diagnostic& diagnostic = diagnostics.emplace_back();
                    diagnostic.file = from.text();
                    diagnostic.line = static_cast<int>(from.number32());
                    diagnostic.message = from.text();
                }
                for (std::uint64_t r = 0, m = from.number(); r < m; ++r, ++report) {
                    const std::string_view id = from.text();
                    const std::string renamed = ids.admit(id, from.text(), diagnostics);
                    if (renamed.empty()) continue;
                    answer.number(report);
                    answer.text(renamed);
                }
            }
        }
    }
    in = cluster.all_to_all(out);
    std::vector<Report*> reports;
    for (ParsedReports& file : files)
        for (Report& report : file.reports)
            reports.push_back(&report);
    for (WireReader renames(in[0]); !renames.done();) {
        Report& report = *reports.at(renames.number());
        report.id = report.keep(renames.text());
    }
}

// What an owner knows of the nodes it owns, merged from every rank in rank order (corpus order).
struct Owned {
    std::vector<std::string> names;  // node_name of each
    std::vector<std::uint32_t> article_count;
    std::vector<int> first_rank;  // the lowest rank naming it
    std::vector<std::uint32_t> global;
    std::vector<std::uint32_t> holders;  // ranks naming it
    SurfaceForms forms;
    std::vector<std::vector<std::uint32_t>> sent;  // per rank: the owned node of each it sent
};

// Closest links to reports of other ranks: every rank tells each report id's owner (by the
// hash of the id) its article's number and asks it for the Closest targets that are not its
// own; a target found is a node of this rank's too, its remote article, numbered as there.
void link_remote_articles(Cluster& cluster, Assembler& assembler, Partition& out) {
    const auto ranks = static_cast<std::size_t>(cluster.size());
    const KnowledgeGraph& kg = assembler.assembling();
    std::vector<std::string> messages(ranks);
    std::vector<std::vector<std::string_view>> asked(ranks);
    std::unordered_set<std::string_view> known;
    for (std::uint32_t r = 0; r < kg.reports().size(); ++r) {
        const std::string_view id = kg.reports()[r].id;
        known.insert(id);
        WireWriter message(messages[owner_of(id, cluster.size())]);
        message.number(1);
        message.text(id);
        message.number(out.global[kg.article_vertex(r)]);
    }
    for (const Report& report : kg.reports())
        for (const Link& link : report.closest)
            if (known.insert(link.target).second) {
                const int owner = owner_of(link.target, cluster.size());
                asked[owner].push_back(link.target);
                WireWriter message(messages[owner]);
                message.number(0);
                message.text(link.target);
            }
    std::vector<std::string> received = cluster.all_to_all(messages);
    // Every rank's ids first, then the answers, in the order asked.
    std::unordered_map<std::string_view, std::uint32_t> article_of_id;
    for (const std::string& message : received)
        for (WireReader in(message); !in.done();)
            if (in.number() == 1) {
                const std::string_view id = in.text();
                article_of_id.emplace(id, in.number32());
            } else {
                in.text();
            }
    for (std::size_t rank = 0; rank < ranks; ++rank) {
        std::string answer;
        WireWriter writer(answer);
        for (WireReader in(received[rank]); !in.done();) {
            const bool registered = in.number() == 1;
            const std::string_view id = in.text();
            if (registered) {
                in.number();
                continue;
            }
            const auto found = article_of_id.find(id);
            writer.number(found == article_of_id.end() ? 0 : std::uint64_t{found->second} + 1);
        }
        messages[rank] = std::move(answer);
    }
    article_of_id = {};
    received = cluster.all_to_all(messages);
    for (std::size_t owner = 0; owner < ranks; ++owner) {
        WireReader in(received[owner]);
        for (const std::string_view target : asked[owner]) {
            const std::uint64_t number = in.number();
            if (number == 0) continue;  // outside the corpus
            assembler.add_remote_article(target);
            add_remote(out, static_cast<std::uint32_t>(number - 1), 1);
        }
    }
}

// 5. Every rank's share holds every entity of the corpus, as the dictionary entity linking
// looks for: each entity's first rank sends it to all (number, key, reports, spellings).
void add_every_entity(Cluster& cluster, Assembler& assembler, SurfaceForms& corpus_forms,
                      Partition& out) {
    const Graph& local = assembler.assembling().graph();
    std::string mine;
    WireWriter message(mine);
    for (Vertex v = 0; v < out.global.size(); ++v) {
        if (local[v].kind != NodeKind::Entity || !out.first[v]) continue;
        message.number(out.global[v]);
        message.text(local[v].key);
        message.number(out.article_count[v]);
        write_forms(message, corpus_forms, static_cast<std::uint32_t>(v));
    }
    const std::vector<std::string> received = cluster.all_to_all(
        std::vector<std::string>(static_cast<std::size_t>(cluster.size()), mine));
    mine = {};
    for (const std::string& from : received)
        for (WireReader in(from); !in.done();) {
            const std::uint32_t number = in.number32();
            const std::size_t before = out.global.size();
            const Vertex v = assembler.add_remote_node(NodeKind::Entity, in.text());
            const std::uint32_t articles = in.number32();
            if (v < before) {  // this rank's own
                SurfaceForms ignored;
                read_forms(in, ignored, 0);
                continue;
            }
            add_remote(out, number, articles);
            read_forms(in, corpus_forms, static_cast<std::uint32_t>(v));
        }
}

// 6. The share in the corpus' order, sorted by number, with the corpus' spellings of each node.
void into_corpus_order(Assembler& assembler, SurfaceForms& corpus_forms, Partition& out) {
    const std::size_t all = out.global.size();
    std::vector<std::uint32_t> old_of(all), new_of(all);
    std::iota(old_of.begin(), old_of.end(), 0u);
    std::sort(old_of.begin(), old_of.end(),
              [&](std::uint32_t a, std::uint32_t b) { return out.global[a] < out.global[b]; });
    for (std::uint32_t v = 0; v < all; ++v)
        new_of[old_of[v]] = v;
    assembler.renumber(new_of);
    SurfaceForms renumbered_forms;
    Partition sorted;
    for (std::uint32_t v = 0; v < all; ++v) {
        const std::uint32_t old = old_of[v];
        corpus_forms.for_each(old, [&](const SurfaceForms::Form& form) {
            renumbered_forms.add(v, form.text, form.pinned, form.count);
        });
        sorted.global.push_back(out.global[old]);
        sorted.first.push_back(out.first[old]);
        sorted.shared.push_back(out.shared[old]);
        sorted.article_count.push_back(out.article_count[old]);
    }
    out.global = std::move(sorted.global);
    out.first = std::move(sorted.first);
    out.shared = std::move(sorted.shared);
    out.article_count = std::move(sorted.article_count);
    corpus_forms = {};
    assembler.set_surface_forms(std::move(renumbered_forms));
}

}  // namespace

Partition assemble_partition(Cluster& cluster, const std::vector<std::string>& share,
                             const Config& config, const ReadOptions& read) {
    Partition out;
    const auto ranks = static_cast<std::size_t>(cluster.size());
    std::vector<ParsedReports> files;
    ReadOptions options = read;
    options.out_of_memory_throws = true;  // a rank out of memory ends the run
    out.bytes = read_files(share, options, {}, [&](std::size_t, ParsedReports&& parsed) {
                    files.push_back(std::move(parsed));
                }).bytes;
    make_ids_unique(cluster, files, out.diagnostics);

    std::vector<Diagnostic> thesaurus;
    Assembler assembler(config, thesaurus);
    for (ParsedReports& file : files)
        for (Report& report : file.reports)
            assembler.add(std::move(report));
    files = {};
    if (cluster.is_root())
        out.diagnostics.insert(out.diagnostics.end(), thesaurus.begin(), thesaurus.end());
    out.reports = cluster.sum(assembler.reports());
    out.first_report = static_cast<std::uint32_t>(cluster.exclusive_sum(assembler.reports()));
    if (out.reports == 0) return out;

    // 1. Every node but the articles to its owner: kind and key, reports naming it here, forms.
    const Graph& local = assembler.assembling().graph();
    const std::size_t n = boost::num_vertices(local);
    std::vector<std::string> messages(ranks);
    std::vector<std::vector<std::uint32_t>> sent(ranks);  // local vertices, per owner, in order
    for (Vertex v = 0; v < n; ++v) {
        const NodeProperties& node = local[v];
        if (node.kind == NodeKind::Article) continue;
        const std::string name = node_name(node.kind, node.key);
        const int owner = owner_of(name, cluster.size());
        sent[owner].push_back(static_cast<std::uint32_t>(v));
        WireWriter message(messages[owner]);
        message.text(name);
        message.number(node.articles.size());
        write_forms(message, assembler.surface_forms(), static_cast<std::uint32_t>(v));
    }
    std::vector<std::string> received = cluster.all_to_all(messages);

    // 2. The owner merges them, each rank's in turn, and answers each rank in the order it sent:
    // whether it named the node first, the corpus' count of reports naming it, every spelling.
    Owned owned;
    owned.sent.resize(ranks);
    KeyIndex index;
    const auto name_of = [&](std::uint32_t i) { return std::string_view(owned.names[i]); };
    for (std::size_t rank = 0; rank < ranks; ++rank) {
        for (WireReader in(received[rank]); !in.done();) {
            const std::string_view name = in.text();
            const auto next = static_cast<std::uint32_t>(owned.names.size());
            const auto [i, fresh] = index.find_or_insert(name, next, name_of);
            if (fresh) {
                owned.names.emplace_back(name);
                owned.article_count.push_back(0);
                owned.first_rank.push_back(static_cast<int>(rank));
                owned.global.push_back(kNone);
                owned.holders.push_back(0);
            }
            ++owned.holders[i];
            owned.article_count[i] += in.number32();
            read_forms(in, owned.forms, i);
            owned.sent[rank].push_back(i);
        }
        received[rank] = {};
    }
    for (std::size_t rank = 0; rank < ranks; ++rank) {
        messages[rank].clear();
        WireWriter answer(messages[rank]);
        for (const std::uint32_t i : owned.sent[rank]) {
            answer.number(owned.first_rank[i] == static_cast<int>(rank));
            answer.number(owned.holders[i] > 1);
            answer.number(owned.article_count[i]);
            write_forms(answer, owned.forms, i);
        }
    }
    received = cluster.all_to_all(messages);

    // 3. Each rank numbers its articles and the nodes it named first, in its order, after the
    // ranks before it: the order one process meets them in.
    SurfaceForms corpus_forms;
    out.first.assign(n, 0);
    out.shared.assign(n, 0);
    out.article_count.assign(n, 1);
    for (std::size_t owner = 0; owner < ranks; ++owner) {
        WireReader in(received[owner]);
        for (const std::uint32_t v : sent[owner]) {
            out.first[v] = static_cast<char>(in.number() != 0);
            out.shared[v] = static_cast<char>(in.number() != 0);
            out.article_count[v] = in.number32();
            read_forms(in, corpus_forms, v);
        }
        received[owner] = {};
    }
    std::uint64_t numbered = 0;
    for (Vertex v = 0; v < n; ++v) {
        if (local[v].kind == NodeKind::Article) out.first[v] = 1;
        numbered += out.first[v];
    }
    std::uint64_t next = cluster.exclusive_sum(numbered);
    out.vertices = cluster.sum(numbered);
    out.global.assign(n, kNone);
    for (Vertex v = 0; v < n; ++v)
        if (out.first[v]) out.global[v] = static_cast<std::uint32_t>(next++);

    // 4. The numbers of the nodes named first go to their owners, and from there to every rank
    // naming them.
    for (std::size_t owner = 0; owner < ranks; ++owner) {
        messages[owner].clear();
        WireWriter message(messages[owner]);
        for (const std::uint32_t v : sent[owner])
            if (out.first[v]) message.number(out.global[v]);
    }
    received = cluster.all_to_all(messages);
    for (std::size_t rank = 0; rank < ranks; ++rank) {
        WireReader in(received[rank]);
        for (const std::uint32_t i : owned.sent[rank])
            if (owned.first_rank[i] == static_cast<int>(rank)) owned.global[i] = in.number32();
    }
    for (std::size_t rank = 0; rank < ranks; ++rank) {
        messages[rank].clear();
        WireWriter answer(messages[rank]);
        for (const std::uint32_t i : owned.sent[rank])
            answer.number(owned.global[i]);
    }
    owned = {};
    received = cluster.all_to_all(messages);
    for (std::size_t owner = 0; owner < ranks; ++owner) {
        WireReader in(received[owner]);
        for (const std::uint32_t v : sent[owner])
            out.global[v] = in.number32();
    }

    link_remote_articles(cluster, assembler, out);
    add_every_entity(cluster, assembler, corpus_forms, out);

    into_corpus_order(assembler, corpus_forms, out);
    out.graph = std::move(assembler).finish(read.jobs);
    return out;
}

namespace {

// Every rank's acronym definitions added up at the root in rank order (the spelling first seen
// in the corpus), then sent to all.
EntityDictionary::Defined corpus_definitions(Cluster& cluster, const Partition& partition,
                                             const EntityDictionary::Defined& mine) {
    const auto write = [](const EntityDictionary::Defined& defined, std::string& text,
                          const auto& number_of) {
        WireWriter out(text);
        for (const auto& [key, acronyms] : defined) {
            out.text(key);
            out.number(acronyms.size());
            for (const auto& [acronym, seen] : acronyms) {
                out.number(number_of(acronym));
                out.number(static_cast<std::uint64_t>(seen.first));
                out.text(seen.second);
            }
        }
    };
    const auto read = [](const std::string& text, EntityDictionary::Defined& defined,
                         const auto& vertex_of) {
        for (WireReader in(text); !in.done();) {
            auto& acronyms = defined[std::string(in.text())];
            for (std::uint64_t i = 0, n = in.number(); i < n; ++i) {
                auto& seen = acronyms[vertex_of(in.number32())];
                const auto count = static_cast<int>(in.number32());
                const std::string_view spelling = in.text();
                if (seen.first == 0) seen.second = spelling;
                seen.first += count;
            }
        }
    };
    const auto same = [](std::uint32_t n) { return n; };
    std::vector<std::string> out(static_cast<std::size_t>(cluster.size()));
    write(mine, out[0], [&](std::uint32_t v) { return partition.global[v]; });
    std::vector<std::string> in = cluster.all_to_all(out);
    if (cluster.is_root()) {
        EntityDictionary::Defined all;  // by the acronyms' corpus numbers
        for (const std::string& text : in)
            read(text, all, same);
        std::string text;
        write(all, text, same);
        out.assign(out.size(), text);
    } else {
        out.assign(out.size(), {});
    }
    in = cluster.all_to_all(out);
    EntityDictionary::Defined defined;
    read(in[0], defined, [&](std::uint32_t global) { return Vertex{partition.local(global)}; });
    return defined;
}

// A statement several ranks name: its first rank gets the about edges of all (the union is made
// at its owner, which hears from every rank naming it and answers the lowest).
void unite_about_edges(Cluster& cluster, Partition& partition) {
    const auto ranks = static_cast<std::size_t>(cluster.size());
    const Graph& g = partition.graph->graph();
    std::vector<std::string> messages(ranks);
    std::vector<std::vector<Vertex>> sent(ranks);
    for (Vertex v = 0; v < boost::num_vertices(g); ++v) {
        if (!is_statement_kind(g[v].kind) || !partition.shared[v]) continue;
        const std::string name = node_name(g[v].kind, g[v].key);
        const int owner = owner_of(name, cluster.size());
        sent[owner].push_back(v);
        WireWriter message(messages[owner]);
        message.text(name);
        std::vector<std::uint32_t> about;
        for (const Edge e : boost::make_iterator_range(boost::out_edges(v, g)))
            if (g[e].kind == EdgeKind::About)
                about.push_back(partition.global[boost::target(e, g)]);
        message.number(about.size());
        for (const std::uint32_t entity : about)
            message.number(entity);
    }
    std::vector<std::string> received = cluster.all_to_all(messages);
    // name -> (the lowest rank naming it, its place in that rank's message, the union)
    struct United {
        std::size_t rank, index;
        std::vector<std::uint32_t> about;
    };
    std::unordered_map<std::string_view, United> united;
    std::vector<std::vector<const United*>> answers(ranks);
    for (std::size_t rank = 0; rank < ranks; ++rank) {
        std::size_t index = 0;
        for (WireReader in(received[rank]); !in.done(); ++index) {
            const auto [it, fresh] = united.try_emplace(in.text(), United{rank, index, {}});
            for (std::uint64_t i = 0, n = in.number(); i < n; ++i)
                it->second.about.push_back(in.number32());
            answers[rank].push_back(fresh ? &it->second : nullptr);
        }
    }
    for (std::size_t rank = 0; rank < ranks; ++rank) {
        messages[rank].clear();
        WireWriter answer(messages[rank]);
        for (const United* first : answers[rank]) {
            if (!first) {
                answer.number(0);
                continue;
            }
            std::vector<std::uint32_t> about = first->about;
            std::sort(about.begin(), about.end());
            about.erase(std::unique(about.begin(), about.end()), about.end());
            answer.number(about.size());
            for (const std::uint32_t entity : about)
                answer.number(entity);
        }
    }
    received = cluster.all_to_all(messages);
    for (std::size_t owner = 0; owner < ranks; ++owner) {
        WireReader in(received[owner]);
        for (const Vertex v : sent[owner]) {
            std::vector<std::uint32_t> about;
            for (std::uint64_t i = 0, n = in.number(); i < n; ++i)
                about.push_back(partition.local(in.number32()));
            if (!about.empty()) partition.graph->add_about_edges(v, about);
        }
    }
}

}  // namespace

void link_partition(Cluster& cluster, Partition& partition, int jobs, pipeline::Timings& timings) {
    KnowledgeGraph& kg = *partition.graph;
    pipeline::LinkScope scope;
    scope.corpus_definitions = [&](EntityDictionary::Defined mine) {
        return corpus_definitions(cluster, partition, mine);
    };
    scope.worthiness.keyword_reports = [&](Vertex v) { return partition.article_count[v]; };
    scope.worthiness.counts_statement = [&](Vertex v) { return partition.first[v] != 0; };
    scope.worthiness.sum = [&](std::span<std::uint32_t> counts) { cluster.sum(counts); };
    pipeline::link(kg, jobs, timings, scope);
    // An acronym took in its expansions' reports: each keyword's count, summed again.
    const Graph& g = kg.graph();
    std::vector<Vertex> keywords;
    std::vector<std::uint32_t> counts;
    for (Vertex v = 0; v < boost::num_vertices(g); ++v)
        if (g[v].kind == NodeKind::Entity || g[v].kind == NodeKind::Term) {
            keywords.push_back(v);
            counts.push_back(static_cast<std::uint32_t>(g[v].articles.size()));
        }
    cluster.sum(counts);
    for (std::size_t i = 0; i < keywords.size(); ++i)
        partition.article_count[keywords[i]] = counts[i];
    unite_about_edges(cluster, partition);
}

namespace {

void write_seen(WireWriter& out, const Seen& seen) {
    for (const std::uint32_t n : {seen.first, seen.first_report, seen.last, seen.last_report})
        out.number(n);
}

Seen read_seen(WireReader& in) {
    Seen seen;
    for (std::uint32_t* n : {&seen.first, &seen.first_report, &seen.last, &seen.last_report})
        *n = in.number32();
    return seen;
}

}  // namespace

void view_partition(Cluster& cluster, Partition& partition, const EntityViewOptions& options,
                    EntityGraph& view) {
    const KnowledgeGraph& kg = *partition.graph;
    ViewPart part = contribute_entity_view(kg, options);
    // This share's view in corpus numbers, and its reports' dates, to the root.
    const auto report = [&](std::uint32_t r) {
        return r == kNone ? kNone : r + partition.first_report;
    };
    const auto corpus_seen = [&](Seen seen) {
        seen.first_report = report(seen.first_report);
        seen.last_report = report(seen.last_report);
        return seen;
    };
    std::vector<std::string> out(static_cast<std::size_t>(cluster.size()));
    WireWriter message(out[0]);
    message.number(kg.reports().size());
    for (std::uint32_t r = 0; r < kg.reports().size(); ++r)
        message.text(kg.date(r));
    for (const Seen& seen : part.entities)
        write_seen(message, corpus_seen(seen));
    message.number(part.links.size());
    for (const ViewPart::Link& link : part.links) {
        message.number(link.key);
        message.real(link.weight);
        message.number(link.count);
        write_seen(message, corpus_seen(link.seen));
        message.number(link.statements.size());
        for (const Vertex statement : link.statements)
            message.number(partition.global[statement]);
    }
    const std::size_t entities = part.entities.size();
    part = {};
    std::vector<std::string> in = cluster.all_to_all(out);
    out = {};
    if (!cluster.is_root()) return;
    // Every rank's report dates and entities' dates, in rank order; then every rank's links,
    // merged by key as the view is made (no rank's part is decoded whole).
    std::vector<WireReader> readers;
    std::vector<Seen> seen(entities);
    for (const std::string& text : in) {
        WireReader& from = readers.emplace_back(text);
        for (std::uint64_t r = 0, n = from.number(); r < n; ++r)
            partition.dates.push(from.text());
        for (Seen& entity : seen)
            entity.widen(read_seen(from));
    }
    std::vector<Vertex> entity_vertices;
    for (Vertex v = 0; v < boost::num_vertices(kg.graph()); ++v)
        if (kg.graph()[v].kind == NodeKind::Entity) entity_vertices.push_back(v);
    const DateOf date_of = [&](std::uint32_t r) { return partition.dates[r]; };
    add_view_entities(seen, entity_vertices, date_of, view);
    // Each rank's next link (its links are in key order).
    struct Head {
        std::uint64_t left = 0;
        bool has = false;
        ViewPart::Link link;
    };
    std::vector<Head> heads(readers.size());
    const auto advance = [&](std::size_t rank) {
        Head& head = heads[rank];
        WireReader& from = readers[rank];
        head.has = head.left > 0;
        if (!head.has) return;
        --head.left;
        ViewPart::Link& link = head.link;
        link.key = from.number();
        link.weight = from.real();
        link.count = from.number32();
        link.seen = read_seen(from);
        link.statements.clear();
        for (std::uint64_t i = 0, m = from.number(); i < m; ++i)
            link.statements.push_back(from.number32());
    };
    for (std::size_t rank = 0; rank < heads.size(); ++rank) {
        heads[rank].left = readers[rank].number();
        advance(rank);
    }
    for (;;) {
        std::uint64_t key = UINT64_MAX;
        for (const Head& head : heads)
            if (head.has) key = std::min(key, head.link.key);
        if (key == UINT64_MAX) break;
        ViewPart::Link link;
        bool first = true;
        for (std::size_t rank = 0; rank < heads.size(); ++rank) {
            if (!heads[rank].has || heads[rank].link.key != key) continue;
            if (first)
                link = std::move(heads[rank].link);
            else
                add_to_link(link, heads[rank].link);
            first = false;
            advance(rank);
        }
        add_view_link(std::move(link), date_of, view);
    }
}

namespace {

void write_dates(WireWriter& out, const analysis::TrendDates& dates) {
    out.number(dates.undated);
    out.number(dates.dated);
    out.text(dates.first);
    out.text(dates.last);
    out.number(dates.too_late.size());
    for (const std::uint32_t r : dates.too_late)
        out.number(r);
}

analysis::TrendDates read_dates(WireReader& in) {
    analysis::TrendDates dates;
    dates.undated = in.number();
    dates.dated = in.number();
    dates.first = in.text();
    dates.last = in.text();
    for (std::uint64_t i = 0, n = in.number(); i < n; ++i)
        dates.too_late.push_back(in.number32());
    return dates;
}

// Series i's reports and occurrences per period, and its dates.
void write_series(WireWriter& out, const analysis::TermSeries& series, std::size_t i) {
    for (const auto* counts : {&series.reports[i], &series.occurrences[i]})
        for (const std::uint32_t n : *counts)
            out.number(n);
    out.text(series.first_seen[i]);
    out.text(series.last_seen[i]);
}

// Adds what write_series wrote to series i; dates become the root's own (`date_of`).
template <typename DateOf>
void add_series(WireReader& in, analysis::TermSeries& series, std::size_t i,
                const DateOf& date_of) {
    for (auto* counts : {&series.reports[i], &series.occurrences[i]})
        for (std::uint32_t& n : *counts)
            n += in.number32();
    const std::string_view first = date_of(in.text()), last = date_of(in.text());
    std::string_view& first_seen = series.first_seen[i];
    if (!first.empty() && (first_seen.empty() || first < first_seen)) first_seen = first;
    if (last > series.last_seen[i]) series.last_seen[i] = last;
}

}  // namespace

analysis::Trends trends_partition(Cluster& cluster, const Partition& partition,
                                  const EntityGraph& view, const analysis::TrendOptions& options) {
    const KnowledgeGraph& kg = *partition.graph;
    const Graph& g = kg.graph();
    // The periods, from every rank's dates added up at the root.
    std::vector<std::string> out(static_cast<std::size_t>(cluster.size()));
    {
        WireWriter message(out[0]);
        write_dates(message, analysis::scan_trend_dates(kg, options, partition.first_report));
    }
    std::vector<std::string> in = cluster.all_to_all(out);
    if (cluster.is_root()) {
        analysis::TrendDates all;
        for (const std::string& text : in) {
            WireReader from(text);
            all.add(read_dates(from));
        }
        std::string text;
        WireWriter message(text);
        write_dates(message, all);
        out.assign(out.size(), text);
    } else {
        out.assign(out.size(), {});
    }
    in = cluster.all_to_all(out);
    analysis::Trends trends;
    {
        WireReader from(in[0]);
        analysis::set_periods(trends, read_dates(from), options);
    }

    // This share's series: every entity (in view order) and its trend statements.
    std::vector<Vertex> entities, statements;
    for (Vertex v = 0; v < boost::num_vertices(g); ++v) {
        if (g[v].kind == NodeKind::Entity) entities.push_back(v);
        if (analysis::is_trend_statement(g[v].kind, partition.article_count[v]))
            statements.push_back(v);
    }
    analysis::count_trends(kg, entities, statements, options, trends);
    out.assign(out.size(), {});
    {
        WireWriter message(out[0]);
        for (const std::uint32_t n : trends.documents)
            message.number(n);
        for (std::size_t i = 0; i < entities.size(); ++i)
            write_series(message, trends.entities, i);
        message.number(statements.size());
        for (std::size_t i = 0; i < statements.size(); ++i) {
            message.number(partition.global[statements[i]]);
            write_series(message, trends.statements, i);
        }
    }
    in = cluster.all_to_all(out);
    if (!cluster.is_root()) return {};

    // Added up in rank order; dates point into the root's table of every report's.
    std::unordered_map<std::string_view, std::string_view> own_date;
    for (std::size_t r = 0; r < partition.dates.size(); ++r)
        own_date.emplace(partition.dates[r], partition.dates[r]);
    const auto date_of = [&](std::string_view date) {
        const auto it = own_date.find(date);
        return it == own_date.end() ? std::string_view() : it->second;
    };
    // The periods as every rank has them; the counts start from zero.
    analysis::Trends all = std::move(trends);
    const std::size_t periods = all.periods.size();
    all.documents.assign(periods, 0);
    all.statements = {};
    all.entities = {};
    all.entities.nodes = entities;
    all.entities.allocate(periods);
    std::map<std::uint32_t, std::uint32_t> statement_slot;  // corpus number -> series
    for (const std::string& text : in) {
        WireReader from(text);
        for (std::uint32_t& n : all.documents)
            n += from.number32();
        for (std::size_t i = 0; i < entities.size(); ++i)
            add_series(from, all.entities, i, date_of);
        const std::uint64_t count = from.number();
        for (std::uint64_t i = 0; i < count; ++i) {
            const std::uint32_t number = from.number32();
            const auto [slot, fresh] = statement_slot.try_emplace(
                number, static_cast<std::uint32_t>(all.statements.nodes.size()));
            if (fresh) {
                all.statements.nodes.push_back(number);
                for (auto* counts : {&all.statements.reports, &all.statements.occurrences})
                    counts->emplace_back(periods, 0);
                all.statements.first_seen.emplace_back();
                all.statements.last_seen.emplace_back();
            }
            add_series(from, all.statements, slot->second, date_of);
        }
    }
    // The statements in corpus order, as one process lists them.
    analysis::TermSeries& s = all.statements;
    analysis::TermSeries sorted;
    for (const auto& [number, i] : statement_slot) {
        sorted.nodes.push_back(s.nodes[i]);
        sorted.reports.push_back(std::move(s.reports[i]));
        sorted.occurrences.push_back(std::move(s.occurrences[i]));
        sorted.first_seen.push_back(s.first_seen[i]);
        sorted.last_seen.push_back(s.last_seen[i]);
    }
    s = std::move(sorted);
    analysis::finish_trends(all, view, options);
    return all;
}

}  // namespace signalkg::distributed
