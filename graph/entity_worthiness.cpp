#include "graph/entity_worthiness.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <numeric>
#include <unordered_set>

#include "lexicon/wordnet.hpp"
#include "text/words.hpp"

namespace signalkg {

const char* verdict_name(Worthiness::Verdict verdict) {
    static constexpr const char* kNames[] = {
        "entity", "allowed", "named", "not a noun", "below threshold", "acronym's expansion"};
    return kNames[static_cast<int>(verdict)];
}

const char* part_of_speech_name(Worthiness::PartOfSpeech part_of_speech) {
    static constexpr const char* kNames[] = {"", "unknown to WordNet", "noun",
                                             "adjective/verb/adverb only"};
    return kNames[static_cast<int>(part_of_speech)];
}

namespace {

// Words that end the name of an organisation.
bool organisation_word(std::string_view word) {
    static constexpr std::string_view kWords[] = {
        "agency",   "association", "authority",    "bank",        "bureau",     "club",
        "college",  "commission",  "company",      "corporation", "council",    "department",
        "division", "foundation",  "group",        "inc",         "institute",  "ltd",
        "ministry", "office",      "organization", "party",       "university", "corp"};
    return std::find(std::begin(kWords), std::end(kWords), lower_case(word)) != std::end(kWords);
}

// The type of an entity, from evidence, strongest first (README "Entity types"): the
// configuration; for a name, WordNet's lexicographer file of it, an organisation word, else an
// organisation (most names a technology watch meets are companies); Technologies tables; an
// acronym's form; WordNet's file of a phrase's last word (people: a group; an artifact: a
// product); else a topic.
EntityType type_of(const Worthiness& w, const NodeProperties& node, std::string_view expansion,
                   const Config& config, const WordNet& wordnet, double technology_share) {
    for (const auto& [label, type] : config.entity_types)
        if (entity_key(label) == node.key) return type;
    // Technical: named by two or more Technologies and by a larger share of statement names than
    // the corpus' Technologies have, or by three or more rows and at least three quarters of the
    // Technologies rows of the reports naming it.
    const bool technical =
        (w.technology_names >= 2 && w.technology_names >= technology_share * w.statement_names) ||
        (w.technology_rows >= 3 && 4 * w.technology_rows >= 3 * w.technology_rows_around);
    std::string_view first, last;
    for_each_word(node.label, [&](std::string_view word) {
        if (first.empty()) first = word;
        last = word;
    });
    const auto capital = [](std::string_view word) {
        return !word.empty() && word.front() >= 'A' && word.front() <= 'Z';
    };
    const bool name = !w.acronym && (w.verdict == Worthiness::Verdict::Named ||
                                     (capital(first) && capital(last)));
    if (name) {
        // WordNet's people are mostly common nouns (a router, a terminator): trusted for a name
        // of two words or more only.
        switch (static_cast<NounFile>(wordnet.senses(node.label).noun_file)) {
            case NounFile::Person:
                if (w.words >= 2) return EntityType::Person;
                break;
            case NounFile::Location:
                return EntityType::Place;
            default:
                break;
        }
        if (organisation_word(last)) return EntityType::Organization;
        if (technical) return EntityType::Technology;
        return w.words <= 3 ? EntityType::Organization : EntityType::Topic;
    }
    if (technical) return EntityType::Technology;
    if (w.acronym) {
        // An acronym the texts expand is typed by its expansion: a name or an organisation word
        // makes a body (Financial Conduct Authority); a made thing or a field of knowledge a
        // technology (large language models, artificial intelligence); anything else a topic.
        if (!expansion.empty()) {
            bool capitalised = true, organisation = false;
            std::string_view head;
            for_each_word(expansion, [&](std::string_view word) {
                capitalised = capitalised && (capital(word) || is_function_word(word));
                organisation = organisation || organisation_word(word);
                head = word;
            });
            if (capitalised || organisation) return EntityType::Organization;
            WordSenses senses = wordnet.senses(expansion);
            if (!senses.noun) senses = wordnet.senses(head);
            const auto file = static_cast<NounFile>(senses.noun_file);
            return file == NounFile::Artifact || file == NounFile::Cognition
                       ? EntityType::Technology
                       : EntityType::Topic;
        }
        // Unexpanded, in the plural (EVs) a kind of thing; in the singular, a body (NIST, EU).
        return node.label.ends_with('s') ? EntityType::Topic : EntityType::Organization;
    }
    // WordNet's noun.group is no help here (battery's first sense is a group).
    switch (static_cast<NounFile>(wordnet.senses(last).noun_file)) {
        case NounFile::Person:
            return EntityType::Group;
        case NounFile::Artifact:
            return EntityType::Product;
        default:
            return EntityType::Topic;
    }
}

// Co-occurrence with the most frequent candidates ("anchors"): how unevenly a candidate's
// reports name them, against all candidates' reports together.
constexpr std::size_t kAnchors = 64;

}  // namespace

std::vector<Worthiness> assess_worthiness(const KnowledgeGraph& kg,
                                          const EntityDictionary& dictionary,
                                          const WorthinessScope& scope) {
    const Graph& g = kg.graph();
    const Config& config = kg.config();
    const std::size_t n = boost::num_vertices(g);
    std::vector<std::uint32_t> candidate_of(n, kNone);
    std::vector<Worthiness> out;
    for (Vertex v = 0; v < n; ++v) {
        if (g[v].kind != NodeKind::Entity) continue;
        candidate_of[v] = static_cast<std::uint32_t>(out.size());
        Worthiness& w = out.emplace_back();
        w.vertex = static_cast<std::uint32_t>(v);
        w.keyword_reports = scope.keyword_reports
                                ? scope.keyword_reports(v)
                                : static_cast<std::uint32_t>(g[v].articles.size());
        w.mid_sentence = kg.case_counts().mid_sentence[v];
        w.capitalised = kg.case_counts().capitalised[v];
    }

    for (Worthiness& w : out)
        w.acronym = looks_like_acronym(g[w.vertex].label);
    std::vector<std::string_view> expansion_of(out.size());  // of an acronym, the texts' first
    for (const auto& [expansion, acronym] : dictionary.definitions())
        if (candidate_of[acronym] != kNone && expansion_of[candidate_of[acronym]].empty())
            expansion_of[candidate_of[acronym]] = expansion;
    // An expansion counts as its acronym from here on; its own entry records the merge.
    std::vector<std::uint32_t> expands(out.size());
    std::iota(expands.begin(), expands.end(), 0u);
    for (const auto& [expansion, acronym] : dictionary.expansions())
        if (candidate_of[expansion] != kNone && candidate_of[acronym] != kNone)
            expands[candidate_of[expansion]] = candidate_of[acronym];
    for (std::uint32_t c = 0; c < out.size(); ++c) {
        if (expands[c] == c) continue;
        out[c].verdict = Worthiness::Verdict::Merged;
        out[c].merged_into = out[expands[c]].vertex;
    }
    for (std::uint32_t& c : candidate_of)
        if (c != kNone) c = expands[c];
    // An acronym's keyword reports: those listing it or an expansion (counted below, with the
    // rest of the evidence that is summed over a partition's ranks).
    std::vector<std::uint32_t> listing_either(out.size(), 0);
    for (std::uint32_t c = 0; c < out.size(); ++c) {
        if (out[c].verdict != Worthiness::Verdict::Merged) continue;
        const auto& own = g[out[c].vertex].articles;
        const auto& acronym = g[out[expands[c]].vertex].articles;
        std::vector<std::uint32_t> both;
        std::set_union(own.begin(), own.end(), acronym.begin(), acronym.end(),
                       std::back_inserter(both));
        listing_either[c] = static_cast<std::uint32_t>(both.size());
    }

    // Each report's candidates: its keywords and what its texts name. M counts them; the
    // anchors' co-occurrences are counted in a second pass, once the anchors are known.
    std::vector<std::uint32_t> found;
    // Repeats dropped by the call each candidate was last seen in (no sort: a report's texts
    // may name hundreds of candidates, and this runs twice for every report).
    std::vector<std::uint32_t> last_call(out.size(), 0);
    std::uint32_t call = 0;
    const auto report_candidates = [&](std::uint32_t r) -> const std::vector<std::uint32_t>& {
        found.clear();
        ++call;
        const auto add = [&](std::uint32_t c) {
            if (c == kNone || last_call[c] == call) return;
            last_call[c] = call;
            found.push_back(c);
        };
        for (const Edge e : boost::make_iterator_range(boost::out_edges(kg.article_vertex(r), g)))
            if (g[e].kind == EdgeKind::Mentions) add(candidate_of[boost::target(e, g)]);
        for (std::uint32_t s = 0; s < kg.reports()[r].statements.size(); ++s)
            for (const std::uint32_t v : kg.observation_entities(r, s))
                add(candidate_of[v]);
        return found;
    };
    const auto reports = static_cast<std::uint32_t>(kg.reports().size());
    for (Vertex v = 0; v < n; ++v) {
        if (!is_statement_kind(g[v].kind)) continue;
        if (scope.counts_statement && !scope.counts_statement(v)) continue;
        for (const std::uint32_t e : kg.candidates_in_name(v)) {
            if (candidate_of[e] == kNone) continue;
            ++out[candidate_of[e]].statement_names;
            if (g[v].kind == NodeKind::Technology) ++out[candidate_of[e]].technology_names;
        }
    }
    for (std::uint32_t r = 0; r < reports; ++r) {
        std::uint32_t technology_rows = 0;
        for (const Statement& statement : kg.reports()[r].statements)
            technology_rows += statement.kind == StatementKind::Technology;
        for (const std::uint32_t c : report_candidates(r)) {
            ++out[c].mentioning_reports;
            out[c].technology_rows_around += technology_rows;
        }
        const auto& statements = kg.reports()[r].statements;
        for (std::uint32_t s = 0; s < statements.size(); ++s)
            for (const std::uint32_t v : kg.observation_entities(r, s)) {
                if (candidate_of[v] == kNone) continue;
                ++out[candidate_of[v]].rows;
                if (statements[s].kind == StatementKind::Technology)
                    ++out[candidate_of[v]].technology_rows;
            }
    }

    if (scope.sum) {
        // Counted over this share's reports and statements: summed over the ranks.
        constexpr std::uint32_t Worthiness::*kSummed[] = {&Worthiness::mid_sentence,
                                                          &Worthiness::capitalised,
                                                          &Worthiness::mentioning_reports,
                                                          &Worthiness::technology_rows_around,
                                                          &Worthiness::rows,
                                                          &Worthiness::technology_rows,
                                                          &Worthiness::statement_names,
                                                          &Worthiness::technology_names};
        std::vector<std::uint32_t> counts;
        for (const Worthiness& w : out)
            for (const auto field : kSummed)
                counts.push_back(w.*field);
        counts.insert(counts.end(), listing_either.begin(), listing_either.end());
        scope.sum(counts);
        auto count = counts.begin();
        for (Worthiness& w : out)
            for (const auto field : kSummed)
                w.*field = *count++;
        std::copy(count, counts.end(), listing_either.begin());
    }
    for (std::uint32_t c = 0; c < out.size(); ++c)
        if (out[c].verdict == Worthiness::Verdict::Merged)
            out[expands[c]].keyword_reports =
                std::max(out[expands[c]].keyword_reports, listing_either[c]);

    std::vector<std::uint32_t> by_mentions(out.size());
    for (std::uint32_t c = 0; c < out.size(); ++c)
        by_mentions[c] = c;
    const std::size_t anchors = std::min(kAnchors, out.size());
    std::partial_sort(by_mentions.begin(), by_mentions.begin() + anchors, by_mentions.end(),
                      [&](std::uint32_t a, std::uint32_t b) {
                          return out[a].mentioning_reports > out[b].mentioning_reports ||
                                 (out[a].mentioning_reports == out[b].mentioning_reports && a < b);
                      });
    std::vector<int> anchor_of(out.size(), -1);
    for (std::size_t a = 0; a < anchors; ++a)
        anchor_of[by_mentions[a]] = static_cast<int>(a);
    std::vector<std::array<std::uint32_t, kAnchors>> cooccurrences(out.size());
    for (std::uint32_t r = 0; r < reports; ++r) {
        std::uint64_t present = 0;
        const auto& candidates = report_candidates(r);
        for (const std::uint32_t c : candidates)
            if (anchor_of[c] >= 0) present |= std::uint64_t{1} << anchor_of[c];
        for (const std::uint32_t c : candidates)
            for (std::uint64_t bits = present; bits != 0; bits &= bits - 1) {
                const int a = std::countr_zero(bits);
                if (a == anchor_of[c]) continue;
                ++cooccurrences[c][a];
            }
    }
    if (scope.sum) {
        std::vector<std::uint32_t> counts;
        counts.reserve(out.size() * kAnchors);
        for (const auto& row : cooccurrences)
            counts.insert(counts.end(), row.begin(), row.end());
        scope.sum(counts);
        auto count = counts.begin();
        for (auto& row : cooccurrences)
            for (std::uint32_t& c : row)
                c = *count++;
    }
    std::array<double, kAnchors> anchor_totals{};
    for (const auto& row : cooccurrences)
        for (std::size_t a = 0; a < kAnchors; ++a)
            anchor_totals[a] += row[a];
    double all = 0;
    for (const double t : anchor_totals)
        all += t;

    double keywords = 0, mentions = 0;
    for (const Worthiness& w : out) {
        keywords += w.keyword_reports;
        mentions += std::max(w.mentioning_reports, w.keyword_reports);
    }
    const double prior = mentions > 0 ? keywords / mentions : 1;  // the corpus' keyphraseness
    double technology_names = 0, statement_names = 0;
    for (const Worthiness& w : out)
        technology_names += w.technology_names, statement_names += w.statement_names;
    const double technology_share = statement_names > 0 ? technology_names / statement_names : 1;
    constexpr double kPriorWeight = 2, kSpecificityPrior = 8, kFamiliarityScale = 100;

    std::unordered_set<std::string> allowed;
    for (const std::string& label : config.entities)
        allowed.insert(entity_key(label));
    const WordNet& wordnet = WordNet::instance();
    for (std::uint32_t c = 0; c < out.size(); ++c) {
        Worthiness& w = out[c];
        const NodeProperties& node = g[w.vertex];
        w.mentioning_reports = std::max(w.mentioning_reports, w.keyword_reports);
        for_each_word(node.label, [&](std::string_view) { ++w.words; });
        w.keyphraseness =
            (w.keyword_reports + kPriorWeight * prior) / (w.mentioning_reports + kPriorWeight);
        w.name = w.acronym ? 1.0 : w.capitalised / (w.mid_sentence + 1.0);
        // Kullback-Leibler divergence of its co-occurrences, pulled towards the corpus' own
        // distribution by a prior of kSpecificityPrior co-occurrences, mapped to 0..1.
        double total = 0;
        for (std::size_t a = 0; a < anchors; ++a)
            total += cooccurrences[c][a];
        double divergence = 0;
        if (all > 0)
            for (std::size_t a = 0; a < anchors; ++a) {
                const double q = anchor_totals[a] / all;
                if (q == 0) continue;
                const double p =
                    (cooccurrences[c][a] + kSpecificityPrior * q) / (total + kSpecificityPrior);
                if (p > 0) divergence += p * std::log(p / q);
            }
        w.specificity = divergence / (divergence + 1);
        if (w.words == 1 && !w.acronym && w.name < 0.5) {
            const WordSenses senses = wordnet.senses(node.label);
            w.part_of_speech = !senses.known()       ? Worthiness::PartOfSpeech::Unknown
                               : senses.not_a_noun() ? Worthiness::PartOfSpeech::NotANoun
                                                     : Worthiness::PartOfSpeech::Noun;
            w.familiarity = senses.noun_familiarity;
        }
        const double relative = w.keyphraseness / (w.keyphraseness + prior);
        // Noisy-or of the evidence for it (any strong one makes an entity), a phrase counting as
        // even odds; then discounted by how everyday a word it is, in the share of its reports
        // that mention it without picking it (a keyword no other report uses keeps its score).
        w.score = 1 - (1 - relative) * (1 - w.name) * (1 - w.specificity) * (w.words > 1 ? 0.5 : 1);
        const double unpicked = 1 - double(w.keyword_reports) / w.mentioning_reports;
        w.score *= 1 - unpicked * w.familiarity / (kFamiliarityScale + w.familiarity);
        if (w.verdict == Worthiness::Verdict::Merged) continue;
        if (allowed.contains(node.key)) {
            w.verdict = Worthiness::Verdict::Allowed;
        } else if (w.acronym || (w.mid_sentence >= 2 && w.name >= 0.5)) {
            w.verdict = Worthiness::Verdict::Named;
        } else if (w.part_of_speech == Worthiness::PartOfSpeech::NotANoun) {
            w.verdict = Worthiness::Verdict::NotANoun;
        } else if (w.score < config.entity_threshold) {
            w.verdict = Worthiness::Verdict::Low;
        }
        if (w.is_entity())
            w.type = type_of(w, node, expansion_of[c], config, wordnet, technology_share);
    }
    return out;
}

}  // namespace signalkg
