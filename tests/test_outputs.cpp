#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace signalkg;
using namespace signalkg::test;

namespace {

// Every file and folder directly in `folder`, folders with a trailing '/'.
std::set<std::string> entries(const std::filesystem::path& folder) {
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        names.insert(entry.path().filename().string() + (entry.is_directory() ? "/" : ""));
    return names;
}

}  // namespace

TEST_CASE("output registry: each format writes exactly the files the registry lists") {
    const Built built = build_from({std::string(SIGNALKG_EXAMPLES) + "/reports"});
    REQUIRE(known_formats().size() == 10);
    std::set<std::string> every;
    for (const std::string& format : known_formats()) {
        INFO(format);
        TempDir dir;
        const auto written = write_formats(built.graph, dir.path() / "out", {format});
        const std::vector<std::string> listed = output_files({format});
        CHECK(entries(dir.path() / "out") == std::set<std::string>(listed.begin(), listed.end()));
        for (const WrittenFile& w : written)
            CHECK(w.seconds >= 0);
        every.insert(listed.begin(), listed.end());
    }
    // All formats at once: the union, each file once, written on two threads.
    TempDir dir;
    write_formats(built.graph, dir.path() / "out", {}, 2);
    CHECK(entries(dir.path() / "out") == every);
    const std::vector<std::string> all =
        output_files(std::set<std::string>(known_formats().begin(), known_formats().end()));
    CHECK(std::set<std::string>(all.begin(), all.end()).size() == all.size());
    CHECK(every.size() == 13);
}
