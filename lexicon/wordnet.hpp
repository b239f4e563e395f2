// What WordNet 3.0 knows of an English word or phrase (Debian wordnet-base). Its index,
// exception and tag-count files are read into memory once, on first use: the library's own
// lookups (in_wn, morphstr) read the files from disk at each call, 1.2 ms a word here, which is
// a minute for the 50,000 keywords of a large corpus. The morphology is WordNet's own
// (morphy(7WN)): its exception lists, then its suffix rules. Immutable once loaded: any thread may
// ask.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace signalkg {

// WordNet's lexicographer files of noun senses that entity typing reads (the numbers are fixed by
// WordNet 3.0; Debian ships no lexnames file).
enum class NounFile : int {
    None = -1,
    Act = 4,
    Artifact = 6,
    Cognition = 9,
    Communication = 10,
    Group = 14,
    Location = 15,
    Person = 18,
};

struct WordSenses {
    bool noun = false, verb = false, adjective = false, adverb = false;
    // How often its noun senses occur in everyday English: their tag counts in the SemCor corpus
    // that WordNet ships (cntlist.rev). Common words ("children" 214, "system" 112) are high;
    // specialised ones ("cryptography", "demographics") 0.
    int noun_familiarity = 0;
    // The lexicographer file of its first (most frequent) noun sense: weak evidence of type
    // (Sweden: location, Einstein: person, but AI: group, for Amnesty International).
    int noun_file = -1;
    bool known() const { return noun || verb || adjective || adverb; }
    // Only an adjective, verb or adverb: never a thing to track.
    bool not_a_noun() const { return known() && !noun; }
};

class WordNet {
  public:
    // The process' WordNet, read on first use from $WNSEARCHDIR or /usr/share/wordnet. When its
    // files are missing (wordnet-base not installed), available() is false and every word is
    // unknown.
    static const WordNet& instance();
    bool available() const { return available_; }
    const std::string& folder() const { return folder_; }

    // The senses of a word or phrase, any case, inflected or not ("Challenges" as "challenge").
    WordSenses senses(std::string_view word) const;
    // The base form of an inflected word as a noun or verb ("jobs" -> "job", "cutting" ->
    // "cut"), lower case; the word itself, lower-cased, when WordNet has none.
    std::string base_form(std::string_view word, bool noun) const;

    ~WordNet();
    WordNet(const WordNet&) = delete;
    WordNet& operator=(const WordNet&) = delete;

    // A word's lemma: its noun base form when WordNet has one, else its verb base form, else the
    // word lower-cased ("jobs" -> "job", "cutting" -> "cut", "data" -> "datum").
    std::string lemma_of(std::string_view word) const;
    // The words that inflect a lemma: itself, plurals and third persons, -ed and -ing forms
    // (with a final e dropped or a final consonant doubled) and WordNet's irregular forms
    // ("data" of "datum", "ran" of "run"). Some are not English words; they never occur.
    std::vector<std::string> inflections(const std::string& lemma) const;

  private:
    WordNet();
    static constexpr int kNoun = 0, kVerb = 1, kAdjective = 2, kAdverb = 3;
    struct Lemma {
        int familiarity = 0;       // nouns: SemCor tag count of all senses
        std::uint64_t offset = 0;  // nouns: the first sense's synset in data.noun
    };
    std::unordered_map<std::string, Lemma> lemmas_[4];             // one map per part of speech
    int data_noun_ = -1;                                           // data.noun, read with pread
    std::unordered_map<std::string, std::string> exceptions_[4];   // inflected -> base form
    std::unordered_multimap<std::string, std::string> irregular_;  // base -> noun/verb inflected
    bool available_ = false;
    std::string folder_;
    // The lemma of `word` (WordNet spelling) as part of speech `pos`, or empty.
    std::string lemma(const std::string& word, int pos) const;
};

}  // namespace signalkg
