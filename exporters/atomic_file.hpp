// Writing a file so that readers only ever see the old complete file or the new complete one.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace signalkg {

struct OutputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class DeferredCommits;

// The end of the name of a temporary in OUT (`.NAME.signalkg-tmp`), which
// remove_stale_temporaries() clears.
inline constexpr std::string_view kTemporarySuffix = ".signalkg-tmp";

// Writes to an unnamed file (O_TMPFILE) in the target's folder; commit() syncs it, gives it a
// temporary name and renames it over the target. A process killed before commit leaves nothing
// behind. Where O_TMPFILE is unsupported, the temporary file has a name from the start
// (`.NAME.signalkg-tmp`); remove_stale_temporaries() clears those left by a killed run.
// Destroyed without commit(), it leaves the target alone.
//
// The commit policy is the caller's, given at construction: without DeferredCommits, commit()
// syncs and renames before it returns; with them, it queues that work there and returns.
//
// Where the file system allows, data goes to disk with O_DIRECT in large aligned blocks, past
// the page cache: a build writes gigabytes, and filling the page cache with them costs more
// than the disk itself (fresh pages; on the benchmark machine 4-7 s a GB against 1 s a GB
// direct, bench/README.md) and evicts the corpus the next build reads. A full block is written
// by a helper thread while the caller fills the other one.
class AtomicFile {
  public:
    explicit AtomicFile(std::filesystem::path target, DeferredCommits* deferred = nullptr);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    void write(std::string_view text);
    // Syncs and renames, or queues that on the DeferredCommits given at construction.
    void commit();
    void make_executable();  // chmod +x

  private:
    static void finish_commit(int fd, const std::filesystem::path& target,
                              std::filesystem::path temporary);
    [[noreturn]] void fail(std::string_view what) const;  // names errno
    [[noreturn]] static void fail(const std::filesystem::path& target, std::string_view what,
                                  int error);
    void write_through(std::string_view text);  // write(2) until done
    void flush_block();
    void wait_for_block();  // rethrows the helper thread's failure
    bool stop_direct();

    struct FreeBlock {
        void operator()(char* block) const { std::free(block); }
    };
    std::filesystem::path target_;
    DeferredCommits* deferred_;
    std::filesystem::path temporary_;  // the named temporary, empty while unnamed
    int fd_ = -1;
    std::unique_ptr<char, FreeBlock> block_;  // aligned staging for O_DIRECT; null when buffered
    std::unique_ptr<char, FreeBlock> spare_;  // the block being written
    std::future<void> writing_;
    std::size_t staged_ = 0;
};

// Commits that wait on the disk in the background: AtomicFile::commit() of a file made with them
// only queues the sync (up to a second for a large file here) and the rename, and the writer goes
// on with its next file. wait() waits for every queued commit and throws the first failure; the
// others still complete, so files committed without error are whole.
class DeferredCommits {
  public:
    DeferredCommits() = default;
    DeferredCommits(const DeferredCommits&) = delete;
    DeferredCommits& operator=(const DeferredCommits&) = delete;
    ~DeferredCommits();  // waits, ignoring failures (wait() reports them)

    void wait();

  private:
    friend class AtomicFile;
    std::mutex mutex_;
    std::vector<std::future<void>> pending_;
};

// Removes temporaries a killed run may have left in `folder` (not recursive).
void remove_stale_temporaries(const std::filesystem::path& folder);

// Writes a whole file atomically; `executable` adds the execute permissions.
void write_file_atomically(const std::filesystem::path& target, std::string_view text,
                           bool executable = false, DeferredCommits* deferred = nullptr);

}  // namespace signalkg
