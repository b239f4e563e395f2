// Entity worthiness (graph/entity_worthiness.hpp): WordNet's evidence, the verdicts on small
// corpora, and the quality of the real corpus' entities against judgements made by hand
// (tests/data/judgements/).
#include <algorithm>
#include <fstream>
#include <map>
#include <numeric>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "graph/entity_matcher.hpp"
#include "helpers.hpp"
#include "lexicon/wordnet.hpp"
#include "text/words.hpp"

using namespace signalkg;
using namespace signalkg::test;

TEST_CASE("WordNet: parts of speech, base forms and familiarity") {
    const WordNet& wordnet = WordNet::instance();
    REQUIRE(wordnet.available());
    const WordSenses traditional = wordnet.senses("traditional");
    CHECK(traditional.adjective);
    CHECK(traditional.not_a_noun());
    CHECK(wordnet.senses("improve").not_a_noun());
    CHECK(wordnet.senses("Improving").not_a_noun());  // inflected: "improve", a verb
    CHECK(wordnet.senses("integrating").noun);        // WordNet has the gerund as a noun
    const WordSenses impact = wordnet.senses("impact");
    CHECK((impact.noun && impact.verb));
    CHECK(wordnet.senses("Challenges").noun);  // a plural, through the suffix rules
    CHECK(wordnet.senses("children").noun);    // an irregular plural, through noun.exc
    CHECK_FALSE(wordnet.senses("Klarna").known());
    CHECK_FALSE(wordnet.senses("job cuts").known());
    CHECK(wordnet.senses("Artificial Intelligence").noun);  // a phrase WordNet has
    CHECK(wordnet.senses("system").noun_familiarity > 100);
    CHECK(wordnet.senses("cryptography").noun_familiarity == 0);
    CHECK(wordnet.base_form("cutting", false) == "cut");
    CHECK(wordnet.base_form("jobs", true) == "job");
    CHECK(wordnet.base_form("Klarna", true) == "klarna");
}

namespace {

const Worthiness& worthiness_of(const KnowledgeGraph& g, const std::string& label) {
    for (const Worthiness& w : g.worthiness())
        if (g.graph()[w.vertex].label == label) return w;
    FAIL("no candidate " << label);
    return g.worthiness().front();
}

// Three reports that each pick their own keyword and all say "traditional" and "system".
Built small_corpus(const TempDir& dir, const Config& config) {
    const char* keywords[] = {"* Klarna\n* traditional\n", "* quantum sensing\n* system\n",
                              "* bees\n* banking\n"};
    for (int i = 0; i < 3; ++i)
        dir.write(fmt::format("r{}.md", i),
                  fmt::format("# __Report {0}__, (from page [2024010{0}](https://x.org/p/{0}).)\n\n"
                              "## Keywords\n\n{1}\n## Signals\n\n"
                              "| name | description | change | 10-year | driving-force | "
                              "relevancy |\n|:--|:--|:--|:--|:--|--:|\n"
                              "| Banks change | A traditional system at Klarna and quantum "
                              "sensing near bees | a system | traditional | costs | 3 |\n",
                              i, keywords[i]));
    return build_from({dir.path().string()}, config);
}

}  // namespace

TEST_CASE("Worthiness: a word that is only an adjective is a term, names and topics stay") {
    TempDir dir;
    const Built built = small_corpus(dir, default_config());
    const KnowledgeGraph& g = built.graph;
    CHECK(worthiness_of(g, "traditional").verdict == Worthiness::Verdict::NotANoun);
    CHECK(worthiness_of(g, "traditional").part_of_speech == Worthiness::PartOfSpeech::NotANoun);
    CHECK(g.find(NodeKind::Term, "traditional") != kNone);
    CHECK(g.find(NodeKind::Entity, "traditional") == kNone);
    // A term is still a node its article mentions, and no statement is about it.
    const Vertex term = g.find(NodeKind::Term, "traditional");
    CHECK(boost::in_degree(term, g.graph()) == 1);
    const Worthiness& klarna = worthiness_of(g, "Klarna");
    CHECK(klarna.is_entity());
    CHECK(klarna.capitalised == klarna.mid_sentence);
    CHECK(klarna.mid_sentence == 3);  // in every report's description, never first
    CHECK(worthiness_of(g, "quantum sensing").is_entity());
    CHECK(worthiness_of(g, "quantum sensing").mentioning_reports == 3);
    CHECK(worthiness_of(g, "quantum sensing").keyword_reports == 1);
    CHECK(g.count(NodeKind::Term) + g.count(NodeKind::Entity) == g.worthiness().size());
}

TEST_CASE("Worthiness: the allow list and a zero threshold keep every keyword") {
    TempDir dir;
    Config allow = default_config();
    allow.entities = {"Traditional"};
    CHECK(worthiness_of(small_corpus(dir, allow).graph, "traditional").verdict ==
          Worthiness::Verdict::Allowed);
    Config zero = default_config();
    zero.entity_threshold = 0;
    const Built built = small_corpus(dir, zero);
    for (const Worthiness& w : built.graph.worthiness())
        if (w.verdict != Worthiness::Verdict::NotANoun) CHECK(w.is_entity());
}

TEST_CASE("Worthiness: the real corpus' central entities are names, topics and domains") {
    NEEDS_SHARED_CORPUS();
    std::map<std::string, std::string> judged;
    std::ifstream in(SIGNALKG_TEST_DATA "/judgements/entities.tsv");
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#')
            judged[line.substr(0, line.find('\t'))] = line.substr(line.find('\t') + 1);
    REQUIRE(judged.size() >= 300);

    const Built built = build_from({SIGNALKG_CORPUS});
    const KnowledgeGraph& kg = built.graph;
    pipeline::Options stages;
    pipeline::Analysed analysed;
    pipeline::Timings timings;
    pipeline::view_and_analyze(kg, stages, analysed, timings);
    const auto& rank = analysed.analysis.pagerank;
    std::vector<std::size_t> order(rank.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return rank[a] > rank[b]; });
    int worth = 0;
    std::string unworthy;
    for (std::size_t i = 0; i < 50 && i < order.size(); ++i) {
        const std::string& label = kg.graph()[analysed.view[order[i]].entity].label;
        const auto it = judged.find(label);
        if (it != judged.end() && it->second != "generic") {
            ++worth;
        } else {
            unworthy += label + "; ";
        }
    }
    INFO("not names, topics or domains: " << unworthy);
    CHECK(worth >= 45);

    // Recall: a judged candidate is kept when it is an entity's label or alias (an acronym's
    // expansion is one: "artificial intelligence" of AI).
    std::set<std::string> spellings;
    for (Vertex v = 0; v < boost::num_vertices(kg.graph()); ++v) {
        if (kg.graph()[v].kind != NodeKind::Entity) continue;
        spellings.insert(entity_key(kg.graph()[v].label));
        for (const std::string& alt : kg.graph()[v].alt_labels)
            spellings.insert(entity_key(alt));
    }
    std::map<std::string, std::pair<int, int>> kept;  // class -> (kept, judged)
    for (const auto& [label, judgement] : judged) {
        ++kept[judgement].second;
        if (spellings.contains(entity_key(label))) ++kept[judgement].first;
    }
    const auto recall = [&](const char* judgement) {
        return double(kept[judgement].first) / kept[judgement].second;
    };
    INFO("named " << recall("named") << ", topics " << recall("topic") << ", domains "
                  << recall("domain") << ", generic " << recall("generic"));
    CHECK(recall("named") >= 0.95);
    CHECK(recall("topic") >= 0.90);
    CHECK(recall("generic") <= 0.80);  // most generic words are gone

    // Linking precision: the judged links the build still makes, and how many are right.
    std::ifstream links(SIGNALKG_TEST_DATA "/judgements/links.tsv");
    int made = 0, right = 0, judged_links = 0;
    for (std::string line; std::getline(links, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> fields;
        for (std::size_t from = 0;;) {
            const std::size_t tab = line.find('\t', from);
            fields.push_back(line.substr(from, tab - from));
            if (tab == std::string::npos) break;
            from = tab + 1;
        }
        REQUIRE(fields.size() == 4);
        ++judged_links;
        std::uint32_t statement = kNone;
        for (int k = 0; k < kNodeKinds && statement == kNone; ++k)
            if (fields[0] == node_kind_name(static_cast<NodeKind>(k)))
                statement = kg.find(static_cast<NodeKind>(k), fields[1]);
        const std::uint32_t entity = kg.find(NodeKind::Entity, fields[2]);
        if (statement == kNone || entity == kNone) continue;
        if (!boost::edge(statement, entity, kg.graph()).second) continue;
        ++made;
        right += fields[3] == "right";
    }
    INFO(made << " of " << judged_links << " judged links made, " << right << " right");
    CHECK(judged_links >= 200);
    CHECK(made >= 200);
    CHECK(right >= 0.9 * made);
}

TEST_CASE("Entity types: the seed's Klarna is an organisation, AI a technology") {
    const Built built = build_from({std::string(SIGNALKG_EXAMPLES) + "/reports/seed-klarna.md"});
    const KnowledgeGraph& g = built.graph;
    CHECK(g.graph()[node(g, NodeKind::Entity, "Klarna")].type == EntityType::Organization);
    // "artificial intelligence (AI)" in the summary makes the Technologies rows that spell it
    // out rows about AI: all three.
    CHECK(g.graph()[node(g, NodeKind::Entity, "AI")].type == EntityType::Technology);
    CHECK(g.graph()[node(g, NodeKind::Entity, "job cuts")].type == EntityType::Topic);
    Config typed = default_config();
    typed.entity_types["klarna"] = EntityType::Product;
    const Built configured =
        build_from({std::string(SIGNALKG_EXAMPLES) + "/reports/seed-klarna.md"}, typed);
    CHECK(configured.graph.graph()[node(configured.graph, NodeKind::Entity, "Klarna")].type ==
          EntityType::Product);
}

TEST_CASE("Acronyms: an expansion the texts define merges into the acronym") {
    TempDir dir;
    dir.write("a.md",
              "# __A__, (from page [20240101](https://x.org/p/1).)\n\n## Keywords\n\n"
              "* LLMs\n* large language models\n\n## Summary\n\nLarge language models "
              "(LLMs) write text.\n\n## Signals\n\n| name | description | change | "
              "10-year | driving-force | relevancy |\n|:--|:--|:--|:--|:--|--:|\n| Writing "
              "| Large language models write | more | most | costs | 3 |\n");
    const Built built = build_from({dir.path().string()});
    const KnowledgeGraph& g = built.graph;
    const Vertex llms = node(g, NodeKind::Entity, "LLMs");
    CHECK(g.find(NodeKind::Term, "large language models") != kNone);
    const auto& aliases = g.graph()[llms].alt_labels;
    CHECK(std::find(aliases.begin(), aliases.end(), "large language models") != aliases.end());
    CHECK(targets(g, node(g, NodeKind::Signal, "Writing"), EdgeKind::About) ==
          std::set<std::string>{"LLMs"});
}

TEST_CASE("Acronyms: function words and commas inside an expansion, and a type from it") {
    // "of" has no capital in WGA, a comma separates BNPL's words; a name expands to a body, a
    // field of knowledge or a made thing to a technology, anything else to a topic.
    TempDir dir;
    dir.write(
        "a.md",
        "# __A__, (from page [20240101](https://x.org/p/1).)\n\n## Keywords\n\n"
        "* WGA\n* Writers Guild of America\n* BNPL\n* buy now, pay later\n* SMRs\n* NLP\n"
        "* TBD\n\n## Summary\n\nThe Writers Guild of America (WGA) met. Buy now, pay later "
        "(BNPL) grew. Small modular reactors (SMRs) are planned. Natural language processing "
        "(NLP) improves. The end is to be determined (TBD). TBD and NLP and SMRs and BNPL.\n");
    const Built built = build_from({dir.path().string()});
    const KnowledgeGraph& g = built.graph;
    const auto aliases_of = [&](const char* label) {
        const auto& alt = g.graph()[node(g, NodeKind::Entity, label)].alt_labels;
        return std::set<std::string>(alt.begin(), alt.end());
    };
    CHECK(aliases_of("WGA").contains("Writers Guild of America"));
    CHECK(aliases_of("BNPL").contains("buy now, pay later"));
    const auto type = [&](const char* label) {
        return entity_type_name(g.graph()[node(g, NodeKind::Entity, label)].type);
    };
    CHECK(type("WGA") == "Organization");
    CHECK(type("SMRs") == "Technology");  // reactor: an artifact
    CHECK(type("NLP") == "Technology");   // natural language processing: a field of knowledge
    CHECK(type("BNPL") == "Topic");
    // "to be determined": a function word may not stand for a capital, T is "to" only by chance
    // of its first letter; "be" does not start with B.
    CHECK(aliases_of("TBD").empty());
}

TEST_CASE("Loose matching: 'cut nearly 2,000 jobs' is about job cuts") {
    const std::string seed = std::string(SIGNALKG_EXAMPLES) + "/reports/seed-klarna.md";
    const auto job_cut_links = [&](bool loose) {
        Config config = default_config();
        config.loose_matching = loose;
        const Built built = build_from({seed}, config);
        pipeline::Options stages;
        stages.config = config;
        pipeline::Analysed analysed;
        pipeline::Timings timings;
        pipeline::view_and_analyze(built.graph, stages, analysed, timings);
        std::set<std::string> linked;  // entities job cuts shares a signal edge with
        const EntityGraph& view = analysed.view;
        for (const EntityEdge e : boost::make_iterator_range(boost::edges(view))) {
            if (view[e].kind != LinkKind::Signal) continue;
            const std::string a = built.graph.graph()[view[boost::source(e, view)].entity].label;
            const std::string b = built.graph.graph()[view[boost::target(e, view)].entity].label;
            if (a == "job cuts") linked.insert(b);
            if (b == "job cuts") linked.insert(a);
        }
        return linked;
    };
    const std::set<std::string> loose = job_cut_links(true);
    CHECK(loose.contains("Klarna"));
    CHECK(loose.contains("AI"));
    CHECK(job_cut_links(false).empty());  // no row says "job cuts" as such
}

TEST_CASE("Loose matching: lemmas in any order inside one sentence, within the window") {
    EntityMatcher matcher;
    matcher.add("job cuts", 7);
    const WordNet& wordnet = WordNet::instance();
    matcher.add_loose({wordnet.inflections(wordnet.lemma_of("job")),
                       wordnet.inflections(wordnet.lemma_of("cuts"))},
                      7);
    matcher.build();
    const auto found = [&](std::string_view text) {
        std::vector<std::uint32_t> out;
        matcher.find(text, out);
        return !out.empty();
    };
    CHECK(found("Klarna plans to cut nearly 2,000 jobs"));
    CHECK(found("jobs were cut"));
    CHECK(found("cutting jobs"));
    CHECK_FALSE(found("the job was done. Costs were cut"));                   // two sentences
    CHECK_FALSE(found("cut the budget for the new and larger office jobs"));  // too far apart
    CHECK_FALSE(found("a good job"));
}
