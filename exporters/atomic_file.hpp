// Writing a file so that readers only ever see the old complete file or the new complete one.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string_view>

namespace signalkg {

struct OutputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Writes to an unnamed file (O_TMPFILE) in the target's folder; commit() syncs it, gives it a
// temporary name and renames it over the target. A process killed before commit leaves nothing
// behind. Where O_TMPFILE is unsupported, the temporary file has a name from the start
// (`.NAME.signalkg-tmp`); remove_stale_temporaries() clears those left by a killed run.
// Destroyed without commit(), it leaves the target alone.
class AtomicFile {
  public:
    explicit AtomicFile(std::filesystem::path target);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    void write(std::string_view text);
    void commit();

  private:
    [[noreturn]] void fail(std::string_view what) const;
    std::filesystem::path target_;
    std::filesystem::path temporary_;  // the named temporary, empty while unnamed
    int fd_ = -1;
};

// Removes temporaries a killed run may have left in `folder` (not recursive).
void remove_stale_temporaries(const std::filesystem::path& folder);

// Writes a whole file atomically.
void write_file_atomically(const std::filesystem::path& target, std::string_view text);

}  // namespace signalkg
