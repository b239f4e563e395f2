#include "exporters/json.hpp"

#include "exporters/atomic_file.hpp"
#include "exporters/json_writer.hpp"

namespace signalkg {

namespace {

// RapidJSON writes (and escapes) into its StringBuffer, its fast path; drain() moves what it
// holds to the file, after each node and link. The StringBuffer is the only buffer needed.
struct JsonFile {
    JsonFile(const std::filesystem::path& file, DeferredCommits* deferred) : out(file, deferred) {}
    void drain(std::size_t at_least = 1 << 16) {
        if (buffer.GetSize() < at_least) return;
        out.write(std::string_view(buffer.GetString(), buffer.GetSize()));
        buffer.Clear();
    }
    void commit() {
        buffer.Put('\n');
        drain(0);
        out.commit();
    }
    AtomicFile out;
    rapidjson::StringBuffer buffer;
    JsonWriter w{buffer};
};

void key(JsonWriter& w, std::string_view s) {
    w.Key(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
void field(JsonWriter& w, std::string_view name, std::string_view value) {
    if (value.empty()) return;
    key(w, name);
    json_string(w, value);
}
void strings(JsonWriter& w, std::string_view name, const std::vector<std::string>& values) {
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

void full_view(JsonFile& file, const KnowledgeGraph& kg) {
    JsonWriter& w = file.w;
    const Graph& g = kg.graph();
    key(w, "directed"), w.Bool(true);
    key(w, "multigraph"), w.Bool(true);
    key(w, "graph"), w.StartObject(), key(w, "name"), json_string(w, "signalkg full view"),
        w.EndObject();
    key(w, "nodes");
    w.StartArray();
    for (Vertex v = 0; v < boost::num_vertices(g); ++v) {
        const NodeProperties& n = g[v];
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
            key(w, "article_count"), w.Uint64(n.articles.size());
            if (n.kind == NodeKind::Entity) field(w, "type", entity_type_name(n.type));
        }
        w.EndObject();
        file.drain();
    }
    w.EndArray();
    key(w, "links");
    w.StartArray();
    std::size_t id = 0;
    for (const Edge e : boost::make_iterator_range(boost::edges(g))) {
        const EdgeProperties& ep = g[e];
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
    w.EndArray();
}

void entity_view(JsonFile& file, const KnowledgeGraph& kg, const AnalysedView& analysed) {
    JsonWriter& w = file.w;
    const EntityGraph& view = analysed.view;
    const Graph& g = kg.graph();
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
    key(w, "time_weight"), w.Double(kg.config().trends.time_weight);
    w.EndObject();
    const std::vector<MeasureColumn> measures = measure_columns(analysed.analysis);
    key(w, "nodes");
    w.StartArray();
    for (const EntityVertex v : boost::make_iterator_range(boost::vertices(view))) {
        const NodeProperties& n = g[view[v].entity];
        w.StartObject();
        field(w, "id", kg.iri(view[v].entity));
        field(w, "label", n.label);
        field(w, "type", entity_type_name(n.type));
        if (!n.alt_labels.empty()) strings(w, "aliases", n.alt_labels);
        key(w, "article_count"), w.Uint64(n.articles.size());
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
        field(w, "source", kg.iri(view[boost::source(e, view)].entity));
        field(w, "target", kg.iri(view[boost::target(e, view)].entity));
        key(w, "key"), w.Uint64(id++);
        field(w, "kind", link_kind_name(l.kind));
        key(w, "weight"), w.Double(l.weight);
        key(w, "count"), w.Uint(l.count);
        field(w, "first_seen", l.first_seen);
        field(w, "last_seen", l.last_seen);
        key(w, "statements");
        w.StartArray();
        for (const Vertex s : l.statements)
            json_string(w, kg.label(s));
        w.EndArray();
        w.EndObject();
        file.drain();
    }
    w.EndArray();
}

}  // namespace

void write_graph_json(const KnowledgeGraph& kg, const AnalysedView& analysed,
                      const std::filesystem::path& file, DeferredCommits* deferred) {
    JsonFile json(file, deferred);
    JsonWriter& w = json.w;
    w.StartObject();
    full_view(json, kg);
    key(w, "entity_view");
    w.StartObject();
    entity_view(json, kg, analysed);
    w.EndObject();
    w.EndObject();
    json.commit();
}

}  // namespace signalkg
