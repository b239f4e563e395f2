#include <sys/vfs.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "exporters/atomic_file.hpp"
#include "helpers.hpp"

using namespace signalkg;
using namespace signalkg::test;

namespace {

constexpr long kTmpfsMagic = 0x01021994;

// Text of `size` bytes that shows where each byte came from, written in uneven pieces.
std::string numbered_text(std::size_t size) {
    std::string text;
    for (std::size_t i = 0; text.size() < size; ++i)
        text += std::to_string(i) + (i % 7 == 0 ? "\n" : " ");
    text.resize(size);
    return text;
}

void write_in_pieces(const std::filesystem::path& target, std::string_view text,
                     DeferredCommits* deferred = nullptr) {
    AtomicFile file(target, deferred);
    for (std::size_t at = 0, piece = 1; at < text.size(); at += piece, piece = piece * 3 + 1)
        file.write(text.substr(at, piece));
    file.commit();
}

void check_round_trips(const std::filesystem::path& folder) {
    // Empty, below one direct block, several blocks with a partial tail, exactly two blocks.
    for (const std::size_t size :
         {std::size_t{0}, std::size_t{4000}, std::size_t{3'500'001}, std::size_t{2} << 20}) {
        INFO(folder.string() << ", " << size << " bytes");
        const std::string text = numbered_text(size);
        write_in_pieces(folder / "out.txt", text);
        CHECK(read_file(folder / "out.txt") == text);
    }
    // Only the target is left: no temporary.
    CHECK(std::distance(std::filesystem::directory_iterator(folder),
                        std::filesystem::directory_iterator()) == 1);
}

// The first tmpfs mount in /proc/mounts this process may write in, or an empty path.
std::filesystem::path writable_tmpfs() {
    std::ifstream mounts("/proc/mounts");
    for (std::string device, point, type, rest; mounts >> device >> point >> type;) {
        std::getline(mounts, rest);
        if (type == "tmpfs" && ::access(point.c_str(), W_OK) == 0) return point;
    }
    return {};
}

}  // namespace

TEST_CASE("atomic files hold exactly what was written, direct or through the page cache") {
    TempDir disk;  // O_DIRECT where the file system has it (ext4 here)
    check_round_trips(disk.path());

    // tmpfs refuses O_DIRECT: the same writes go through the page cache. Any writable tmpfs
    // mount will do (/dev/shm, /run, /tmp ...): Linux always has one (/proc/mounts lists them).
    const std::filesystem::path tmpfs = writable_tmpfs();
    INFO("tmpfs: " << tmpfs);
    REQUIRE(!tmpfs.empty());
    struct statfs fs {};
    REQUIRE(::statfs(tmpfs.c_str(), &fs) == 0);
    REQUIRE(fs.f_type == kTmpfsMagic);
    const std::filesystem::path folder = tmpfs / disk.path().filename();
    std::filesystem::create_directories(folder);
    check_round_trips(folder);
    std::filesystem::remove_all(folder);
}

TEST_CASE("an atomic file whose target is a folder is refused at once, naming it") {
    TempDir out;
    std::filesystem::create_directories(out.path() / "folder");
    CHECK_THROWS_WITH(AtomicFile(out.path() / "folder"),
                      Catch::EndsWith("folder: is a folder; give the name of a file to write"));
    CHECK_THROWS_WITH(write_file_atomically(out.path().string() + "/new/", "x"),
                      Catch::Contains("is a folder"));
}

TEST_CASE("an atomic file dropped before commit leaves the old file as it was") {
    TempDir out;
    const std::string old_text = numbered_text(5000);
    write_in_pieces(out.path() / "out.txt", old_text);
    {
        AtomicFile file(out.path() / "out.txt");
        file.write(numbered_text(3'000'000));  // blocks already went to disk
    }
    CHECK(read_file(out.path() / "out.txt") == old_text);
    CHECK(std::distance(std::filesystem::directory_iterator(out.path()),
                        std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("deferred commits: every file whole after wait(), a failure thrown, the others kept") {
    TempDir out;
    const std::filesystem::path blocked = out.path() / "blocked";
    DeferredCommits commits;
    write_in_pieces(out.path() / "a.txt", numbered_text(3'000'000), &commits);
    {
        AtomicFile file(blocked, &commits);
        file.write("never");
        // A folder appears where the file goes: its rename must fail.
        std::filesystem::create_directories(blocked / "inside");
        file.commit();
    }
    write_file_atomically(out.path() / "b.txt", "small", false, &commits);
    write_file_atomically(out.path() / "c.txt", "not deferred: committed at once");
    CHECK(read_file(out.path() / "c.txt") == "not deferred: committed at once");
    CHECK_THROWS_WITH(commits.wait(), Catch::Contains("blocked: cannot replace"));
    CHECK(read_file(out.path() / "a.txt") == numbered_text(3'000'000));
    CHECK(read_file(out.path() / "b.txt") == "small");
    CHECK(std::filesystem::is_directory(blocked / "inside"));
    // No temporary left behind by the failed commit.
    CHECK(std::distance(std::filesystem::directory_iterator(out.path()),
                        std::filesystem::directory_iterator()) == 4);
    CHECK_NOTHROW(commits.wait());  // reported once
}
