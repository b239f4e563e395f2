#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>

#include "helpers.hpp"
#include "ingest/markdown.hpp"

using namespace signalkg;
using signalkg::test::read_file;

namespace {

Report parse_ok(const std::string& text, const std::string& path = "dir/r1.md") {
    ParsedReport parsed = parse_markdown(text, path);
    REQUIRE(parsed.report);
    return *parsed.report;
}

std::string corpus_file(const std::string& name) {
    return read_file(std::string(SIGNALKG_CORPUS) + "/" + name);
}

std::string seed() {
    return read_file(std::string(SIGNALKG_EXAMPLES) + "/reports/seed-klarna.md");
}

}  // namespace

TEST_CASE("newer title form with a page that is a date") {
    const Report r = parse_ok(seed(), "x/seed-klarna.md");
    CHECK(r.id == "seed-klarna");
    CHECK(r.title ==
          "Klarna to Cut Nearly 2,000 Jobs as AI Takes Over Operations and Boosts Efficiency");
    CHECK(r.page == "20241103");
    CHECK(r.date == "2024-11-03");
    CHECK(r.page_url == "https://kghosh.substack.com/p/20241103");
    CHECK(r.external_url.starts_with("https://www.ibtimes.co.uk/our-chatbots"));
    CHECK(r.category == "business");
    CHECK(r.type == "news");
    CHECK(r.keywords == std::vector<std::string_view>{"Klarna", "job cuts", "AI",
                                                      "workforce reduction", "financial report"});
    CHECK(r.themes.size() == 4);
    CHECK(r.summary.starts_with("Klarna, a Swedish financial services firm"));
    CHECK(r.summary.ends_with("in the near future."));
    std::size_t per_kind[kStatementKinds] = {};
    for (const Statement& s : r.statements)
        ++per_kind[static_cast<int>(s.kind)];
    CHECK(per_kind[0] == 5);  // signals
    CHECK(per_kind[1] == 6);  // concerns
    CHECK(per_kind[2] == 7);  // behaviors
    CHECK(per_kind[3] == 3);  // technologies
    CHECK(per_kind[4] == 6);  // issues
    const Statement& first = r.statements.front();
    CHECK(first.name == "AI-driven workforce reduction");
    CHECK(first.description.starts_with("Klarna plans to cut nearly 2,000 jobs"));
    CHECK(first.change.starts_with("Transitioning from a human-centric"));
    CHECK(first.outlook.starts_with("Companies may increasingly rely on AI"));
    CHECK(first.driving_force.starts_with("The pursuit of cost efficiency"));
    CHECK(first.relevancy == 5);
    CHECK(first.line == 35);
}

TEST_CASE("description | relevancy | src: a derived name and src kept as an extra column") {
    const Report r = parse_ok(seed());
    std::vector<const Statement*> technologies;
    for (const Statement& s : r.statements)
        if (s.kind == StatementKind::Technology) technologies.push_back(&s);
    REQUIRE(technologies.size() == 3);
    const Statement& t = *technologies[0];
    CHECK(t.name_derived);
    CHECK(t.name == "AI-powered chatbots that can handle customer service inquiries");
    CHECK(t.description.starts_with("AI-powered chatbots that can handle"));
    CHECK(t.relevancy == 5);
    REQUIRE(t.extra.size() == 1);
    CHECK(t.extra[0].name == "src");
    CHECK(t.extra[0].value == "b1bceca46e2b9fe10e823980501f95dd");
}

TEST_CASE("older title form, old Signals table and Closest links") {
    NEEDS_SHARED_CORPUS();
    const Report r = parse_ok(corpus_file("001b195bbddec8fb0193b668a70aa883.md"));
    CHECK(r.title == "Fart Proudly: Benjamin Franklin's Essay on Flatulence");
    CHECK(r.page == "20290911");
    CHECK(r.external_url == "https://en.wikipedia.org/wiki/Fart_Proudly");
    REQUIRE(r.statements.size() == 5);
    const Statement& s = r.statements[0];
    CHECK(s.name == "\"Fart Proudly\" essay by Franklin");
    CHECK(s.change == "Cultural/Social");
    CHECK(s.outlook == "Attitudes towards flatulence and humor may be more accepting");
    CHECK(s.driving_force == "Desire for humor, breaking taboos");
    CHECK_FALSE(s.relevancy);
    REQUIRE(r.closest.size() == 5);
    CHECK(r.closest[0].title == "The Legacy of American Novelists");
    CHECK(r.closest[0].target == "4c3432a8b55708ec616a64ca00632fdf");
}

TEST_CASE("page ids that are not dates are kept without a date") {
    NEEDS_SHARED_CORPUS();
    ParsedReport parsed =
        parse_markdown(corpus_file("002d4d9211952bdfe5bbac13ccf20947.md"), "002d.md");
    REQUIRE(parsed.report);
    CHECK(parsed.report->page == "4320.0");
    CHECK(parsed.report->date.empty());
}

TEST_CASE("page token with a suffix after the date") {
    NEEDS_SHARED_CORPUS();
    const Report r = parse_ok(corpus_file("00344fccd0922ea64c011f2e3e163153.md"));
    CHECK(r.page == "20250511d");
    CHECK(r.date == "2025-05-11");
}

TEST_CASE("keywords split per character are repaired with a warning") {
    NEEDS_SHARED_CORPUS();
    ParsedReport parsed =
        parse_markdown(corpus_file("002d4d9211952bdfe5bbac13ccf20947.md"), "002d.md");
    REQUIRE(parsed.report);
    CHECK(parsed.report->keywords ==
          std::vector<std::string_view>{"silk dress", "cryptogram", "coded messages", "telegraph",
                                        "Wayne Chan", "Sara Rivers-Cofield"});
    CHECK(parsed.report->themes ==
          std::vector<std::string_view>{"cryptography", "history", "dress", "weather", "decoding"});
    REQUIRE(parsed.diagnostics.size() == 2);
    CHECK(parsed.diagnostics[0].line == 9);
    CHECK(parsed.diagnostics[0].message.find("Keywords split") != std::string::npos);
}

TEST_CASE("URLs with parentheses") {
    NEEDS_SHARED_CORPUS();
    const Report r = parse_ok(corpus_file("02c7c6ecebdfd064c818ecf5a289b629.md"));
    CHECK(r.external_url == "https://en.wikipedia.org/wiki/Echopraxia_(novel)");
}

TEST_CASE("columns are mapped by header name, whatever their order") {
    const Report r = parse_ok(
        "# __T__, (from page [20240101](https://x.org/p).)\n\n## Signals\n\n"
        "| relevancy | driving-force | name | 10-year | colour | description | change |\n"
        "|---:|:--|:--|:--|:--|:--|:--|\n"
        "| 3 | greed | Sig A | later | blue | what | from x to y |\n"
        "| x | | Sig B | | | | |\n");
    REQUIRE(r.statements.size() == 2);
    const Statement& a = r.statements[0];
    CHECK(a.name == "Sig A");
    CHECK(a.relevancy == 3);
    CHECK(a.driving_force == "greed");
    CHECK(a.outlook == "later");
    CHECK(a.description == "what");
    CHECK(a.change == "from x to y");
    REQUIRE(a.extra.size() == 1);
    CHECK(a.extra[0].name == "colour");
    CHECK(a.extra[0].value == "blue");
    const Statement& b = r.statements[1];
    CHECK_FALSE(b.relevancy);
    REQUIRE(b.extra.size() == 1);  // the non-integer relevancy is kept as text
    CHECK(b.extra[0].value == "x");
}

TEST_CASE("escaped pipes, CRLF line ends and unknown sections") {
    const Report r = parse_ok(
        "# __T__, (from page [20240101](https://x.org/p).)\r\n\r\n## Concerns\r\n\r\n"
        "| name | description |\r\n|:--|:--|\r\n| A \\| B | uses \\| pipes |\r\n\r\n"
        "## Extra notes\r\n\r\nsome text\r\n");
    REQUIRE(r.statements.size() == 1);
    CHECK(r.statements[0].name == "A | B");
    CHECK(r.statements[0].description == "uses | pipes");
    CHECK(r.statements[0].kind == StatementKind::Concern);
    REQUIRE(r.extra.size() == 1);
    CHECK(r.extra[0].name == "Extra notes");
    CHECK(r.extra[0].value == "some text");
}

TEST_CASE("a row with too many cells keeps them as extra columns") {
    ParsedReport parsed = parse_markdown(
        "# __T__, (from page [20240101](https://x.org/p).)\n\n## Issues\n\n"
        "| name | description |\n|:--|:--|\n| A | d | surplus |\n",
        "r.md");
    REQUIRE(parsed.report);
    REQUIRE(parsed.report->statements.size() == 1);
    CHECK(parsed.report->statements[0].extra.at(0).value == "surplus");
    REQUIRE(parsed.diagnostics.size() == 1);
    CHECK(parsed.diagnostics[0].line == 7);
}

TEST_CASE("a report owns its texts: it needs neither the file's text nor the report it copies") {
    std::string text =
        "# __Title__, (from page [20240101](https://x.org/p).)\n\n## Keywords\n\n* AI\n\n"
        "## Summary\n\nLine one\nline two\n\n## Signals\n\n| name | description |\n|:--|:--|\n"
        "| A \\| B | d |\n| | derived from this description |\n";
    std::string path = "dir/owned.md";
    std::optional<Report> original = parse_markdown(text, path).report;
    REQUIRE(original);
    std::fill(text.begin(), text.end(), 'x');
    std::fill(path.begin(), path.end(), 'x');
    CHECK(original->title == "Title");
    const Report copy = *original;
    original.reset();
    CHECK(copy.id == "owned");
    CHECK(copy.path == "dir/owned.md");
    CHECK(copy.title == "Title");
    CHECK(copy.page == "20240101");
    CHECK(copy.date == "2024-01-01");
    CHECK(copy.page_url == "https://x.org/p");
    CHECK(copy.keywords == std::vector<std::string_view>{"AI"});
    CHECK(copy.summary == "Line one\nline two");
    REQUIRE(copy.statements.size() == 2);
    CHECK(copy.statements[0].name == "A | B");
    CHECK(copy.statements[0].description == "d");
    CHECK(copy.statements[1].name == "derived from this description");
    CHECK(copy.statements[1].name_derived);
}
