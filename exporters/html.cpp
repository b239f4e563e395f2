#include "exporters/html.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "exporters/json_writer.hpp"
#include "exporters/viewer_assets.hpp"
#include "text/escape.hpp"

namespace signalkg {

namespace {

// A node's diameter in points for a measure value, as the page sizes them: the layout leaves
// room for it.
double node_size(double value, double max) {
    return 18 + 54 * (max > 0 ? std::sqrt(std::max(0.0, value) / max) : 0);
}

struct IncludedLink {
    EntityEdge edge;
    bool drawn;
};

// The links the page holds, drawn ones first, each once, in a fixed order:
// - drawn: among the drawn entities (index < drawn), at most `max_links`: each drawn entity's
//   heaviest, then the heaviest of the rest;
// - listed: each listed entity's kHtmlLinksPerEntity heaviest links to listed entities, for its
//   panel, without statements.
// `among_drawn` is set to how many links there are among the drawn entities.
std::vector<IncludedLink> included_links(std::size_t& among_drawn, const EntityGraph& view,
                                         const std::vector<std::uint32_t>& index, std::size_t drawn,
                                         std::size_t max_links) {
    const auto heavier = [&](EntityEdge a, EntityEdge b) {
        return view[a].weight > view[b].weight;
    };
    // A link's place in the page: its ends' indices and kind (one link per pair and kind).
    const auto key = [&](EntityEdge e) {
        const std::uint32_t a = index[boost::source(e, view)], b = index[boost::target(e, view)];
        return std::tuple(std::min(a, b), std::max(a, b), view[e].kind);
    };
    const auto by_key = [&](EntityEdge a, EntityEdge b) { return key(a) < key(b); };
    const auto sort_unique = [&](std::vector<EntityEdge>& edges) {
        std::sort(edges.begin(), edges.end(), by_key);
        edges.erase(std::unique(edges.begin(), edges.end(),
                                [&](EntityEdge a, EntityEdge b) { return key(a) == key(b); }),
                    edges.end());
    };
    // The heaviest `keep` of v's links whose other end passes `wanted`, heaviest first.
    const auto heaviest = [&](EntityVertex v, std::size_t keep, auto wanted) {
        std::vector<EntityEdge> out;
        for (const EntityEdge e : boost::make_iterator_range(boost::out_edges(v, view)))
            if (wanted(index[boost::target(e, view)])) out.push_back(e);
        keep = std::min(keep, out.size());
        std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(),
                          [&](EntityEdge a, EntityEdge b) {
                              return heavier(a, b) || (!heavier(b, a) && by_key(a, b));
                          });
        out.resize(keep);
        return out;
    };
    std::vector<EntityEdge> among;  // every link among the drawn entities
    for (const EntityEdge e : boost::make_iterator_range(boost::edges(view)))
        if (index[boost::source(e, view)] < drawn && index[boost::target(e, view)] < drawn)
            among.push_back(e);
    among_drawn = among.size();
    std::vector<EntityEdge> chosen = among;
    if (among.size() > max_links) {
        std::vector<EntityEdge> backbone;
        for (EntityVertex v = 0; v < boost::num_vertices(view); ++v)
            if (index[v] < drawn) {
                const std::vector<EntityEdge> best =
                    heaviest(v, 1, [&](std::uint32_t u) { return u < drawn; });
                backbone.insert(backbone.end(), best.begin(), best.end());
            }
        sort_unique(backbone);
        if (backbone.size() > max_links) backbone.clear();  // then the heaviest alone
        std::stable_sort(among.begin(), among.end(), heavier);
        chosen = backbone;
        for (std::size_t i = 0; i < among.size() && chosen.size() < max_links; ++i)
            if (!std::binary_search(backbone.begin(), backbone.end(), among[i], by_key))
                chosen.push_back(among[i]);
    }
    sort_unique(chosen);
    std::vector<EntityEdge> listed;
    for (EntityVertex v = 0; v < boost::num_vertices(view); ++v)
        if (index[v] != kNone) {
            const std::vector<EntityEdge> best =
                heaviest(v, kHtmlLinksPerEntity, [](std::uint32_t u) { return u != kNone; });
            for (const EntityEdge e : best)
                if (!std::binary_search(chosen.begin(), chosen.end(), e, by_key))
                    listed.push_back(e);
        }
    sort_unique(listed);
    std::vector<IncludedLink> links;
    for (const EntityEdge e : chosen)
        links.push_back({e, true});
    for (const EntityEdge e : listed)
        links.push_back({e, false});
    return links;
}

// Positions of the drawn entities: those with a drawn link from Graphviz (neato for small views,
// sfdp beyond, with room for each node's size; one layout edge per linked pair), the others in
// rows below them, in the page's order. (Graphviz places unlinked nodes in an order that
// changes from run to run.) Overlaps are removed by remove_overlaps, not by Graphviz, whose
// overlap removal moves nodes by heap addresses: two layouts of one graph differed, from run to
// run (prism) or in one process (VPSC).
std::vector<LayoutPoint> lay_out(const AnalysedView& analysed,
                                 const std::vector<EntityVertex>& drawn,
                                 const std::vector<std::uint32_t>& index,
                                 const std::vector<IncludedLink>& links) {
    const std::vector<double>& rank = analysed.analysis.pagerank;
    double max_rank = 0;
    for (const EntityVertex v : drawn)
        max_rank = std::max(max_rank, rank[v]);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    for (const IncludedLink& link : links)
        if (link.drawn) {
            std::uint32_t a = index[boost::source(link.edge, analysed.view)];
            std::uint32_t b = index[boost::target(link.edge, analysed.view)];
            pairs.emplace_back(std::min(a, b), std::max(a, b));
        }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    std::vector<std::uint32_t> linked(drawn.size(), kNone);  // page node -> its layout node
    std::uint32_t laid_out = 0;
    for (const auto& [a, b] : pairs)
        for (const std::uint32_t node : {a, b})
            if (linked[node] == kNone) linked[node] = laid_out++;

    std::vector<LayoutPoint> points(drawn.size());
    double left = 0, right = 0, bottom = 0;
    if (laid_out > 0) {
        std::string dot = fmt::format(
            "graph layout {{\n  graph [layout={}, start=1, overlap=true, splines=false];\n"
            "  node [shape=circle, fixedsize=true, label=\"\"];\n",
            laid_out > kSfdpThreshold ? "sfdp" : "neato");
        std::vector<double> radii(laid_out);
        for (std::size_t i = 0; i < drawn.size(); ++i)
            if (linked[i] != kNone) {
                radii[linked[i]] = node_size(rank[drawn[i]], max_rank) / 2;
                dot += fmt::format("  n{} [width={:.3f}];\n", linked[i], radii[linked[i]] / 36);
            }
        for (const auto& [a, b] : pairs)
            dot += fmt::format("  n{} -- n{};\n", linked[a], linked[b]);
        dot += "}\n";
        std::vector<LayoutPoint> found = layout_positions(dot, laid_out);
        remove_overlaps(found, radii, 4);  // Graphviz's default gap (sep=+4)
        left = right = found[0].x;
        bottom = found[0].y;
        for (const LayoutPoint& p : found) {
            left = std::min(left, p.x);
            right = std::max(right, p.x);
            bottom = std::max(bottom, p.y);
        }
        for (std::size_t i = 0; i < drawn.size(); ++i)
            if (linked[i] != kNone) points[i] = found[linked[i]];
        bottom += 80;
    }
    // The unlinked in rows as wide as the layout (or a square), a node's largest size apart.
    double spacing = 0;
    for (std::size_t i = 0; i < drawn.size(); ++i)
        if (linked[i] == kNone)
            spacing = std::max(spacing, node_size(rank[drawn[i]], max_rank) + 8);
    const auto unlinked = static_cast<double>(drawn.size() - laid_out);
    const auto columns =
        static_cast<std::size_t>(std::max({1.0, std::floor((right - left) / std::max(spacing, 1.0)),
                                           std::ceil(std::sqrt(unlinked))}));
    std::size_t k = 0;
    for (std::size_t i = 0; i < drawn.size(); ++i)
        if (linked[i] == kNone) {
            points[i] = {left + spacing * static_cast<double>(k % columns),
                         bottom + spacing * static_cast<double>(k / columns)};
            ++k;
        }
    return points;
}

// Hex SHA-256 (as CMake writes it) to the base64 a Content-Security-Policy hash source takes.
std::string base64_of_hex(std::string_view hex) {
    static constexpr char kDigits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::vector<unsigned char> bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        bytes.push_back(
            static_cast<unsigned char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const unsigned value = bytes[i] << 16 | (i + 1 < bytes.size() ? bytes[i + 1] << 8 : 0) |
                               (i + 2 < bytes.size() ? bytes[i + 2] : 0);
        out += kDigits[value >> 18 & 63];
        out += kDigits[value >> 12 & 63];
        out += i + 1 < bytes.size() ? kDigits[value >> 6 & 63] : '=';
        out += i + 2 < bytes.size() ? kDigits[value & 63] : '=';
    }
    return out;
}

// The template with its markers, in order, replaced by `values`: each searched for only in the
// template's own text, never in a value put in before it.
std::string fill(std::string_view text,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
    std::string page;
    for (const auto& [marker, value] : values) {
        const std::size_t at = text.find(marker);
        if (at == std::string_view::npos)
            throw DiagramError(fmt::format("viewer page lacks {}", marker));
        page.append(text.substr(0, at)).append(value);
        text.remove_prefix(at + marker.size());
    }
    return page.append(text);
}

// What the page holds: the entities drawn, then (report.html) every other one; their links.
struct Page {
    std::vector<EntityVertex> drawn, listed;
    std::vector<std::uint32_t> index;  // entity-view vertex -> the page's node
    std::vector<IncludedLink> links;
    std::size_t links_among_drawn = 0;
};

Page select_page(const ViewSource& source, const AnalysedView& analysed,
                 const HtmlOptions& options) {
    const EntityGraph& view = analysed.view;
    const std::size_t n = boost::num_vertices(view);
    Page page;
    page.drawn = select_diagram_nodes(source, view, options.diagram, analysed.analysis.pagerank);
    page.index.assign(n, kNone);
    page.listed = page.drawn;
    for (std::size_t i = 0; i < page.drawn.size(); ++i)
        page.index[page.drawn[i]] = static_cast<std::uint32_t>(i);
    if (options.list_all)
        for (EntityVertex v = 0; v < n; ++v)
            if (page.index[v] == kNone) {
                page.index[v] = static_cast<std::uint32_t>(page.listed.size());
                page.listed.push_back(v);
            }
    page.links = included_links(page.links_among_drawn, view, page.index, page.drawn.size(),
                                options.max_links);
    return page;
}

// The statements a drawn link lists.
std::span<const Vertex> listed_statements(const EntityLink& link) {
    return std::span(link.statements)
        .first(std::min(link.statements.size(), kHtmlStatementsPerLink));
}

}  // namespace

std::vector<std::uint32_t> html_statements(const ViewSource& source, const AnalysedView& analysed,
                                           const HtmlOptions& options) {
    std::vector<std::uint32_t> statements;
    for (const IncludedLink& included : select_page(source, analysed, options).links)
        if (included.drawn)
            for (const Vertex s : listed_statements(analysed.view[included.edge]))
                statements.push_back(static_cast<std::uint32_t>(s));
    return statements;
}

std::string entity_html(const ViewSource& source, const AnalysedView& analysed,
                        const HtmlOptions& options, const ReportData* report) {
    const EntityGraph& view = analysed.view;
    const analysis::Result& result = analysed.analysis;
    const std::size_t n = boost::num_vertices(view);
    const Page page = select_page(source, analysed, options);
    const std::vector<EntityVertex>& drawn = page.drawn;
    const std::vector<EntityVertex>& listed = page.listed;
    const std::vector<std::uint32_t>& index = page.index;
    const std::vector<IncludedLink>& links = page.links;
    const std::size_t links_among_drawn = page.links_among_drawn;
    const std::size_t drawn_links = static_cast<std::size_t>(
        std::count_if(links.begin(), links.end(), [](const IncludedLink& l) { return l.drawn; }));

    const std::vector<LayoutPoint> points = lay_out(analysed, drawn, index, links);

    // The statements behind the links, and the reports behind those, each once.
    std::unordered_map<Vertex, std::uint32_t> statement_index;
    std::vector<Vertex> statements;
    std::unordered_map<std::uint32_t, std::uint32_t> report_index;
    std::vector<std::uint32_t> reports;
    const auto add = [](auto& map, auto& list, auto item) {
        const auto [it, added] = map.try_emplace(item, static_cast<std::uint32_t>(list.size()));
        if (added) list.push_back(item);
        return it->second;
    };

    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("title");
    json_string(w, options.diagram.title.empty()
                       ? fmt::format("Entity graph of {} report{}", source.reports(),
                                     source.reports() == 1 ? "" : "s")
                       : options.diagram.title);
    w.Key("generator"), json_string(w, "signalkg " SIGNALKG_VERSION);
    w.Key("counts"), w.StartObject();
    w.Key("reports"), w.Uint64(source.reports());
    w.Key("entities"), w.Uint64(n);
    w.Key("links"), w.Uint64(boost::num_edges(view));
    w.Key("drawn"), w.Uint64(drawn.size());
    w.Key("drawn_links"), w.Uint64(drawn_links);
    w.Key("listed"), w.Uint64(listed.size());
    w.Key("top"), w.Uint64(options.diagram.top);
    w.Key("links_among_drawn"), w.Uint64(links_among_drawn);
    w.Key("max_links"), w.Uint64(options.max_links);
    w.Key("links_per_entity"), w.Uint64(kHtmlLinksPerEntity);
    w.Key("statements_per_link"), w.Uint64(kHtmlStatementsPerLink);
    w.Key("reports_per_statement"), w.Uint64(kHtmlReportsPerStatement);
    w.EndObject();
    w.Key("focus"), json_string(w, options.diagram.focus);
    w.Key("depth"), w.Int(options.diagram.depth);
    w.Key("min_weight"), w.Double(options.diagram.min_weight);

    const std::vector<MeasureColumn> measures = measure_columns(result);
    w.Key("measures"), w.StartArray();
    for (const MeasureColumn& m : measures)
        json_string(w, m.name);
    w.EndArray();
    w.Key("kinds"), w.StartArray();
    for (int k = 0; k < kLinkKinds; ++k)
        json_string(w, link_kind_name(static_cast<LinkKind>(k)));
    w.EndArray();
    w.Key("kind_colors"), w.StartArray();
    for (int k = 0; k < kLinkKinds; ++k)
        json_string(w, hex_color(link_kind_color(static_cast<LinkKind>(k))));
    w.EndArray();
    w.Key("community_colors"), w.StartArray();
    for (std::uint32_t c = 0; c < 20; ++c)
        json_string(w, hex_color(community_color(c)));
    w.EndArray();

    // nodes: [label, aliases, type, first seen, last seen, x, y (null when not drawn), measures]
    const auto write_nodes = [&](JsonWriter& out, std::size_t begin, std::size_t end) {
        out.StartArray();
        for (std::size_t i = begin; i < end; ++i) {
            const EntityVertex v = listed[i];
            const NodeFacts node = source.node(view[v].entity);
            out.StartArray();
            json_string(out, node.label);
            out.StartArray();
            for (const std::string& alias : node.alt_labels)
                json_string(out, alias);
            out.EndArray();
            json_string(out, entity_type_name(node.type));
            json_string(out, view[v].first_seen);
            json_string(out, view[v].last_seen);
            if (i < drawn.size()) {
                out.Double(std::round(points[i].x * 10) / 10);
                out.Double(std::round(points[i].y * 10) / 10);
            } else {
                out.Null(), out.Null();
            }
            out.StartArray();
            for (const MeasureColumn& m : measures) {
                if (m.real) {  // four significant digits: enough to read and rank, a third the size
                    const double value = (*m.real)[v];
                    if (std::isfinite(value)) {
                        const std::string text = fmt::format("{:.4g}", value);
                        out.RawValue(text.data(), text.size(), rapidjson::kNumberType);
                    } else {
                        out.Null();
                    }
                }
                if (m.integer) out.Uint((*m.integer)[v]);
                if (m.text) json_string(out, (*m.text)[v]);
            }
            out.EndArray();
            out.EndArray();
        }
        out.EndArray();
    };
    w.Key("nodes"), write_nodes(w, 0, drawn.size());

    // A link's first fields in both blocks: [source, target, kind, weight, observations, ...
    const auto start_link = [&](JsonWriter& out, EntityEdge edge) -> const EntityLink& {
        const EntityLink& link = view[edge];
        out.StartArray();
        out.Uint(index[boost::source(edge, view)]);
        out.Uint(index[boost::target(edge, view)]);
        out.Uint(static_cast<unsigned>(link.kind));
        out.Double(link.weight);
        out.Uint(link.count);
        return link;
    };
    // links (drawn): [..., first seen, last seen, statements, statements left out]
    w.Key("links"), w.StartArray();
    for (const IncludedLink& included : links) {
        if (!included.drawn) continue;
        const EntityLink& link = start_link(w, included.edge);
        json_string(w, link.first_seen);
        json_string(w, link.last_seen);
        w.StartArray();
        const std::span<const Vertex> shown = listed_statements(link);
        for (const Vertex s : shown)
            w.Uint(add(statement_index, statements, s));
        w.EndArray();
        w.Uint64(link.statements.size() - shown.size());
        w.EndArray();
    }
    w.EndArray();

    // statements: [label, kind, reports, reports left out]
    w.Key("statements"), w.StartArray();
    for (const Vertex s : statements) {
        const NodeFacts node = source.node(s);
        w.StartArray();
        json_string(w, node.label);
        json_string(w, node_kind_name(node.kind));
        w.StartArray();
        const std::size_t shown = std::min(node.article_count, kHtmlReportsPerStatement);
        for (std::size_t r = 0; r < shown; ++r)
            w.Uint(add(report_index, reports, node.articles[r]));
        w.EndArray();
        w.Uint64(node.article_count - shown);
        w.EndArray();
    }
    w.EndArray();

    // reports: [id, title, date, link (http(s) only, else empty)]
    w.Key("reports"), w.StartArray();
    for (const std::uint32_t r : reports) {
        const ReportFacts rep = source.report(r);
        w.StartArray();
        json_string(w, rep.id);
        json_string(w, rep.title);
        json_string(w, rep.date);
        json_string(w, rep.link);
        w.EndArray();
    }
    w.EndArray();

    if (report) {
        const std::string tables = report_json(*report);
        w.Key("report"), w.RawValue(tables.data(), tables.size(), rapidjson::kObjectType);
    }
    w.EndObject();

    // What the first frame does not need, in a block after the scripts, which the page reads
    // once the browser has parsed it: the entities not drawn, for search, and the links for
    // the panels: [..., statements].
    rapidjson::StringBuffer more_buffer;
    JsonWriter more(more_buffer);
    more.StartObject();
    more.Key("nodes"), write_nodes(more, drawn.size(), listed.size());
    more.Key("links"), more.StartArray();
    for (const IncludedLink& included : links) {
        if (included.drawn) continue;
        more.Uint64(start_link(more, included.edge).statements.size());
        more.EndArray();
    }
    more.EndArray();
    more.EndObject();

    // The page: its template with the data and the two scripts, which the policy names by hash.
    std::string data, rest;
    append_json_in_html_script(data, std::string_view(buffer.GetString(), buffer.GetSize()));
    append_json_in_html_script(rest,
                               std::string_view(more_buffer.GetString(), more_buffer.GetSize()));
    const std::string policy = fmt::format(
        "default-src 'none'; script-src 'sha256-{}' 'sha256-{}'; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'",
        base64_of_hex(viewer::kGraphLibraryJsSha256), base64_of_hex(viewer::kViewerJsSha256));
    const std::string scripts = fmt::format("<script>{}</script>\n<script>{}</script>",
                                            viewer::kGraphLibraryJs, viewer::kViewerJs);
    return fill(viewer::kViewerPage,
                {{"@POLICY@", policy}, {"@DATA@", data}, {"@SCRIPTS@", scripts}, {"@MORE@", rest}});
}

}  // namespace signalkg
