#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "analysis/analyze.hpp"
#include "exporters/dot.hpp"
#include "graph/entity_view.hpp"
#include "helpers.hpp"

using namespace signalkg;
using namespace signalkg::test;

namespace {

// The view edge of a kind between two entities, or nullptr.
const EntityLink* link(const KnowledgeGraph& g, const EntityGraph& view, const std::string& a,
                       const std::string& b, LinkKind kind) {
    const std::uint32_t ea = g.find(NodeKind::Entity, a), eb = g.find(NodeKind::Entity, b);
    for (const EntityEdge e : boost::make_iterator_range(boost::edges(view))) {
        const Vertex s = view[boost::source(e, view)].entity,
                     t = view[boost::target(e, view)].entity;
        if (view[e].kind == kind && ((s == ea && t == eb) || (s == eb && t == ea))) return &view[e];
    }
    return nullptr;
}

std::string signal_report(const std::string& page, const std::string& rows) {
    return "# __R" + page + "__, (from page [" + page + "](https://x.org/" + page +
           ").)\n\n## Keywords\n\n* Klarna\n* AI\n* banks\n* costs\n\n## Signals\n\n"
           "| name | description | driving-force | relevancy |\n|:--|:--|:--|--:|\n" +
           rows;
}

}  // namespace

TEST_CASE("seed report: a signal edge Klarna-AI") {
    const Built built = build_from({std::string(SIGNALKG_EXAMPLES) + "/reports/seed-klarna.md"});
    const EntityGraph view = build_entity_view(built.graph);
    CHECK(boost::num_vertices(view) == 5);
    const EntityLink* klarna_ai = link(built.graph, view, "Klarna", "AI", LinkKind::Signal);
    REQUIRE(klarna_ai);
    // Four of the five signals name both (not "Widespread AI adoption in industries"), with
    // relevancy 5, 4, 4 and 4.
    CHECK(klarna_ai->count == 4);
    CHECK(klarna_ai->weight == 17);
    CHECK(statement_names(built.graph, *klarna_ai) ==
          "AI-driven workforce reduction; Increased efficiency through AI; Financial performance "
          "linked to AI adoption; Evolution of shopping experiences");
    CHECK(klarna_ai->first_seen == "2024-11-03");
}

TEST_CASE("weights sum relevancy per observation, driving-force edges join force and signal") {
    TempDir dir;
    dir.write("a.md",
              signal_report("20240101", "| Klarna uses AI | Klarna and AI | costs | 4 |\n"));
    dir.write("b.md", signal_report("20240301",
                                    "| klarna uses ai | again Klarna, AI | costs | |\n"
                                    "| Banks | banks and AI | | 2 |\n"));
    const Built built = build_from({dir.path().string()});
    const KnowledgeGraph& g = built.graph;
    const EntityGraph view = build_entity_view(g);

    const EntityLink* signal = link(g, view, "Klarna", "AI", LinkKind::Signal);
    REQUIRE(signal);
    CHECK(signal->count == 2);
    CHECK(signal->weight == 5);  // 4 + 1 (no relevancy counts as 1)
    CHECK(signal->first_seen == "2024-01-01");
    CHECK(signal->last_seen == "2024-03-01");
    REQUIRE(signal->statements.size() == 1);
    CHECK(g.graph()[signal->statements[0]].label == "Klarna uses AI");

    const EntityLink* force = link(g, view, "costs", "Klarna", LinkKind::DrivingForce);
    REQUIRE(force);
    CHECK(force->count == 2);
    CHECK(link(g, view, "costs", "AI", LinkKind::DrivingForce));
    CHECK(link(g, view, "banks", "AI", LinkKind::Signal)->weight == 2);
    CHECK_FALSE(link(g, view, "banks", "Klarna", LinkKind::Signal));
    CHECK_FALSE(link(g, view, "Klarna", "AI", LinkKind::Article));  // off by default

    EntityViewOptions with_articles;
    with_articles.enabled[static_cast<int>(LinkKind::Article)] = true;
    const EntityGraph co = build_entity_view(g, with_articles);
    const EntityLink* article = link(g, co, "Klarna", "banks", LinkKind::Article);
    REQUIRE(article);
    CHECK(article->count == 2);
}

TEST_CASE("entities pair within one report's row, not across the rows of a recurring signal") {
    TempDir dir;
    // "Bank chatbots" recurs; one report's row is about Klarna, the other's about costs.
    dir.write("a.md", signal_report("20240101", "| AI chatbots | Klarna cuts staff | | 3 |\n"));
    dir.write("b.md", signal_report("20240301", "| AI chatbots | costs fall | banks | 2 |\n"));
    const Built built = build_from({dir.path().string()});
    const KnowledgeGraph& g = built.graph;
    const EntityGraph view = build_entity_view(g);
    const EntityLink* klarna = link(g, view, "AI", "Klarna", LinkKind::Signal);
    const EntityLink* costs = link(g, view, "AI", "costs", LinkKind::Signal);
    REQUIRE(klarna);
    REQUIRE(costs);
    CHECK(klarna->weight == 3);
    CHECK(klarna->count == 1);
    CHECK(costs->weight == 2);
    CHECK_FALSE(link(g, view, "Klarna", "costs", LinkKind::Signal));  // never in one row
    // The force of report b pairs with b's row only.
    CHECK(link(g, view, "banks", "costs", LinkKind::DrivingForce));
    CHECK_FALSE(link(g, view, "banks", "Klarna", LinkKind::DrivingForce));
    // The full view still says the signal is about all three.
    const Vertex signal = g.find(NodeKind::Signal, "AI chatbots");
    CHECK(targets(g, signal, EdgeKind::About) == std::set<std::string>{"AI", "Klarna", "costs"});
}

TEST_CASE("an observation about very many entities pairs only the first ones") {
    TempDir dir;
    std::string keywords, text;
    for (int i = 0; i < 150; ++i) {
        keywords += fmt::format("* topic{:03}\n", i);
        text += fmt::format("topic{:03} ", i);
    }
    dir.write("a.md", "# __Many__, (from page [20240101](https://x.org/a).)\n\n## Keywords\n\n" +
                          keywords + "\n## Signals\n\n| name | description |\n|:--|:--|\n| s | " +
                          text + "|\n");
    const Built built = build_from({dir.path().string()});
    const EntityGraph view = build_entity_view(built.graph);
    CHECK(boost::num_edges(view) == kMaxPairedEntities * (kMaxPairedEntities - 1) / 2);
    CHECK(targets(built.graph, built.graph.find(NodeKind::Signal, "s"), EdgeKind::About).size() ==
          150);
}

TEST_CASE("diagram filters: focus and depth, top, min-weight") {
    TempDir dir;
    dir.write("a.md",
              "# __A__, (from page [20240101](https://x.org/a).)\n\n## Keywords\n\n"
              "* alpha\n* beta\n* gamma\n* delta\n\n## Signals\n\n"
              "| name | description | relevancy |\n|:--|:--|--:|\n"
              "| s1 | alpha beta | 5 |\n| s2 | beta gamma | 1 |\n| s3 | gamma delta | 1 |\n");
    const Built built = build_from({dir.path().string()});
    const KnowledgeGraph& g = built.graph;
    const EntityGraph view = build_entity_view(g);
    std::vector<double> rank(boost::num_vertices(view), 0);
    for (EntityVertex v = 0; v < rank.size(); ++v)
        rank[v] = static_cast<double>(v);
    const auto labels = [&](const DiagramOptions& options) {
        std::set<std::string> out;
        for (const EntityVertex v : select_diagram_nodes(g, view, options, rank))
            out.insert(g.graph()[view[v].entity].label);
        return out;
    };
    DiagramOptions focus;
    focus.focus = "Beta";
    CHECK(labels(focus) == std::set<std::string>{"alpha", "beta", "gamma"});
    focus.depth = 2;
    CHECK(labels(focus) == std::set<std::string>{"alpha", "beta", "gamma", "delta"});
    focus.min_weight = 2;
    CHECK(labels(focus) == std::set<std::string>{"alpha", "beta"});
    focus.min_weight = 0;
    focus.top = 2;  // the focus stays, then the best ranked
    CHECK(labels(focus) == std::set<std::string>{"beta", "delta"});
    DiagramOptions missing;
    missing.focus = "nothing";
    CHECK_THROWS_AS(labels(missing), DiagramError);

    DiagramOptions top3;
    top3.top = 3;
    analysis::Result analysed = analysis::analyze_entity_view(g, view, {});
    analysed.pagerank = rank;  // the ranking under test
    const std::string dot = entity_dot(g, AnalysedView{view, analysed}, top3);
    CHECK(dot.find("\"n0\"") == std::string::npos);  // lowest rank left out
    CHECK(dot.find("\"n3\" [label=\"delta\"") != std::string::npos);
    const std::string svg = render_svg(dot);
    CHECK(svg.find("<svg") != std::string::npos);
    CHECK(svg.find(">delta</text>") != std::string::npos);
}

TEST_CASE("a diagram says what it shows: legend, focus ringed, sizes by PageRank, what --top cut") {
    const Built built = build_from({std::string(SIGNALKG_EXAMPLES) + "/reports"});
    const KnowledgeGraph& g = built.graph;
    const EntityGraph view = build_entity_view(g);
    const analysis::Result analysed = analysis::analyze_entity_view(g, view, {});
    DiagramOptions options;
    options.focus = "AI";
    options.top = 5;
    const std::string dot = entity_dot(g, AnalysedView{view, analysed}, options);
    std::size_t eligible = 0;
    select_diagram_nodes(g, view, options, analysed.pagerank, &eligible);
    REQUIRE(eligible > 5);
    // The cut is said, the edge kinds are named in their colours, and the largest community
    // shown has a swatch of its colour beside its top members.
    CHECK(dot.find(fmt::format("5 of {} entities shown (--top 5, by PageRank)", eligible)) !=
          std::string::npos);
    CHECK(dot.find(fmt::format("<font color=\"{}\">━ signal</font>",
                               hex_color(link_kind_color(LinkKind::Signal)))) != std::string::npos);
    const EntityVertex ai = [&] {
        for (EntityVertex v = 0; v < boost::num_vertices(view); ++v)
            if (g.label(view[v].entity) == "AI") return v;
        return EntityVertex{0};
    }();
    CHECK(dot.find(fmt::format("<td bgcolor=\"{}\"",
                               hex_color(community_color(analysed.community[ai])))) !=
          std::string::npos);
    // The focus has two rings; the best-ranked entity is the largest circle.
    const std::size_t ai_line = dot.find(fmt::format("\"n{}\" [label=\"AI\"", ai));
    REQUIRE(ai_line != std::string::npos);
    CHECK(dot.substr(ai_line, dot.find('\n', ai_line) - ai_line).find("peripheries=2") !=
          std::string::npos);
    CHECK(dot.find("peripheries=2") == dot.rfind("peripheries=2"));  // only the focus
    CHECK(dot.find("width=1.00") != std::string::npos);  // the top PageRank at full size
    // Graphviz reads it and lays it out.
    CHECK(render_svg(dot).find("<svg") != std::string::npos);
}

TEST_CASE("overlap removal leaves every two circles the gap apart, the same for the same input") {
    // 300 circles crowded into a small square, some on top of each other.
    std::vector<LayoutPoint> crowded;
    std::vector<double> radii;
    std::uint32_t seed = 12345;
    const auto next = [&] { return (seed = seed * 1664525 + 1013904223) >> 8 & 0xFFFF; };
    for (int i = 0; i < 300; ++i) {
        crowded.push_back(i % 10 == 0 ? LayoutPoint{50, 50}
                                      : LayoutPoint{next() / 655.36, next() / 655.36});
        radii.push_back(9 + next() % 28);
    }
    std::vector<LayoutPoint> moved = crowded;
    remove_overlaps(moved, radii, 4);
    for (std::size_t i = 0; i < moved.size(); ++i)
        for (std::size_t j = i + 1; j < moved.size(); ++j) {
            INFO(i << " and " << j);
            REQUIRE(std::hypot(moved[i].x - moved[j].x, moved[i].y - moved[j].y) >=
                    radii[i] + radii[j] + 4);
        }
    std::vector<LayoutPoint> again = crowded;
    std::vector<std::string> heap_noise(1000, std::string(100, 'x'));  // other addresses
    remove_overlaps(again, radii, 4);
    for (std::size_t i = 0; i < moved.size(); ++i)
        CHECK((moved[i].x == again[i].x && moved[i].y == again[i].y));
    // Circles already apart stay where they are.
    std::vector<LayoutPoint> apart{{0, 0}, {100, 0}, {0, 100}};
    remove_overlaps(apart, {30, 30, 30}, 4);
    CHECK((apart[1].x == 100 && apart[1].y == 0 && apart[2].x == 0 && apart[2].y == 100));
}

TEST_CASE("Graphviz lays out the same graph the same way twice in one process, neato and sfdp") {
    for (const int nodes : {100, 400}) {
        INFO(nodes << " nodes");
        std::string dot = fmt::format(
            "graph g {{ graph [layout={}, start=1, overlap=true]; node [shape=circle];\n",
            nodes > 300 ? "sfdp" : "neato");
        for (int i = 1; i < nodes; ++i)
            dot += fmt::format("n{} -- n{}; n{} -- n{};\n", i, i / 2, i, (i * 13 + 5) % nodes);
        dot += "}\n";
        const std::vector<LayoutPoint> first = layout_positions(dot, nodes);
        std::vector<std::vector<int>> heap_noise;
        for (int i = 0; i < 500; ++i)
            heap_noise.emplace_back(static_cast<std::size_t>(i % 37 + 1));
        const std::vector<LayoutPoint> second = layout_positions(dot, nodes);
        std::size_t same = 0;
        for (int i = 0; i < nodes; ++i)
            same += first[i].x == second[i].x && first[i].y == second[i].y;
        CHECK(same == static_cast<std::size_t>(nodes));
    }
}

TEST_CASE("Parts of a view add up: weights, counts, statements and dates") {
    Seen early, late, none;
    early.widen(20240105, 3);
    late.widen(20250101, 7);
    late.widen(20250301, 8);
    // An entity seen in both parts, only in the later one, only in the earlier one: a part
    // without a date changes nothing.
    Seen both = early, later_only, earlier_only = early;
    both.widen(late);
    later_only.widen(none);
    later_only.widen(late);
    earlier_only.widen(none);
    CHECK(both.first == 20240105);
    CHECK(both.first_report == 3);
    CHECK(both.last == 20250301);
    CHECK(both.last_report == 8);
    CHECK(later_only.first_report == 7);
    CHECK(later_only.last_report == 8);
    CHECK(earlier_only.last == 20240105);
    CHECK(earlier_only.last_report == 3);

    ViewPart::Link link;
    link.weight = 1, link.count = 1, link.seen = early, link.statements = {11, 14};
    ViewPart::Link later;
    later.weight = 3, later.count = 2, later.seen = late, later.statements = {11, 13};
    add_to_link(link, later);
    CHECK(link.weight == 4);
    CHECK(link.count == 3);
    CHECK(link.statements == std::vector<Vertex>{11, 13, 14});
    CHECK(link.seen.first_report == 3);
    CHECK(link.seen.last_report == 8);
}
