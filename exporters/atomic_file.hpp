// Writing a file so that readers only ever see the old complete file or the new complete one.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string_view>

namespace signalkg {

struct OutputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Writes to a temporary file beside the target; commit() flushes, syncs and renames it over the
// target. Destroyed without commit(), it removes the temporary file and leaves the target alone.
class AtomicFile {
  public:
    explicit AtomicFile(std::filesystem::path target);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    void write(std::string_view text);
    void commit();

  private:
    struct Closer {
        void operator()(std::FILE* f) const { std::fclose(f); }
    };
    std::filesystem::path target_;
    std::filesystem::path temporary_;
    std::unique_ptr<std::FILE, Closer> file_;
};

// Writes a whole file atomically.
void write_file_atomically(const std::filesystem::path& target, std::string_view text);

}  // namespace signalkg
