#include <algorithm>
#include <cctype>
#include <chrono>

#include <catch2/catch.hpp>

#include "graph/entity_matcher.hpp"

using namespace signalkg;

namespace {

std::vector<std::uint32_t> find_all(const EntityMatcher& m, std::string_view text) {
    std::vector<std::uint32_t> found;
    m.find(text, found);
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
}

}  // namespace

TEST_CASE("whole words, case-insensitive, plurals folded") {
    EntityMatcher m;
    m.add("job cuts", 0);
    m.add("Klarna", 1);
    m.add("company", 2);
    m.build();
    CHECK(find_all(m, "Klarna announced a job cut.") == std::vector<std::uint32_t>{0, 1});
    CHECK(find_all(m, "JOB CUTS at klarna's offices") == std::vector<std::uint32_t>{0, 1});
    CHECK(find_all(m, "Many companies") == std::vector<std::uint32_t>{2});
    CHECK(find_all(m, "Klarnas") == std::vector<std::uint32_t>{1});
    CHECK(find_all(m, "Klarnaco and jobcuts").empty());  // not whole words
    CHECK(find_all(m, "job, cuts").empty() == false);    // punctuation separates words only
}

TEST_CASE("acronyms match only in capitals") {
    EntityMatcher m;
    m.add("IT", 0);
    m.add("AI", 1);
    m.build();
    CHECK(find_all(m, "it is what it is").empty());
    CHECK(find_all(m, "The IT department") == std::vector<std::uint32_t>{0});
    CHECK(find_all(m, "AI-driven, not ai or Ai") == std::vector<std::uint32_t>{1});
}

TEST_CASE("overlapping and nested forms are all found") {
    EntityMatcher m;
    m.add("artificial intelligence", 0);
    m.add("intelligence", 1);
    m.add("general artificial intelligence agents", 2);
    m.add("artificial", 3);
    m.build();
    CHECK(find_all(m, "general artificial intelligence systems") ==
          std::vector<std::uint32_t>{0, 1, 3});
    CHECK(find_all(m, "general artificial intelligence agents") ==
          std::vector<std::uint32_t>{0, 1, 2, 3});
    CHECK(find_all(m, "artificial artificial intelligence") == std::vector<std::uint32_t>{0, 1, 3});
}

TEST_CASE("typographic apostrophes and non-ASCII words") {
    EntityMatcher m;
    m.add("Klarna", 0);
    m.add("Zürich", 1);
    m.build();
    CHECK(find_all(m, "Klarna\xE2\x80\x99s chatbot") == std::vector<std::uint32_t>{0});
    CHECK(find_all(m, "in Z\xC3\xBCrich today") == std::vector<std::uint32_t>{1});
    CHECK(find_all(m, "Z\xC3\xBCricher").empty());
}

TEST_CASE("long words, and short words that share their first 16 bytes") {
    // Words of up to 16 ASCII bytes are looked up packed, the others by the general path: both
    // must give the same matches.
    EntityMatcher m;
    m.add("interoperabilities", 0);                  // 18 bytes, folded to 16: "interoperability"
    m.add("abcdefghijklmnopq", 1);                   // 17 bytes
    m.add("supercalifragilisticexpialidocious", 2);  // 34 bytes: the general path
    m.add("Ölpreis", 3);                             // not ASCII: the general path
    m.add("X1", 4);                                  // an acronym with a digit
    m.build();
    CHECK(find_all(m, "Interoperability first") == std::vector<std::uint32_t>{0});
    CHECK(find_all(m, "abcdefghijklmnopq") == std::vector<std::uint32_t>{1});
    CHECK(find_all(m, "abcdefghijklmnopr abcdefghijklmnop").empty());  // same first 16 bytes
    CHECK(find_all(m, "SUPERCALIFRAGILISTICEXPIALIDOCIOUS") == std::vector<std::uint32_t>{2});
    CHECK(find_all(m, "supercalifragilisticexpialidociouz").empty());
    CHECK(find_all(m, "der \xC3\x96lpreis steigt") == std::vector<std::uint32_t>{3});
    CHECK(find_all(m, "X1 and x1") == std::vector<std::uint32_t>{4});
    CHECK(find_all(m, "x1").empty());
}

TEST_CASE("packed lookups find what folding each word finds") {
    // Short ASCII words are looked up without a fold, in a table holding each vocabulary word's
    // plural forms: a word must match a one-word form exactly when fold_word makes them equal.
    // Words around 16 bytes, of both cases, ending in "s", "ss", "us", "is", "y" and "ies".
    std::uint32_t seed = 2024;
    const auto next = [&](std::uint32_t bound) {
        seed = seed * 1664525u + 1013904223u;
        return (seed >> 8) % bound;
    };
    const std::string letters = "abcdeiosuy0123";
    const std::string endings[] = {"", "s", "ss", "us", "is", "y", "ies", "es", "ys"};
    const auto random_word = [&] {
        std::string word;
        const std::uint32_t length = 1 + next(18);
        for (std::uint32_t k = 0; k < length; ++k)
            word += letters[next(letters.size())];
        return word + endings[next(std::size(endings))];
    };
    std::vector<std::string> forms;
    EntityMatcher m;
    for (std::uint32_t i = 0; i < 400; ++i) {
        forms.push_back(random_word());
        m.add(forms.back(), i);
    }
    m.build();
    for (int round = 0; round < 20000; ++round) {
        // A form changed the way plurals and capitals change words, or a fresh word.
        std::string word = next(4) == 0 ? random_word() : forms[next(forms.size())];
        switch (next(5)) {
            case 0:
                word += 's';
                break;
            case 1:
                word += "ies";
                break;
            case 2:
                if (word.size() > 1) word.pop_back();
                break;
            case 3:
                if (word.ends_with('y')) word = word.substr(0, word.size() - 1) + "ies";
                break;
        }
        for (char& c : word)
            if (next(3) == 0) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        std::vector<std::uint32_t> expected;
        for (std::uint32_t i = 0; i < forms.size(); ++i)
            if (fold_word(forms[i]) == fold_word(word)) expected.push_back(i);
        INFO("word '" << word << "', round " << round);
        REQUIRE(find_all(m, word) == expected);
    }
}

TEST_CASE("a matcher never built finds nothing") {
    EntityMatcher m;
    m.add("Klarna", 0);
    std::vector<std::uint32_t> found;
    m.find("Klarna", found);
    CHECK(found.empty());
}

TEST_CASE("words split sixteen bytes at a time are those split a byte at a time") {
    // The byte-at-a-time splitter for_each_word used before its SSE2 path: the reference.
    const auto reference = [](std::string_view text) {
        std::vector<std::string_view> words;
        std::size_t start = 0, i = 0;
        while (i < text.size()) {
            const std::size_t sep = detail::separator_length(text, i);
            if (sep == 0) {
                ++i;
                continue;
            }
            if (i > start) words.push_back(text.substr(start, i - start));
            i += sep;
            start = i;
        }
        if (i > start) words.push_back(text.substr(start, i - start));
        return words;
    };
    // Every byte class at every offset of a 16-byte block: letters of both cases, digits, ASCII
    // separators, the lead bytes of multi-byte separators with and without their followers, and
    // other non-ASCII bytes; texts of every length up to several blocks.
    const std::string alphabet =
        "aZz0 9-'.,\t\n@[`{\x7f\x80\xbf\xc2\xa0\xab\xbb\xe2\x80\x94\x81\xc3\xa9\xff";
    std::uint32_t seed = 12345;
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        seed = seed * 1664525u + 1013904223u;
        const std::size_t length = seed >> 26;  // 0..63
        for (std::size_t k = 0; k < length; ++k) {
            seed = seed * 1664525u + 1013904223u;
            text += alphabet[(seed >> 16) % alphabet.size()];
        }
        std::vector<std::string_view> words;
        for_each_word(text, [&](std::string_view w) { words.push_back(w); });
        INFO("text of " << text.size() << " bytes, round " << round);
        REQUIRE(words == reference(text));
    }
}
