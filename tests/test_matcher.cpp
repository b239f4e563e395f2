#include <algorithm>
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
