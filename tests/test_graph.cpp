#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace signalkg;
using namespace signalkg::test;

namespace {

const std::string kSeed = std::string(SIGNALKG_EXAMPLES) + "/reports/seed-klarna.md";

std::string report(const std::string& page, const std::string& keywords,
                   const std::string& signal_rows) {
    return "# __Report " + page + "__, (from page [" + page + "](https://x.org/p/" + page +
           ").)\n\n## Keywords\n\n" + keywords +
           "\n## Signals\n\n"
           "| name | description | change | 10-year | driving-force | relevancy |\n"
           "|:--|:--|:--|:--|:--|--:|\n" +
           signal_rows;
}

}  // namespace

TEST_CASE("seed report: entities, signal links and driving force links") {
    const Built built = build_from({kSeed});
    const KnowledgeGraph& g = built.graph;
    CHECK(built.diagnostics.empty());
    node(g, NodeKind::Entity, "Klarna");
    node(g, NodeKind::Entity, "AI");
    node(g, NodeKind::Entity, "job cuts");

    const Vertex signal = node(g, NodeKind::Signal, "AI-driven workforce reduction");
    const auto about = targets(g, signal, EdgeKind::About);
    CHECK(about.contains("Klarna"));
    CHECK(about.contains("AI"));

    const auto forces = targets(g, signal, EdgeKind::DrivenBy);
    REQUIRE(forces.size() == 1);
    const Vertex force = node(g, NodeKind::DrivingForce, *forces.begin());
    CHECK(targets(g, force, EdgeKind::About).contains("AI"));

    const Vertex article = g.article_vertex(0);
    CHECK(targets(g, article, EdgeKind::Mentions).size() == 5);
    CHECK(targets(g, article, EdgeKind::InCategory) == std::set<std::string>{"business"});
    CHECK(g.count(NodeKind::Signal) == 5);
    CHECK(g.count(NodeKind::Technology) == 3);
}

TEST_CASE("'it' in a text never links to the entity IT") {
    TempDir dir;
    dir.write("a.md", report("20240101", "* IT\n* cloud\n",
                             "| It is cloudy | it rains on the cloud | | | | 3 |\n"
                             "| IT budgets | The IT department grows | | | | 3 |\n"));
    const Built built = build_from({dir.path().string()});
    const KnowledgeGraph& g = built.graph;
    const Vertex cloudy = node(g, NodeKind::Signal, "It is cloudy");
    CHECK(targets(g, cloudy, EdgeKind::About) == std::set<std::string>{"cloud"});
    const Vertex budgets = node(g, NodeKind::Signal, "IT budgets");
    CHECK(targets(g, budgets, EdgeKind::About) == std::set<std::string>{"IT"});
}

TEST_CASE("merging: one entity per keyword, one signal with an observation per report") {
    TempDir dir;
    dir.write("a.md",
              report("20240101", "* Klarna\n* AI\n",
                     "| AI layoffs | Klarna cuts jobs | less staff | fewer jobs | cost | 5 |\n"));
    dir.write("b.md",
              report("20240301", "* klarna\n* Job cuts\n",
                     "| ai  Layoffs | Banks follow Klarna | more bots | none | cost | 2 |\n"));
    const Built built = build_from({dir.path().string()});
    const KnowledgeGraph& g = built.graph;
    CHECK(g.count(NodeKind::Article) == 2);
    CHECK(g.count(NodeKind::Entity) == 3);  // Klarna, AI, Job cuts
    const Vertex klarna = node(g, NodeKind::Entity, "KLARNA");
    CHECK(g.graph()[klarna].label == "Klarna");  // first seen wins the tie
    CHECK(g.graph()[klarna].alt_labels == std::vector<std::string>{"klarna"});
    CHECK(g.graph()[klarna].articles == std::vector<std::uint32_t>{0, 1});

    CHECK(g.count(NodeKind::Signal) == 1);
    const Vertex signal = node(g, NodeKind::Signal, "AI layoffs");
    std::vector<std::pair<std::string, std::string>> observations;
    for (const Edge e : boost::make_iterator_range(boost::in_edges(signal, g.graph()))) {
        const EdgeProperties& ep = g.graph()[e];
        REQUIRE(ep.kind == EdgeKind::ReportsSignal);
        observations.emplace_back(g.reports()[ep.article].id,
                                  g.reports()[ep.article].statements[ep.statement].description);
    }
    std::sort(observations.begin(), observations.end());
    CHECK(observations == std::vector<std::pair<std::string, std::string>>{
                              {"a", "Klarna cuts jobs"}, {"b", "Banks follow Klarna"}});
    // The signal is driven by "cost" in both reports: one driving force, two drivenBy edges.
    CHECK(g.count(NodeKind::DrivingForce) == 1);
    CHECK(g.count(EdgeKind::DrivenBy) == 2);
}

TEST_CASE("IRIs are stable, valid and collision-free") {
    TempDir dir;
    std::string text =
        report("20240101", "* job cuts\n* job_cuts\n* Café <b>\n* AI/ML?\n* Job cut\n", "");
    text.insert(text.find("## Signals"), "## Themes\n\n* job cuts\n* job_cuts\n* Café <b>\n\n");
    dir.write("r 1.md", text);
    const Built built = build_from({dir.path().string()});
    const KnowledgeGraph& g = built.graph;
    const std::string base = default_config().base_iri;
    // Entity keys are the matcher's folded words (text/words.hpp): '_', '<', '/' separate.
    CHECK(g.iri(node(g, NodeKind::Entity, "job cuts")) == base + "entity/job_cut");
    CHECK(node(g, NodeKind::Entity, "job_cuts") == node(g, NodeKind::Entity, "job cuts"));
    CHECK(g.iri(node(g, NodeKind::Entity, "Café <b>")) == base + "entity/caf%C3%A9_b");
    CHECK(g.iri(node(g, NodeKind::Entity, "AI/ML?")) == base + "entity/ai_ml");
    // Other keys keep every byte, percent-encoded so that distinct keys stay distinct.
    CHECK(g.iri(node(g, NodeKind::Theme, "job cuts")) == base + "theme/job_cuts");
    CHECK(g.iri(node(g, NodeKind::Theme, "job_cuts")) == base + "theme/job%5Fcuts");
    CHECK(g.iri(node(g, NodeKind::Theme, "Café <b>")) == base + "theme/caf%C3%A9_%3Cb%3E");
    CHECK(g.iri(g.article_vertex(0)) == base + "article/r_1");
    // Singular and plural are one entity; every spelling is kept.
    CHECK(g.count(NodeKind::Entity) == 3);
    CHECK(g.graph()[node(g, NodeKind::Entity, "job cuts")].alt_labels ==
          std::vector<std::string>{"job_cuts", "Job cut"});
    // The same label gives the same IRI in another corpus.
    TempDir other;
    other.write("z.md", report("20250101", "* Job  Cuts\n", ""));
    const Built second = build_from({other.path().string()});
    CHECK(second.graph.iri(node(second.graph, NodeKind::Entity, "job cuts")) ==
          base + "entity/job_cut");
}

TEST_CASE("an entity spelled forty ways: the most frequent spelling is its label") {
    // Spellings 0..39 of one key (case variants), then spelling 30 twice more and 5 once more,
    // in a second report: past 16 spellings they are counted through an index.
    const auto spelling = [](int k) {
        std::string word = "klarnabank";
        for (int i = 0; i < 6; ++i)
            if ((k >> i) & 1) word[i] = static_cast<char>(word[i] - 32);
        return word;
    };
    std::string first, second;
    for (int k = 0; k < 40; ++k)
        first += "* " + spelling(k) + "\n";
    second = "* " + spelling(30) + "\n* " + spelling(5) + "\n* " + spelling(30) + "\n";
    TempDir dir;
    dir.write("a.md", report("20240101", first, ""));
    dir.write("b.md", report("20240102", second, ""));
    const Built built = build_from({dir.path().string()});
    const KnowledgeGraph& g = built.graph;
    REQUIRE(g.count(NodeKind::Entity) == 1);
    const NodeProperties& entity = g.graph()[node(g, NodeKind::Entity, "klarnabank")];
    CHECK(entity.label == spelling(30));  // seen 3 times
    std::vector<std::string> others;      // then 5 (twice), then the rest in first-seen order
    others.push_back(spelling(5));
    for (int k = 0; k < 40; ++k)
        if (k != 30 && k != 5) others.push_back(spelling(k));
    CHECK(entity.alt_labels == others);
}

TEST_CASE("a keyword named twice is one mentions edge, in the order first named") {
    TempDir dir;
    dir.write("a.md",
              report("20240101", "* Zeta\n* Alpha\n* ZETA\n* job cuts\n* Job cut\n* Beta\n", ""));
    const Built built = build_from({dir.path().string()});
    const KnowledgeGraph& g = built.graph;
    const Vertex article = g.article_vertex(0);
    std::vector<std::string> mentioned;
    for (const Edge e : boost::make_iterator_range(boost::out_edges(article, g.graph())))
        if (g.graph()[e].kind == EdgeKind::Mentions)
            mentioned.push_back(g.graph()[boost::target(e, g.graph())].key);
    CHECK(mentioned == std::vector<std::string>{"zeta", "alpha", "job cut", "beta"});
    CHECK(g.count(EdgeKind::Mentions) == 4);
}

TEST_CASE("Closest links: self-links and duplicates dropped, outside targets kept") {
    TempDir dir;
    const std::string closest =
        "\n## Closest\n\n* [Me](a)\n* [B](b)\n* [B again](b)\n"
        "* [Gone](ffff)\n* [Web](https://example.org/x y)\n* [Gone again](ffff)\n* [Me](a)\n";
    dir.write("a.md", report("20240101", "* x\n", "") + closest);
    dir.write("b.md", report("20240102", "* y\n", ""));
    const Built built = build_from({dir.path().string()});
    const KnowledgeGraph& g = built.graph;
    CHECK(g.count(EdgeKind::SimilarTo) == 1);
    CHECK(targets(g, g.article_vertex(0), EdgeKind::SimilarTo) ==
          std::set<std::string>{"Report 20240102"});
    const std::string base = default_config().base_iri;
    REQUIRE(g.outside_links().size() == 2);
    CHECK(g.outside_links()[0].second == base + "article/ffff");
    CHECK(g.outside_links()[1].second == "https://example.org/x%20y");
}

TEST_CASE("thesaurus merges aliases, links their text, and reports cycles") {
    TempDir dir;
    dir.write("a.md", report("20240101", "* Artificial Intelligence\n* GenAI\n",
                             "| Chatbots | Machine learning helps | | | | 1 |\n"));
    Config config = default_config();
    config.thesaurus["artificial intelligence"] = "AI";
    config.thesaurus["machine learning"] = "AI";
    config.thesaurus["genai"] = "generative ai";
    config.thesaurus["generative ai"] = "genai";
    const Built built = build_from({dir.path().string()}, config);
    const KnowledgeGraph& g = built.graph;
    const Vertex ai = node(g, NodeKind::Entity, "AI");
    CHECK(g.graph()[ai].label == "AI");
    CHECK(g.graph()[ai].alt_labels == std::vector<std::string>{"Artificial Intelligence"});
    CHECK(targets(g, node(g, NodeKind::Signal, "Chatbots"), EdgeKind::About).contains("AI"));
    REQUIRE(built.diagnostics.size() == 1);
    CHECK(built.diagnostics[0].message.find("alias cycle") != std::string::npos);
}

TEST_CASE("entities merge by the matcher's own rule: Café/Cafés, F35/F35s, Job-Cuts/job cut") {
    // Before the one text rule, keys folded plurals of a-z words only and never split on '-',
    // while the matcher did both: four entities here, and one statement about all four.
    TempDir dir;
    dir.write("a.md", report("20240101", "* Café\n* Cafés\n* F35\n* F35s\n* Job-Cuts\n* job cut\n",
                             "| Cafés order F35s | job cuts at the café | | | | 3 |\n"));
    const Built built = build_from({dir.path().string()});
    const KnowledgeGraph& g = built.graph;
    CHECK(g.count(NodeKind::Entity) == 3);
    CHECK(g.find(NodeKind::Entity, "Café") == g.find(NodeKind::Entity, "cafés"));
    CHECK(g.find(NodeKind::Entity, "F35") == g.find(NodeKind::Entity, "F35s"));
    CHECK(g.find(NodeKind::Entity, "job cuts") == g.find(NodeKind::Entity, "Job-Cuts"));
    const Vertex signal = node(g, NodeKind::Signal, "Cafés order F35s");
    CHECK(targets(g, signal, EdgeKind::About) == std::set<std::string>{"Café", "F35", "Job-Cuts"});
    CHECK(targets(g, g.article_vertex(0), EdgeKind::Mentions).size() == 3);
}

TEST_CASE("a thesaurus alias and a stop word apply to every form the matcher folds together") {
    TempDir dir;
    dir.write("a.md", report("20240101", "* AI\n* Artificial Intelligences\n* impacts\n",
                             "| AI impact | artificial intelligence has an impact | | | | 3 |\n"));
    Config config = default_config();
    config.thesaurus["artificial intelligence"] = "AI";
    config.stop_entities.push_back("impact");
    const Built built = build_from({dir.path().string()}, config);
    const KnowledgeGraph& g = built.graph;
    CHECK(g.find(NodeKind::Entity, "Artificial Intelligences") == g.find(NodeKind::Entity, "AI"));
    CHECK(targets(g, node(g, NodeKind::Signal, "AI impact"), EdgeKind::About) ==
          std::set<std::string>{"AI"});
}
