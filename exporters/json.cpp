#include "exporters/json.hpp"

#include <cstring>
#include <optional>

#include "exporters/atomic_file.hpp"
#include "exporters/json_writer.hpp"

namespace signalkg {

namespace {

// RapidJSON writes (and escapes) into its StringBuffer, its fast path; drain() moves what it
// holds to the file, after each node and link. The StringBuffer is the only buffer needed.
// The elements of an array are written one at a time, each by the writer started afresh, so
// that a partitioned build's rank can write a piece of the array: its elements alone.
// It writes to a file, or to `sink` (the tail a partitioned build's root joins the pieces with).
struct JsonFile {
    JsonFile(const std::filesystem::path& file, DeferredCommits* deferred)
        : file(std::in_place, file, deferred) {}
    explicit JsonFile(const TextSink& sink) : sink(&sink) {}
    void drain(std::size_t at_least = 1 << 16) {
        if (buffer.GetSize() < at_least) return;
        const std::string_view data(buffer.GetString(), buffer.GetSize());
        file ? file->write(data) : (*sink)(data);
        buffer.Clear();
    }
    void raw(std::string_view text) {
        std::memcpy(buffer.Push(text.size()), text.data(), text.size());
    }
    // The writer for the next element of an array (or a value of its own).
    JsonWriter& element() {
        if (elements++ > 0) buffer.Put(',');
        w.Reset(buffer);
        return w;
    }
    void commit() {
        drain(0);
        if (file) file->commit();
    }
    std::optional<AtomicFile> file;
    const TextSink* sink = nullptr;
    rapidjson::StringBuffer buffer;
    JsonWriter w{buffer};
    std::size_t elements = 0;
};

// The document around the full view's nodes and links; the entity view follows the tail.
constexpr std::string_view kHead =
    R"({"directed":true,"multigraph":true,"graph":{"name":"signalkg full view"},"nodes":[)";
constexpr std::string_view kBetween = R"(],"links":[)";
constexpr std::string_view kBeforeEntityView = R"(],"entity_view":)";

void key(JsonWriter& w, std::string_view s) {
    w.Key(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
void field(JsonWriter& w, std::string_view name, std::string_view value) {
    if (value.empty()) return;
    key(w, name);
    json_string(w, value);
}
void strings(JsonWriter& w, std::string_view name, std::span<const std::string> values) {
    key(w, name);
    w.StartArray();
    for (const std::string& v : values)
        json_string(w, v);
    w.EndArray();
}

void uints(JsonWriter& w, const std::vector<std::uint32_t>& values) {
    w.StartArray();
    for (const std::uint32_t v : values)
        w.Uint(v);
    w.EndArray();
}

void write_nodes(JsonFile& file, const KnowledgeGraph& kg, const FullViewPart& part) {
    const Graph& g = kg.graph();
    for (Vertex v = 0; v < boost::num_vertices(g); ++v) {
        if (!part.whole() && !part.writes[v]) continue;
        const NodeProperties& n = g[v];
        JsonWriter& w = file.element();
        w.StartObject();
        field(w, "id", kg.iri(v));
        field(w, "kind", node_kind_name(n.kind));
        field(w, "label", n.label);
        if (!n.alt_labels.empty()) strings(w, "aliases", n.alt_labels);
        if (n.kind == NodeKind::Article) {
            const Report& r = kg.reports()[n.report];
            field(w, "report_id", r.id);
            for (const ArticleAttribute& a : kArticleAttributes)
                field(w, a.name, r.*a.field);
        } else if (is_term_kind(n.kind)) {
            key(w, "article_count"),
                w.Uint64(part.whole() ? n.articles.size() : part.article_count[v]);
            if (n.kind == NodeKind::Entity) field(w, "type", entity_type_name(n.type));
        }
        w.EndObject();
        file.drain();
    }
}

void write_links(JsonFile& file, const KnowledgeGraph& kg, const FullViewPart& part) {
    const Graph& g = kg.graph();
    std::uint64_t id = part.first_edge;
    for (const Edge e : boost::make_iterator_range(boost::edges(g))) {
        const EdgeProperties& ep = g[e];
        if (!part.holds(ep, boost::source(e, g))) continue;
        JsonWriter& w = file.element();
        w.StartObject();
        field(w, "source", kg.iri(boost::source(e, g)));
        field(w, "target", kg.iri(boost::target(e, g)));
        key(w, "key"), w.Uint64(id++);
        field(w, "kind", edge_kind_name(ep.kind));
        if (ep.article != kNone) field(w, "article", kg.reports()[ep.article].id);
        if (ep.statement != kNone && ep.kind != EdgeKind::DrivenBy) {
            const Statement& st = kg.observation(ep);
            for (const ObservationText& o : kObservationTexts)
                field(w, o.name, st.*o.field);
            if (st.relevancy) key(w, "relevancy"), w.Int(*st.relevancy);
        }
        w.EndObject();
        file.drain();
    }
}

// The entity view, as one object.
void write_entity_view(JsonFile& file, const ViewSource& source, const AnalysedView& analysed) {
    JsonWriter& w = file.w;
    w.Reset(file.buffer);
    w.StartObject();
    const EntityGraph& view = analysed.view;
    key(w, "directed"), w.Bool(false);
    key(w, "multigraph"), w.Bool(true);
    key(w, "graph"), w.StartObject(), key(w, "name"), json_string(w, "signalkg entity view");
    key(w, "modularity"), w.Double(analysed.analysis.modularity);
    key(w, "transitivity"), w.Double(analysed.analysis.transitivity);
    // The periods the nodes' series count over (analysis/trends.hpp).
    const analysis::Trends& trends = analysed.analysis.trends;
    field(w, "period", analysis::kPeriodNames[static_cast<int>(trends.period)]);
    strings(w, "periods", trends.periods);
    key(w, "documents"), uints(w, trends.documents);
    key(w, "time_weight"), w.Double(source.graph().config().trends.time_weight);
    w.EndObject();
    const std::vector<MeasureColumn> measures = measure_columns(analysed.analysis);
    key(w, "nodes");
    w.StartArray();
    for (const EntityVertex v : boost::make_iterator_range(boost::vertices(view))) {
        const NodeFacts n = source.node(view[v].entity);
        w.StartObject();
        field(w, "id", n.iri);
        field(w, "label", n.label);
        field(w, "type", entity_type_name(n.type));
        if (!n.alt_labels.empty()) strings(w, "aliases", n.alt_labels);
        key(w, "article_count"), w.Uint64(n.article_count);
        field(w, "first_seen", view[v].first_seen);
        field(w, "last_seen", view[v].last_seen);
        key(w, "reports_per_period"), uints(w, trends.entities.reports[v]);
        key(w, "occurrences_per_period"), uints(w, trends.entities.occurrences[v]);
        for (const MeasureColumn& m : measures) {
            key(w, m.name);
            if (m.real) w.Double((*m.real)[v]);
            if (m.integer) w.Uint((*m.integer)[v]);
            if (m.text) {
                const std::string& text = (*m.text)[v];
                if (text.empty()) {
                    w.Null();
                } else {
                    w.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
                }
            }
        }
        w.EndObject();
        file.drain();
    }
    w.EndArray();
    key(w, "links");
    w.StartArray();
    std::size_t id = 0;
    for (const EntityEdge e : boost::make_iterator_range(boost::edges(view))) {
        const EntityLink& l = view[e];
        w.StartObject();
        field(w, "source", source.node(view[boost::source(e, view)].entity).iri);
        field(w, "target", source.node(view[boost::target(e, view)].entity).iri);
        key(w, "key"), w.Uint64(id++);
        field(w, "kind", link_kind_name(l.kind));
        key(w, "weight"), w.Double(l.weight);
        key(w, "count"), w.Uint(l.count);
        field(w, "first_seen", l.first_seen);
        field(w, "last_seen", l.last_seen);
        key(w, "statements");
        w.StartArray();
        for (const Vertex s : l.statements)
            json_string(w, source.node(static_cast<std::uint32_t>(s)).label);
        w.EndArray();
        w.EndObject();
        file.drain();
    }
    w.EndArray();
    w.EndObject();
}

}  // namespace

void write_graph_json(const KnowledgeGraph& kg, const AnalysedView& analysed,
                      const std::filesystem::path& file, DeferredCommits* deferred) {
    JsonFile json(file, deferred);
    json.raw(kHead);
    write_nodes(json, kg, {});
    json.raw(kBetween);
    json.elements = 0;
    write_links(json, kg, {});
    json.raw(kBeforeEntityView);
    write_entity_view(json, kg, analysed);
    json.raw("}\n");
    json.commit();
}

void write_graph_json_pieces(const KnowledgeGraph& graph, const FullViewPart& part,
                             const std::filesystem::path& nodes, const std::filesystem::path& links,
                             DeferredCommits* deferred) {
    JsonFile node_piece(nodes, deferred);
    write_nodes(node_piece, graph, part);
    node_piece.commit();
    JsonFile link_piece(links, deferred);
    write_links(link_piece, graph, part);
    link_piece.commit();
}

std::string graph_json_head() {
    return std::string(kHead);
}

std::string graph_json_between() {
    return std::string(kBetween);
}

void write_graph_json_tail(const ViewSource& source, const AnalysedView& analysed,
                           const TextSink& sink) {
    JsonFile json(sink);
    json.raw(kBeforeEntityView);
    write_entity_view(json, source, analysed);
    json.raw("}\n");
    json.commit();
}

}  // namespace signalkg
