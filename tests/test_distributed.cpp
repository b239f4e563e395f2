// What ranks send each other (distributed/): parsed files survive the wire whole, a damaged
// message is an error and never a read past its end, and the files are shared out contiguously
// in about equal bytes.
#include <catch2/catch.hpp>

#include <numeric>

#include "distributed/build.hpp"
#include "distributed/report_wire.hpp"
#include "helpers.hpp"
#include "ingest/corpus.hpp"
#include "ingest/json_format.hpp"

using namespace signalkg;
using namespace signalkg::distributed;

namespace {

// Every parsed file of a folder, with its diagnostics.
std::vector<ParsedReports> parse_folder(const std::string& folder) {
    std::vector<Diagnostic> found;
    const std::vector<std::string> files = find_report_files({folder}, found);
    std::vector<ParsedReports> parsed;
    read_files(files, {}, {},
               [&](std::size_t, ParsedReports&& p) { parsed.push_back(std::move(p)); });
    return parsed;
}

// Everything a report holds that JSON Lines leaves out: its path and its rows' line numbers.
std::string lines_of(const Report& r) {
    std::string out(r.path);
    for (const Statement& s : r.statements)
        out += ' ' + std::to_string(s.line) + (s.name_derived ? "d" : "");
    for (const Link& l : r.closest)
        out += ' ' + std::to_string(l.line);
    return out;
}

}  // namespace

TEST_CASE("Parsed files cross the wire whole: every field, diagnostic and line") {
    std::vector<ParsedReports> files = parse_folder(SIGNALKG_EXAMPLES);
    const std::vector<ParsedReports> bad = parse_folder(SIGNALKG_TEST_DATA "/bad");
    files.insert(files.end(), bad.begin(), bad.end());
    std::size_t reports = 0, diagnostics = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        std::string message;
        encode_file(i + 7, files[i], message);
        ParsedReports back;
        WireReader in(message);
        CHECK(decode_file(in, back) == i + 7);
        CHECK(in.done());
        REQUIRE(back.reports.size() == files[i].reports.size());
        message.assign(message.size(), '\0');  // the decoded reports own their texts
        for (std::size_t r = 0; r < back.reports.size(); ++r) {
            CHECK(report_to_json(back.reports[r]) == report_to_json(files[i].reports[r]));
            CHECK(lines_of(back.reports[r]) == lines_of(files[i].reports[r]));
        }
        REQUIRE(back.diagnostics.size() == files[i].diagnostics.size());
        for (std::size_t d = 0; d < back.diagnostics.size(); ++d) {
            CHECK(back.diagnostics[d].file == files[i].diagnostics[d].file);
            CHECK(back.diagnostics[d].line == files[i].diagnostics[d].line);
            CHECK(back.diagnostics[d].message == files[i].diagnostics[d].message);
        }
        reports += back.reports.size();
        diagnostics += back.diagnostics.size();
    }
    CHECK(reports >= 40);
    CHECK(diagnostics >= 20);
}

TEST_CASE("A damaged message is an error, never a read past its end") {
    const std::vector<ParsedReports> files = parse_folder(SIGNALKG_EXAMPLES);
    std::string message;
    encode_file(0, files.front(), message);
    REQUIRE(message.size() > 1000);
    for (std::size_t size = 0; size < message.size(); ++size) {
        const std::string cut = message.substr(0, size);  // its own buffer: ASan sees overreads
        WireReader in(cut);
        ParsedReports back;
        CHECK_THROWS_AS(decode_file(in, back), WireError);
    }
    // A list count larger than the bytes left is refused before anything is allocated.
    std::string huge;
    WireWriter out(huge);
    out.number(0);
    out.number(UINT64_C(1) << 60);
    WireReader in(huge);
    ParsedReports back;
    CHECK_THROWS_AS(decode_file(in, back), WireError);
}

TEST_CASE("Files are shared out contiguously, in about equal bytes") {
    const auto check = [](const std::vector<std::uint64_t>& sizes, int ranks) {
        const std::vector<int> owner = share_files(sizes, ranks);
        REQUIRE(owner.size() == sizes.size());
        std::vector<std::uint64_t> bytes(static_cast<std::size_t>(ranks), 0);
        for (std::size_t i = 0; i < sizes.size(); ++i) {
            REQUIRE(owner[i] >= 0);
            REQUIRE(owner[i] < ranks);
            if (i > 0) REQUIRE(owner[i] >= owner[i - 1]);  // contiguous, in file order
            bytes[static_cast<std::size_t>(owner[i])] += sizes[i] + 1;
        }
        const std::uint64_t total = std::accumulate(bytes.begin(), bytes.end(), std::uint64_t{0});
        const std::uint64_t largest =
            sizes.empty() ? 0 : *std::max_element(sizes.begin(), sizes.end()) + 1;
        for (const std::uint64_t b : bytes)  // a share is off by at most one file
            CHECK(b <= total / static_cast<std::uint64_t>(ranks) + largest);
        return owner;
    };
    CHECK(check({}, 4).empty());
    CHECK(check({100}, 4).size() == 1);
    check(std::vector<std::uint64_t>(1000, 5000), 4);
    check(std::vector<std::uint64_t>(7, 0), 3);  // empty files count too
    // One file as large as all the others: it gets a rank of its own.
    std::vector<std::uint64_t> sizes(100, 1000);
    sizes[50] = 100000;
    const std::vector<int> owner = check(sizes, 2);
    CHECK(owner[49] == 0);
    CHECK(owner[51] == 1);
    // Three ranks for 10,000 files of 1 to 10,000 bytes: each within a file of a third.
    std::vector<std::uint64_t> growing(10000);
    std::iota(growing.begin(), growing.end(), 1);
    check(growing, 3);
}
