// Finding and reading the report files of the inputs: one path per file, links followed only
// inside, and each file read on its own.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "ingest/corpus.hpp"

using namespace signalkg;
using namespace signalkg::test;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> relative(const std::vector<std::string>& files, const fs::path& root) {
    std::vector<std::string> out;
    for (const std::string& f : files)
        out.push_back(fs::path(f).lexically_relative(root).string());
    return out;
}

}  // namespace

TEST_CASE("Report files: every report once, sorted, whatever the links and inputs") {
    TempDir dir;
    const fs::path corpus = dir.path() / "corpus";
    const fs::path outside = dir.path() / "outside";
    fs::create_directories(corpus / "sub");
    fs::create_directories(outside);
    dir.write("corpus/a.md", "# A\n");
    dir.write("corpus/sub/b.md", "# B\n");
    dir.write("corpus/notes.txt", "not a report");
    dir.write("outside/c.md", "# C\n");
    std::vector<Diagnostic> diagnostics;

    SECTION("a plain folder: its reports, sorted, nothing else") {
        CHECK(relative(find_report_files({corpus.string()}, diagnostics), corpus) ==
              std::vector<std::string>{"a.md", "sub/b.md"});
        CHECK(diagnostics.empty());
    }
    SECTION("a link to a file inside: the file once, under its first path in sorted order") {
        fs::create_symlink(corpus / "sub" / "b.md", corpus / "0-link.md");
        CHECK(relative(find_report_files({corpus.string()}, diagnostics), corpus) ==
              std::vector<std::string>{"0-link.md", "a.md"});
        CHECK(diagnostics.empty());
    }
    SECTION("a link to a folder inside: walked once") {
        fs::create_directory_symlink(corpus / "sub", corpus / "again");
        CHECK(find_report_files({corpus.string()}, diagnostics).size() == 2);
    }
    SECTION("a link out of the folder: not followed unless asked") {
        fs::create_directory_symlink(outside, corpus / "out");
        CHECK(find_report_files({corpus.string()}, diagnostics).size() == 2);
        REQUIRE(diagnostics.size() == 1);
        CHECK(diagnostics[0].message.find("leads out of") != std::string::npos);
        diagnostics.clear();
        ReadOptions follow;
        follow.follow_symlinks = true;
        CHECK(relative(find_report_files({corpus.string()}, diagnostics, follow), corpus) ==
              std::vector<std::string>{"a.md", "out/c.md", "sub/b.md"});
    }
    SECTION("overlapping inputs: each file once") {
        const auto files = find_report_files(
            {corpus.string(), (corpus / "sub").string(), (corpus / "a.md").string()}, diagnostics);
        CHECK(files.size() == 2);
        CHECK(diagnostics.empty());
    }
}

TEST_CASE("Reading: a short file after a long one holds only its own text") {
    // Each parse thread reads every file into one reused buffer: a short file must not see the
    // tail of the longer file read before it.
    TempDir dir;
    std::string long_report = "# __Long__, (from page [20250101](https://example.org/p).)\n\n";
    long_report += "## Signals\n\n| Signal | Change |\n|:--|:--|\n";
    for (int row = 0; row < 50; ++row)
        long_report += "| Signal number " + std::to_string(row) + " | more |\n";
    const fs::path a = dir.write("a.md", long_report);
    const fs::path b = dir.write("b.md",
                                 "# __Short__, (from page [20250102](https://example.org/q).)\n\n"
                                 "## Keywords\n\n* AI\n");
    ReadOptions one_thread;  // jobs 1: both files through the same buffer
    const Corpus corpus = read_corpus({a.string(), b.string()}, one_thread);
    REQUIRE(corpus.reports.size() == 2);
    CHECK(corpus.reports[0].statements.size() == 50);
    CHECK(corpus.reports[1].title == "Short");
    CHECK(corpus.reports[1].keywords == std::vector<std::string_view>{"AI"});
    CHECK(corpus.reports[1].statements.empty());
    CHECK(corpus.diagnostics.empty());
    CHECK(corpus.bytes == long_report.size() + fs::file_size(b));
}
