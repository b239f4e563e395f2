#include "exporters/graphml.hpp"

#include <vector>

#include "exporters/buffered_file.hpp"
#include "exporters/views.hpp"
#include "text/escape.hpp"

namespace signalkg {

namespace {

struct Key {
    const char* id;              // unique among keys; <data key=...> refers to it
    const char* domain;          // "node" or "edge"
    const char* type;            // GraphML attr.type: boolean, int, long, float, double or string
    const char* name = nullptr;  // attr.name when it differs from the id (node and edge `label`)
};

// A streaming GraphML document: keys first, then nodes and edges with their data.
class GraphmlWriter {
  public:
    // A piece (of a partitioned build's rank) is its nodes and edges alone.
    GraphmlWriter(const std::filesystem::path& file, DeferredCommits* deferred,
                  const std::vector<Key>& keys, bool directed, bool document = true)
        : out_(file, deferred), document_(document) {
        if (document_) out_ << head(keys, directed);
    }

    // The document's head: its keys and the graph's start.
    static std::string head(const std::vector<Key>& keys, bool directed) {
        std::string head =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
            "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
        for (const Key& k : keys)
            head += fmt::format("  <key id=\"{}\" for=\"{}\" attr.name=\"{}\" attr.type=\"{}\"/>\n",
                                k.id, k.domain, k.name ? k.name : k.id, k.type);
        return head += fmt::format("  <graph id=\"G\" edgedefault=\"{}\">\n",
                                   directed ? "directed" : "undirected");
    }
    static constexpr std::string_view kTail = "  </graph>\n</graphml>\n";

    void node(std::size_t id) { out_.print("    <node id=\"n{}\">", id); }
    void edge(std::size_t id, std::size_t source, std::size_t target) {
        out_.print("    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\">", id, source, target);
    }
    void end_node() { out_ << "</node>\n"; }
    void end_edge() { out_ << "</edge>\n"; }

    // One <data> element; empty text is left out (the attribute is absent).
    void data(const char* key, std::string_view value) {
        if (value.empty()) return;
        out_.print("<data key=\"{}\">", key);
        append_xml_escaped(out_.buffer(), value);
        out_ << "</data>";
    }
    template <typename Number>
    void number(const char* key, Number value) {
        out_.print("<data key=\"{}\">{}</data>", key, value);
    }

    void finish() {
        if (document_) out_ << kTail;
        out_.commit();
    }

  private:
    BufferedFile out_;
    bool document_;
};

// Neo4j's labels of a node as APOC reads them from GraphML: an entity's type is a second one.
template <typename Node>  // NodeProperties or NodeFacts
std::string apoc_labels(const Node& node) {
    std::string labels = std::string(":") + node_kind_name(node.kind);
    if (node.kind == NodeKind::Entity) (labels += ':') += entity_type_name(node.type);
    return labels;
}

std::vector<Key> full_keys() {
    std::vector<Key> keys = {{"labels", "node", "string"},  {"kind", "node", "string"},
                             {"label", "node", "string"},   {"iri", "node", "string"},
                             {"aliases", "node", "string"}, {"article_count", "node", "int"},
                             {"type", "node", "string"}};
    for (const ArticleAttribute& a : kArticleAttributes)
        keys.push_back({a.name, "node", "string"});
    keys.push_back({"edge_label", "edge", "string", "label"});
    keys.push_back({"article", "edge", "string"});
    for (const ObservationText& o : kObservationTexts)
        keys.push_back({o.name, "edge", "string"});
    keys.push_back({"relevancy", "edge", "int"});
    return keys;
}

}  // namespace

std::string full_graphml_head() {
    return GraphmlWriter::head(full_keys(), true);
}

std::string full_graphml_tail() {
    return std::string(GraphmlWriter::kTail);
}

void write_full_graphml(const KnowledgeGraph& kg, const std::filesystem::path& file,
                        DeferredCommits* deferred, const FullViewPart& part) {
    GraphmlWriter w(file, deferred, full_keys(), true, part.whole());
    const Graph& g = kg.graph();
    for (Vertex v = 0; v < boost::num_vertices(g); ++v) {
        if (!part.whole() && !part.writes[v]) continue;
        const NodeProperties& node = g[v];
        w.node(part.number_of(v));
        w.data("labels", apoc_labels(node));
        w.data("kind", node_kind_name(node.kind));
        w.data("label", node.label);
        w.data("iri", kg.iri(v));
        w.data("aliases", join_labels(node.alt_labels));
        if (node.kind == NodeKind::Article) {
            const Report& r = kg.reports()[node.report];
            for (const ArticleAttribute& a : kArticleAttributes)
                w.data(a.name, r.*a.field);
        } else if (is_term_kind(node.kind)) {
            w.number("article_count", part.whole() ? node.articles.size() : part.article_count[v]);
            if (node.kind == NodeKind::Entity) w.data("type", entity_type_name(node.type));
        }
        w.end_node();
    }
    std::uint64_t id = part.first_edge;
    for (const Edge e : boost::make_iterator_range(boost::edges(g))) {
        const EdgeProperties& ep = g[e];
        if (!part.holds(ep, boost::source(e, g))) continue;
        w.edge(id++, part.number_of(boost::source(e, g)), part.number_of(boost::target(e, g)));
        w.data("edge_label", edge_kind_name(ep.kind));
        if (ep.article != kNone) w.data("article", kg.reports()[ep.article].id);
        if (ep.statement != kNone && ep.kind != EdgeKind::DrivenBy) {
            const Statement& st = kg.observation(ep);
            for (const ObservationText& o : kObservationTexts)
                w.data(o.name, st.*o.field);
            if (st.relevancy) w.number("relevancy", *st.relevancy);
        }
        w.end_edge();
    }
    w.finish();
}

void write_entity_graphml(const ViewSource& source, const AnalysedView& analysed,
                          const std::filesystem::path& file, DeferredCommits* deferred) {
    const EntityGraph& view = analysed.view;
    const std::vector<MeasureColumn> measures = measure_columns(analysed.analysis);
    std::vector<Key> keys = {{"labels", "node", "string"},
                             {"label", "node", "string"},
                             {"type", "node", "string"},
                             {"iri", "node", "string"},
                             {"aliases", "node", "string"},
                             {"article_count", "node", "int"},
                             {"first_seen", "node", "string"},
                             {"last_seen", "node", "string"},
                             {"edge_label", "edge", "string", "label"},
                             {"weight", "edge", "double"},
                             {"count", "edge", "int"},
                             {"edge_first_seen", "edge", "string", "first_seen"},
                             {"edge_last_seen", "edge", "string", "last_seen"},
                             {"statements", "edge", "string"}};
    for (const MeasureColumn& m : measures)
        keys.push_back({m.name, "node", m.xml_type()});
    GraphmlWriter w(file, deferred, keys, false);
    for (const EntityVertex v : boost::make_iterator_range(boost::vertices(view))) {
        const EntityNode& node = view[v];
        const NodeFacts entity = source.node(node.entity);
        w.node(v);
        w.data("labels", apoc_labels(entity));
        w.data("label", entity.label);
        w.data("type", entity_type_name(entity.type));
        w.data("iri", entity.iri);
        w.data("aliases", join_labels(entity.alt_labels));
        w.number("article_count", entity.article_count);
        w.data("first_seen", node.first_seen);
        w.data("last_seen", node.last_seen);
        for (const MeasureColumn& m : measures) {
            if (m.real) w.number(m.name, (*m.real)[v]);
            if (m.integer) w.number(m.name, (*m.integer)[v]);
            if (m.text && !(*m.text)[v].empty()) w.data(m.name, (*m.text)[v]);
        }
        w.end_node();
    }
    std::size_t id = 0;
    for (const EntityEdge e : boost::make_iterator_range(boost::edges(view))) {
        const EntityLink& link = view[e];
        w.edge(id++, boost::source(e, view), boost::target(e, view));
        w.data("edge_label", link_kind_name(link.kind));
        w.number("weight", link.weight);
        w.number("count", link.count);
        w.data("edge_first_seen", link.first_seen);
        w.data("edge_last_seen", link.last_seen);
        w.data("statements", statement_names(source, link));
        w.end_edge();
    }
    w.finish();
}

}  // namespace signalkg
