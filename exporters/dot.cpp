#include "exporters/dot.hpp"
#include "text/words.hpp"

#include <gvc.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <map>
#include <memory>
#include <mutex>

#include <fmt/format.h>

#include "exporters/views.hpp"
#include "text/escape.hpp"
#include "text/suggest.hpp"

namespace signalkg {

namespace {

// Each entity type's node shape (DOT's names), read from the legend.
const char* entity_type_shape(EntityType type) {
    static constexpr const char* kShapes[] = {"circle",   "square",  "diamond", "triangle",
                                              "pentagon", "hexagon", "octagon", "circle"};
    return kShapes[static_cast<int>(type)];
}

}  // namespace

// Statements named in an edge's tooltip: hub edges have thousands.
constexpr std::size_t kTooltipStatements = 12;

std::vector<EntityVertex> select_diagram_nodes(const ViewSource& source, const EntityGraph& view,
                                               const DiagramOptions& options,
                                               const std::vector<double>& rank,
                                               std::size_t* eligible) {
    const std::size_t n = boost::num_vertices(view);
    std::vector<EntityVertex> candidates;
    EntityVertex focus = n;
    if (!options.focus.empty()) {
        const std::uint32_t entity = source.find_entity(options.focus);
        for (EntityVertex v = 0; v < n && entity != kNone; ++v)
            if (view[v].entity == entity) focus = v;
        if (focus == n) {
            std::vector<std::string_view> labels;
            for (EntityVertex v = 0; v < n; ++v)
                labels.push_back(source.node(view[v].entity).label);
            const std::optional<std::string> near = nearest(options.focus, labels);
            throw DiagramError(
                fmt::format("no entity '{}' in the graph{}", options.focus,
                            near ? fmt::format("; did you mean '{}'?", *near) : std::string()));
        }
        // Breadth-first to `depth` hops over edges heavy enough to be drawn.
        std::vector<int> distance(n, -1);
        std::deque<EntityVertex> queue{focus};
        distance[focus] = 0;
        while (!queue.empty()) {
            const EntityVertex v = queue.front();
            queue.pop_front();
            candidates.push_back(v);
            if (distance[v] >= options.depth) continue;
            for (const EntityEdge e : boost::make_iterator_range(boost::out_edges(v, view))) {
                const EntityVertex u = boost::target(e, view);
                if (view[e].weight >= options.min_weight && distance[u] < 0) {
                    distance[u] = distance[v] + 1;
                    queue.push_back(u);
                }
            }
        }
    } else {
        for (EntityVertex v = 0; v < n; ++v)
            if (options.unlinked || boost::out_degree(v, view) > 0) candidates.push_back(v);
    }
    // Keep the `top` best ranked (ties: lower vertex first); the focus always stays.
    std::stable_sort(candidates.begin(), candidates.end(), [&](EntityVertex a, EntityVertex b) {
        if ((a == focus) != (b == focus)) return a == focus;
        return rank[a] > rank[b];
    });
    if (eligible) *eligible = candidates.size();
    if (candidates.size() > options.top) candidates.resize(std::max<std::size_t>(options.top, 1));
    std::sort(candidates.begin(), candidates.end());
    return candidates;
}

std::string entity_dot(const ViewSource& source, const AnalysedView& analysed,
                       const DiagramOptions& options) {
    const EntityGraph& view = analysed.view;
    const analysis::Result& result = analysed.analysis;
    const std::vector<double>& rank = result.pagerank;
    std::size_t eligible = 0;
    const std::vector<EntityVertex> nodes =
        select_diagram_nodes(source, view, options, rank, &eligible);
    const std::uint32_t focus = options.focus.empty() ? kNone : source.find_entity(options.focus);
    std::vector<bool> shown(boost::num_vertices(view), false);
    for (const EntityVertex v : nodes)
        shown[v] = true;
    double max_rank = 0, max_weight = 1;
    for (const EntityVertex v : nodes)
        max_rank = std::max(max_rank, rank[v]);
    for (const EntityEdge e : boost::make_iterator_range(boost::edges(view)))
        max_weight = std::max(max_weight, view[e].weight);

    // A legend line naming the colour of each edge kind the diagram shows.
    std::array<bool, kLinkKinds> kinds_shown{};
    std::size_t edges_shown = 0;
    for (const EntityEdge e : boost::make_iterator_range(boost::edges(view))) {
        if (shown[boost::source(e, view)] && shown[boost::target(e, view)] &&
            view[e].weight >= options.min_weight) {
            kinds_shown[static_cast<int>(view[e].kind)] = true;
            ++edges_shown;
        }
    }
    // The title, as an HTML-like table: edge kinds in their colours, then the largest
    // communities shown with a swatch of their colour and their top members.
    const std::string title =
        options.title.empty() ? std::string("signalkg entity view") : options.title;
    std::string legend = "<<table border=\"0\" cellspacing=\"2\"><tr><td colspan=\"2\">";
    append_xml_escaped(legend, title);
    legend += "</td></tr><tr><td colspan=\"2\">";
    for (int k = 0; k < kLinkKinds; ++k) {
        if (!kinds_shown[k]) continue;
        legend += fmt::format("<font color=\"{}\">━ {}</font>   ",
                              hex_color(link_kind_color(static_cast<LinkKind>(k))),
                              link_kind_name(static_cast<LinkKind>(k)));
    }
    legend += "size: PageRank";
    if (nodes.size() < eligible)
        legend += fmt::format(" — {} of {} entities shown (--top {}, by PageRank)", nodes.size(),
                              eligible, options.top);
    legend += "</td></tr><tr><td colspan=\"2\">shape: ";
    std::array<bool, std::size(kEntityTypeNames)> types_shown{};
    for (const EntityVertex v : nodes)
        types_shown[static_cast<int>(source.node(view[v].entity).type)] = true;
    bool first_type = true;
    for (std::size_t t = 0; t < types_shown.size(); ++t) {
        if (!types_shown[t]) continue;
        const auto type = static_cast<EntityType>(t);
        legend += fmt::format("{}{} {}", first_type ? "" : ", ", entity_type_shape(type),
                              t == 0 ? "untyped" : lower_case(entity_type_name(type)));
        first_type = false;
    }
    legend += "</td></tr>";
    std::map<std::uint32_t, std::vector<EntityVertex>> members_by_community;
    for (const EntityVertex v : nodes)
        members_by_community[result.community[v]].push_back(v);
    std::vector<std::pair<std::uint32_t, std::vector<EntityVertex>>> largest(
        members_by_community.begin(), members_by_community.end());
    std::stable_sort(largest.begin(), largest.end(), [](const auto& a, const auto& b) {
        return a.second.size() > b.second.size();
    });
    constexpr std::size_t kLegendCommunities = 8, kLegendMembers = 3;
    for (std::size_t i = 0; i < std::min(largest.size(), kLegendCommunities); ++i) {
        auto& [community, members] = largest[i];
        if (members.size() < 2) break;
        std::stable_sort(members.begin(), members.end(),
                         [&](EntityVertex a, EntityVertex b) { return rank[a] > rank[b]; });
        legend += fmt::format(
            "<tr><td bgcolor=\"{}\" fixedsize=\"true\" width=\"14\" height=\"14\"></td><td "
            "align=\"left\">",
            hex_color(community_color(community)));
        legend += fmt::format("community {} ({}): ", community, members.size());
        for (std::size_t m = 0; m < std::min(members.size(), kLegendMembers); ++m) {
            if (m) legend += ", ";
            append_xml_escaped(legend, source.node(view[members[m]].entity).label);
        }
        legend += "</td></tr>";
    }
    legend += "</table>>";

    const bool large = nodes.size() > kSfdpThreshold;
    std::string dot = "graph entities {\n  graph [";
    // neato (deterministic, unlike fdp in Graphviz 2.43) with short edges inside a community and
    // long ones between, so each community's cluster forms a group; sfdp for large graphs.
    // Curved edges routed around nodes look best but cost super-linear time: small diagrams only.
    // start=1 seeds the initial placement on every layout, also the second in one process.
    dot += fmt::format("layout={}, start=1, splines={}, ", large ? "sfdp" : "neato",
                       edges_shown > kSplineThreshold ? "false" : "true");
    dot +=
        "overlap=false, outputorder=edgesfirst, fontname=\"Helvetica\", "
        "labelloc=t, fontsize=14, label=";
    dot += legend;
    dot +=
        "];\n  node [shape=circle, fixedsize=shape, style=filled, fontname=\"Helvetica\", "
        "fontsize=11];\n  edge [fontname=\"Helvetica\"];\n";

    // Nodes grouped by community: one `cluster` subgraph per community with two or more.
    for (const auto& [community, members] : members_by_community) {
        const bool cluster = options.clusters && members.size() > 1 && !large;
        std::string indent = "  ";
        if (cluster) {
            dot += fmt::format(
                "  subgraph cluster_c{} {{\n    graph [style=\"rounded,dashed\", "
                "color=\"{}\", label=",
                community, hex_color(community_color(community)));
            append_dot_quoted(dot, fmt::format("community {}", community));
            dot += "];\n";
            indent = "    ";
        }
        const Rgb c = community_color(community);
        // Fill: the community colour lightened so that labels stay readable.
        const Rgb fill{c.r + (255 - c.r) * 2 / 3, c.g + (255 - c.g) * 2 / 3,
                       c.b + (255 - c.b) * 2 / 3};
        for (const EntityVertex v : members) {
            const double scale = max_rank > 0 ? std::sqrt(rank[v] / max_rank) : 0;
            dot += indent;
            append_dot_quoted(dot, fmt::format("n{}", v));
            // fixedsize=shape: the circle has PageRank's size and the label its own, which
            // overlap removal keeps apart (xlabels moved from run to run in Graphviz 2.43).
            dot += " [label=";
            const NodeFacts entity = source.node(view[v].entity);
            append_dot_quoted(dot, entity.label);
            dot += fmt::format(", shape={}", entity_type_shape(entity.type));
            dot += fmt::format(
                ", width={:.2f}, fillcolor=\"{}\", color=\"{}\", fontsize={:.1f}, "
                "penwidth={:.2f}{}];\n",
                0.15 + 0.85 * scale, hex_color(fill), hex_color(c), 10 + 8 * scale, 1 + 2 * scale,
                view[v].entity == focus ? ", peripheries=2" : "");
        }
        if (cluster) dot += "  }\n";
    }
    for (const EntityEdge e : boost::make_iterator_range(boost::edges(view))) {
        const EntityLink& link = view[e];
        const EntityVertex a = boost::source(e, view), b = boost::target(e, view);
        if (!shown[a] || !shown[b] || link.weight < options.min_weight) continue;
        dot += "  ";
        append_dot_quoted(dot, fmt::format("n{}", a));
        dot += " -- ";
        append_dot_quoted(dot, fmt::format("n{}", b));
        dot += fmt::format(" [len={}, color=\"{}\", penwidth={:.2f}, tooltip=",
                           result.community[a] == result.community[b] ? "1.0" : "3.0",
                           hex_color(link_kind_color(link.kind)),
                           0.5 + 4.5 * std::sqrt(link.weight / max_weight));
        append_dot_quoted(dot,
                          fmt::format("{} (weight {}): {}", link_kind_name(link.kind), link.weight,
                                      statement_names(source, link, "; ", kTooltipStatements)));
        dot += "];\n";
    }
    dot += "}\n";
    return dot;
}

namespace {

struct ContextDeleter {
    void operator()(GVC_t* gvc) const { gvFreeContext(gvc); }
};
struct GraphDeleter {
    void operator()(Agraph_t* g) const { agclose(g); }
};

// Graphviz reports problems through one global callback; collect them per render.
std::mutex graphviz_mutex;
std::string graphviz_messages;
int collect_graphviz_message(char* message) {
    graphviz_messages += message;
    return 0;
}

// A DOT text parsed and laid out by Graphviz, under its lock (Graphviz keeps global state).
class LaidOutGraph {
  public:
    explicit LaidOutGraph(const std::string& dot) : lock_(graphviz_mutex) {
        graphviz_messages.clear();
        agseterrf(collect_graphviz_message);
        agseterr(AGWARN);
        graph_.reset(agmemread(dot.c_str()));
        if (!graph_) throw DiagramError("Graphviz cannot parse the diagram: " + graphviz_messages);
        const char* engine = agget(graph_.get(), const_cast<char*>("layout"));
        // sfdp draws from rand() and drand48(), seeded once per process (neato seeds from
        // start=): seeded here, a layout is the same also the second time in one process.
        ::srand48(1);
        ::srand(1);
        if (gvLayout(context(), graph_.get(), engine && *engine ? engine : "neato") != 0)
            throw DiagramError("Graphviz layout failed: " + graphviz_messages);
    }
    ~LaidOutGraph() { gvFreeLayout(context(), graph_.get()); }
    LaidOutGraph(const LaidOutGraph&) = delete;
    LaidOutGraph& operator=(const LaidOutGraph&) = delete;

    Agraph_t* graph() const { return graph_.get(); }
    // One context for the whole process: Graphviz 2.43's pango plugin keeps a pointer to a font
    // name owned by the context, which a fresh context per render would leave dangling.
    static GVC_t* context() {
        static const std::unique_ptr<GVC_t, ContextDeleter> gvc(gvContext());
        return gvc.get();
    }

  private:
    std::lock_guard<std::mutex> lock_;
    std::unique_ptr<Agraph_t, GraphDeleter> graph_;
};

}  // namespace

std::string render_svg(const std::string& dot) {
    const LaidOutGraph laid_out(dot);
    char* data = nullptr;
    unsigned int length = 0;
    const int failed =
        gvRenderData(LaidOutGraph::context(), laid_out.graph(), "svg", &data, &length);
    std::string svg = failed || !data ? std::string() : std::string(data, length);
    if (data) gvFreeRenderData(data);
    if (failed) throw DiagramError("Graphviz could not render SVG: " + graphviz_messages);
    return svg;
}

std::vector<LayoutPoint> layout_positions(const std::string& dot, std::size_t nodes) {
    const LaidOutGraph laid_out(dot);
    std::vector<LayoutPoint> points(nodes);
    for (std::size_t i = 0; i < nodes; ++i) {
        std::string name = fmt::format("n{}", i);
        Agnode_t* node = agnode(laid_out.graph(), name.data(), 0);
        if (!node) throw DiagramError(fmt::format("Graphviz lost node {}", name));
        points[i] = {ND_coord(node).x, -ND_coord(node).y};  // Graphviz's y axis points up
    }
    return points;
}

void remove_overlaps(std::vector<LayoutPoint>& points, const std::vector<double>& radii,
                     double gap) {
    const std::size_t n = points.size();
    double cell = gap;  // a grid cell holds the largest circle: overlaps are in adjacent cells
    for (const double r : radii)
        cell = std::max(cell, 2 * r + gap);
    const auto cell_of = [&](const LayoutPoint& p) {
        return std::pair{static_cast<long>(std::floor(p.x / cell)),
                         static_cast<long>(std::floor(p.y / cell))};
    };
    bool overlapping = n > 1;
    for (int pass = 0; overlapping; ++pass) {
        if (pass >= 50 && pass % 10 == 0)
            for (LayoutPoint& p : points)
                p = {p.x * 1.1, p.y * 1.1};
        std::map<std::pair<long, long>, std::vector<std::size_t>> grid;
        for (std::size_t i = 0; i < n; ++i)
            grid[cell_of(points[i])].push_back(i);
        overlapping = false;
        for (std::size_t i = 0; i < n; ++i) {
            const auto [cx, cy] = cell_of(points[i]);
            for (long x = cx - 1; x <= cx + 1; ++x)
                for (long y = cy - 1; y <= cy + 1; ++y) {
                    const auto found = grid.find({x, y});
                    if (found == grid.end()) continue;
                    for (const std::size_t j : found->second) {
                        if (j <= i) continue;
                        double dx = points[j].x - points[i].x, dy = points[j].y - points[i].y;
                        const double distance = std::hypot(dx, dy);
                        const double wanted = radii[i] + radii[j] + gap;
                        if (distance >= wanted) continue;
                        overlapping = true;
                        if (distance > 1e-9) {
                            dx /= distance;
                            dy /= distance;
                        } else {  // one on the other: a direction from the pair alone
                            const double angle = 2.399963 * static_cast<double>(i + j);
                            dx = std::cos(angle);
                            dy = std::sin(angle);
                        }
                        const double push = (wanted - distance) / 2 + 1e-6;
                        points[i] = {points[i].x - dx * push, points[i].y - dy * push};
                        points[j] = {points[j].x + dx * push, points[j].y + dy * push};
                    }
                }
        }
    }
}

}  // namespace signalkg
