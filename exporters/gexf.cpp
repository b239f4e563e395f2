#include "exporters/gexf.hpp"

#include <algorithm>
#include <cmath>

#include "exporters/buffered_file.hpp"
#include "exporters/views.hpp"
#include "text/escape.hpp"

namespace signalkg {

namespace {

class GexfWriter {
  public:
    GexfWriter(const std::filesystem::path& file, DeferredCommits* deferred)
        : out_(file, deferred) {}

    void attribute_value(const char* id, std::string_view value) {
        if (value.empty()) return;
        out_.print("<attvalue for=\"{}\" value=\"", id);
        append_xml_escaped(out_.buffer(), value);
        out_ << "\"/>";
    }
    template <typename Number>
    void attribute_number(const char* id, Number value) {
        out_.print("<attvalue for=\"{}\" value=\"{}\"/>", id, value);
    }
    void spell(std::string_view first, std::string_view last) {
        if (first.empty()) return;
        out_.print("<spells><spell start=\"{}\" end=\"{}\"/></spells>", first, last);
    }
    void text(std::string_view value) { append_xml_escaped(out_.buffer(), value); }
    BufferedFile& out() { return out_; }

  private:
    BufferedFile out_;
};

}  // namespace

void write_entity_gexf(const ViewSource& source, const AnalysedView& analysed,
                       const std::filesystem::path& file, DeferredCommits* deferred) {
    const EntityGraph& view = analysed.view;
    const analysis::Result& result = analysed.analysis;
    const std::vector<MeasureColumn> measures = measure_columns(result);
    GexfWriter w(file, deferred);
    BufferedFile& out = w.out();
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" "
           "version=\"1.3\">\n"
           "  <meta>\n    <creator>signalkg</creator>\n"
           "    <description>Entities linked by signal, concern and driving-force edges; node "
           "size by PageRank, colour by Louvain community.</description>\n  </meta>\n"
           "  <graph mode=\"dynamic\" defaultedgetype=\"undirected\" timeformat=\"date\">\n"
           "    <attributes class=\"node\" mode=\"static\">\n"
           "      <attribute id=\"iri\" title=\"iri\" type=\"string\"/>\n"
           "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n"
           "      <attribute id=\"aliases\" title=\"aliases\" type=\"string\"/>\n"
           "      <attribute id=\"article_count\" title=\"article_count\" type=\"integer\"/>\n"
           "      <attribute id=\"first_seen\" title=\"first_seen\" type=\"string\"/>\n"
           "      <attribute id=\"last_seen\" title=\"last_seen\" type=\"string\"/>\n";
    for (const MeasureColumn& m : measures)
        out.print("      <attribute id=\"{0}\" title=\"{0}\" type=\"{1}\"/>\n", m.name,
                  m.integer ? "integer" : m.xml_type());
    out << "    </attributes>\n"
           "    <attributes class=\"edge\" mode=\"static\">\n"
           "      <attribute id=\"count\" title=\"count\" type=\"integer\"/>\n"
           "      <attribute id=\"statements\" title=\"statements\" type=\"string\"/>\n"
           "    </attributes>\n";

    const double max_rank = result.pagerank.empty()
                                ? 1.0
                                : *std::max_element(result.pagerank.begin(), result.pagerank.end());
    out.print("    <nodes count=\"{}\">\n", boost::num_vertices(view));
    for (const EntityVertex v : boost::make_iterator_range(boost::vertices(view))) {
        const EntityNode& node = view[v];
        const NodeFacts entity = source.node(node.entity);
        out.print("      <node id=\"n{}\" label=\"", v);
        w.text(entity.label);
        out << "\"><attvalues>";
        w.attribute_value("iri", entity.iri);
        w.attribute_value("type", entity_type_name(entity.type));
        w.attribute_value("aliases", join_labels(entity.alt_labels));
        w.attribute_number("article_count", entity.article_count);
        w.attribute_value("first_seen", node.first_seen);
        w.attribute_value("last_seen", node.last_seen);
        for (const MeasureColumn& m : measures) {
            if (m.real) w.attribute_number(m.name, (*m.real)[v]);
            if (m.integer) w.attribute_number(m.name, (*m.integer)[v]);
            if (m.text && !(*m.text)[v].empty()) w.attribute_value(m.name, (*m.text)[v]);
        }
        out << "</attvalues>";
        w.spell(node.first_seen, node.last_seen);
        const Rgb c = community_color(result.community[v]);
        out.print("<viz:color r=\"{}\" g=\"{}\" b=\"{}\"/><viz:size value=\"{:.3f}\"/></node>\n",
                  c.r, c.g, c.b, 4.0 + 36.0 * std::sqrt(result.pagerank[v] / max_rank));
    }
    out.print("    </nodes>\n    <edges count=\"{}\">\n", boost::num_edges(view));
    std::size_t id = 0;
    for (const EntityEdge e : boost::make_iterator_range(boost::edges(view))) {
        const EntityLink& link = view[e];
        const char* kind = link_kind_name(link.kind);
        out.print(
            "      <edge id=\"e{}\" source=\"n{}\" target=\"n{}\" weight=\"{}\" "
            "label=\"{}\" kind=\"{}\"><attvalues>",
            id++, boost::source(e, view), boost::target(e, view), link.weight, kind, kind);
        w.attribute_number("count", link.count);
        w.attribute_value("statements", statement_names(source, link));
        out << "</attvalues>";
        w.spell(link.first_seen, link.last_seen);
        const Rgb c = link_kind_color(link.kind);
        out.print("<viz:color r=\"{}\" g=\"{}\" b=\"{}\"/></edge>\n", c.r, c.g, c.b);
    }
    out << "    </edges>\n  </graph>\n</gexf>\n";
    out.commit();
}

}  // namespace signalkg
