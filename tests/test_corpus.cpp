// Finding the report files of the inputs: one path per file, links followed only inside.
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
