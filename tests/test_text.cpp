#include <algorithm>
#include <catch2/catch.hpp>

#include "ingest/text.hpp"
#include "text/escape.hpp"
#include "text/words.hpp"

using namespace signalkg;

TEST_CASE("normalize_key folds case, quotes and white space") {
    CHECK(normalize_key("  Job   Cuts ") == "job cuts");
    CHECK(normalize_key("Klarna\xE2\x80\x99s AI") == "klarna's ai");
    CHECK(normalize_key("\xC3\x96KO") == "\xC3\xB6ko");  // Ö -> ö
    CHECK(normalize_key("a\tb\nc") == "a b c");
}

TEST_CASE("iri_segment is injective and IRI-safe") {
    CHECK(iri_segment("job cuts") == "job_cuts");
    CHECK(iri_segment("job_cuts") == "job%5Fcuts");
    CHECK(iri_segment("a/b?c#d") == "a%2Fb%3Fc%23d");
    CHECK(iri_segment("\xC3\xB6") == "%C3%B6");
    CHECK(iri_segment("<>\"{}|\\^`") == "%3C%3E%22%7B%7D%7C%5C%5E%60");
}

TEST_CASE("repair_utf8 replaces invalid bytes and reports the first line") {
    std::string text = "ok\nline two \xE9t\xE9\n";
    int line = 0;
    CHECK(repair_utf8(text, line) == 2);
    CHECK(line == 2);
    CHECK(text == "ok\nline two \xEF\xBF\xBDt\xEF\xBF\xBD\n");
    std::string good = "caf\xC3\xA9 \xF0\x9F\x98\x80";
    CHECK(repair_utf8(good, line) == 0);
    std::string overlong = "\xC0\xAF";
    CHECK(repair_utf8(overlong, line) == 2);
    std::string surrogate = "\xED\xA0\x80";
    CHECK(repair_utf8(surrogate, line) == 3);
    std::string control = "a\x01\tb\x1F\r\n";  // XML 1.0 forbids \x01 and \x1F
    CHECK(repair_utf8(control, line) == 2);
    CHECK(control == "a\xEF\xBF\xBD\tb\xEF\xBF\xBD\r\n");
}

TEST_CASE("repair_utf8 on long texts: eight bytes at a time, at every alignment") {
    // Texts made of pieces that are each valid or invalid on their own, in any order (no piece
    // completes or breaks its neighbour): the repair is each invalid piece made U+FFFD.
    const std::vector<std::pair<std::string, bool>> pieces = {
        {"a", true},           {"Klarna ", true},      {"\n", true},
        {"\t", true},          {"\r\n", true},         {"\x7F", true},
        {"caf\xC3\xA9", true}, {"\xE2\x82\xAC", true}, {"\xF0\x9F\x98\x80", true},
        {"\x01", false},       {"\x1F", false},        {"\x0B", false},
        {"\xFF", false},       {"\x80", false},        {"\xC0", false}};
    std::uint32_t seed = 99;
    for (int round = 0; round < 5000; ++round) {
        std::string text, expected;
        int bad = 0, first_bad_line = 0, lines = 1;
        seed = seed * 1664525u + 1013904223u;
        const std::size_t count = seed >> 26;  // 0..63 pieces
        // Invalid pieces only now and then, so that long valid runs come before them.
        for (std::size_t k = 0; k < count; ++k) {
            seed = seed * 1664525u + 1013904223u;
            const bool allow_bad = (seed >> 28) == 0;
            const auto& [piece, valid] = pieces[(seed >> 8) % pieces.size()];
            if (!valid && !allow_bad) continue;
            text += piece;
            if (valid) {
                expected += piece;
            } else {
                expected += "\xEF\xBF\xBD";
                if (bad++ == 0) first_bad_line = lines;
            }
            lines += static_cast<int>(std::count(piece.begin(), piece.end(), '\n'));
        }
        INFO("round " << round << ", " << text.size() << " bytes");
        int line = 0;
        std::string repaired = text;
        REQUIRE(repair_utf8(repaired, line) == bad);
        REQUIRE(repaired == expected);
        if (bad > 0) REQUIRE(line == first_bad_line);
    }
}

TEST_CASE("parse_compact_date accepts only real calendar dates") {
    std::string iso;
    CHECK(parse_compact_date("20241103", iso));
    CHECK(iso == "2024-11-03");
    CHECK(parse_compact_date("20240229", iso));
    CHECK_FALSE(parse_compact_date("20230229", iso));
    CHECK_FALSE(parse_compact_date("20241301", iso));
    CHECK_FALSE(parse_compact_date("4320.0", iso));
    CHECK_FALSE(parse_compact_date("2024110", iso));
}

TEST_CASE("entity_key: the matcher's words, folded, joined by one space") {
    CHECK(entity_key("Job-Cuts") == "job cut");
    CHECK(entity_key("  job   cuts ") == "job cut");
    CHECK(entity_key("Cafés") == "café");
    CHECK(entity_key("CAFÉS") == "café");
    CHECK(entity_key("F35s") == "f35");
    CHECK(entity_key("Klarna\xE2\x80\x99s AI") == entity_key("Klarna's AI"));
    CHECK(entity_key("Google I/O") == "google i o");
    CHECK(entity_key("COVID\xE2\x80\x94"
                     "19") == "covid 19");  // an em dash separates
    CHECK(entity_key("companies") == "company");
    CHECK(entity_key("business") == "business");  // -ss, -us, -is are not plurals
    CHECK(entity_key("+++") == "+++");            // no word at all: the normalized label
}

TEST_CASE("entity_key agrees with the matcher's word split and fold on every byte class") {
    // Every byte class: letters of both cases, digits, ASCII separators, Latin-1 capitals and
    // small letters, typographic quotes and dashes, no-break space, other non-ASCII letters.
    const std::vector<std::string> pieces = {"a",
                                             "Z",
                                             "s",
                                             "ies",
                                             "7",
                                             " ",
                                             "-",
                                             "'",
                                             "/",
                                             ".",
                                             "\t",
                                             "\xC3\x89",
                                             "\xC3\xA9",
                                             "\xE2\x80\x99",
                                             "\xE2\x80\x94",
                                             "\xC2\xA0",
                                             "\xC2\xAB",
                                             "\xCE\xB1",
                                             "\xE4\xB8\xAD"};
    std::uint32_t state = 7;
    for (int n = 0; n < 20000; ++n) {
        std::string label;
        const int length = 1 + static_cast<int>(state % 9);
        for (int i = 0; i < length; ++i) {
            state = state * 1664525u + 1013904223u;
            label += pieces[(state >> 8) % pieces.size()];
        }
        std::string expected;
        for_each_word(label, [&](std::string_view word) {
            if (!expected.empty()) expected += ' ';
            expected += fold_word(word);
        });
        if (expected.empty()) expected = normalize_key(label);
        INFO(label);
        REQUIRE(entity_key(label) == expected);
        REQUIRE(entity_key(entity_key(label)) == entity_key(label));  // a key is its own key
    }
}
