#include "lexicon/wordnet.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <span>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

namespace signalkg {
namespace {

// WordNet's spelling of a phrase: lower case, words joined by '_'.
std::string wordnet_spelling(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text)
        out += c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

constexpr const char* kParts[] = {"noun", "verb", "adj", "adv"};

// morphy(7WN)'s detachment rules: suffix -> ending, per part of speech (adverbs have none).
struct Rule {
    const char* suffix;
    const char* ending;
};
constexpr Rule kNounRules[] = {{"s", ""},      {"ses", "s"},   {"xes", "x"},   {"zes", "z"},
                               {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
constexpr Rule kVerbRules[] = {{"s", ""},   {"ies", "y"}, {"es", "e"},  {"es", ""},
                               {"ed", "e"}, {"ed", ""},   {"ing", "e"}, {"ing", ""}};
constexpr Rule kAdjectiveRules[] = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};

}  // namespace

const WordNet& WordNet::instance() {
    static const WordNet wordnet;
    return wordnet;
}

WordNet::WordNet() {
    const char* dir = std::getenv("WNSEARCHDIR");
    folder_ = dir != nullptr && *dir != '\0' ? dir : "/usr/share/wordnet";
    std::string line;
    available_ = true;
    for (int pos = kNoun; pos <= kAdverb; ++pos) {
        std::ifstream index(folder_ + "/index." + kParts[pos]);
        if (!index) {
            available_ = false;
            return;
        }
        // "lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...";
        // the licence header lines start with spaces.
        while (std::getline(index, line)) {
            if (line.empty() || line[0] == ' ') continue;
            Lemma lemma;
            if (pos == kNoun) {
                std::istringstream fields(line);
                std::string field;
                int pointers = 0;
                fields >> field >> field >> field >> pointers;
                for (int i = 0; i < pointers; ++i)
                    fields >> field;
                fields >> field >> field >> lemma.offset;
            }
            lemmas_[pos].emplace(line.substr(0, line.find(' ')), lemma);
        }
        std::ifstream exceptions(folder_ + "/" + kParts[pos] + ".exc");
        while (std::getline(exceptions, line)) {  // "inflected base [base...]"
            const std::size_t space = line.find(' ');
            if (space == std::string::npos) continue;
            const std::size_t end = line.find(' ', space + 1);
            std::string inflected = line.substr(0, space);
            std::string base = line.substr(space + 1, end - space - 1);
            if (pos == kNoun || pos == kVerb) irregular_.emplace(base, inflected);
            exceptions_[pos].emplace(std::move(inflected), std::move(base));
        }
    }
    // "lemma%ss_type:lex_filenum:lex_id:head_word:head_id sense_number tag_cnt"; ss_type 1 is
    // a noun.
    std::ifstream counts(folder_ + "/cntlist.rev");
    while (std::getline(counts, line)) {
        const std::size_t percent = line.find('%');
        if (percent == std::string::npos || line.compare(percent + 1, 2, "1:") != 0) continue;
        const auto it = lemmas_[kNoun].find(line.substr(0, percent));
        if (it != lemmas_[kNoun].end())
            it->second.familiarity += std::atoi(line.c_str() + line.rfind(' ') + 1);
    }
    data_noun_ = ::open((folder_ + "/data.noun").c_str(), O_RDONLY | O_CLOEXEC);
}

WordNet::~WordNet() {
    if (data_noun_ >= 0) ::close(data_noun_);
}

std::string WordNet::lemma(const std::string& word, int pos) const {
    const auto& lemmas = lemmas_[pos];
    if (lemmas.contains(word)) return word;
    if (const auto it = exceptions_[pos].find(word); it != exceptions_[pos].end())
        return lemmas.contains(it->second) ? it->second : std::string();
    const std::span<const Rule> rules = pos == kNoun        ? std::span<const Rule>(kNounRules)
                                        : pos == kVerb      ? std::span<const Rule>(kVerbRules)
                                        : pos == kAdjective ? std::span<const Rule>(kAdjectiveRules)
                                                            : std::span<const Rule>();
    for (const Rule& rule : rules) {
        const std::string_view suffix = rule.suffix;
        if (word.size() <= suffix.size() || !word.ends_with(suffix)) continue;
        std::string base = word.substr(0, word.size() - suffix.size()) + rule.ending;
        if (lemmas.contains(base)) return base;
    }
    return {};
}

WordSenses WordNet::senses(std::string_view word) const {
    WordSenses found;
    const std::string spelling = wordnet_spelling(word);
    if (!available_ || spelling.empty()) return found;
    bool* parts[] = {&found.noun, &found.verb, &found.adjective, &found.adverb};
    for (int pos = kNoun; pos <= kAdverb; ++pos) {
        const std::string base = lemma(spelling, pos);
        if (base.empty()) continue;
        *parts[pos] = true;
        if (pos != kNoun) continue;
        const Lemma& noun = lemmas_[kNoun].at(base);
        found.noun_familiarity = noun.familiarity;
        // data.noun's line at the offset: "offset lex_filenum ss_type ...".
        char head[32] = {};
        if (data_noun_ >= 0 &&
            ::pread(data_noun_, head, sizeof head - 1, static_cast<off_t>(noun.offset)) > 11)
            found.noun_file = std::atoi(head + 9);
    }
    return found;
}

std::string WordNet::base_form(std::string_view word, bool noun) const {
    std::string spelling = wordnet_spelling(word);
    std::string base = available_ ? lemma(spelling, noun ? kNoun : kVerb) : std::string();
    return base.empty() ? spelling : base;
}

std::string WordNet::lemma_of(std::string_view word) const {
    const std::string spelling = wordnet_spelling(word);
    if (!available_) return spelling;
    for (const int pos : {kNoun, kVerb}) {
        std::string base = lemma(spelling, pos);
        if (!base.empty()) return base;
    }
    return spelling;
}

std::vector<std::string> WordNet::inflections(const std::string& lemma) const {
    std::vector<std::string> out = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing"};
    const auto vowel = [](char c) {
        return std::string_view("aeiou").find(c) != std::string::npos;
    };
    const std::size_t n = lemma.size();
    if (n >= 2 && lemma.back() == 'y' && !vowel(lemma[n - 2]))
        out.push_back(lemma.substr(0, n - 1) + "ies"),
            out.push_back(lemma.substr(0, n - 1) + "ied");
    if (n >= 2 && lemma.back() == 'e')
        out.push_back(lemma + "d"), out.push_back(lemma.substr(0, n - 1) + "ing");
    // cut -> cutting, plan -> planned: a consonant after a single vowel.
    if (n >= 3 && !vowel(lemma[n - 1]) && vowel(lemma[n - 2]) && !vowel(lemma[n - 3]) &&
        std::string_view("wxy").find(lemma.back()) == std::string::npos)
        out.push_back(lemma + lemma.back() + "ing"), out.push_back(lemma + lemma.back() + "ed");
    const auto [first, last] = irregular_.equal_range(lemma);
    for (auto it = first; it != last; ++it)
        out.push_back(it->second);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace signalkg
