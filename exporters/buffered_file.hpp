// A streaming text writer on an AtomicFile: appends into a buffer, writes it out in large blocks.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "exporters/atomic_file.hpp"

namespace signalkg {

class BufferedFile {
  public:
    explicit BufferedFile(std::filesystem::path target, DeferredCommits* deferred = nullptr)
        : file_(std::move(target), deferred) {
        buffer_.reserve(kBlock + 4096);
    }

    BufferedFile& operator<<(std::string_view text) {
        buffer_.append(text);
        if (buffer_.size() >= kBlock) flush();
        return *this;
    }
    template <typename... Args>
    void print(fmt::format_string<Args...> format, Args&&... args) {
        fmt::format_to(std::back_inserter(buffer_), format, std::forward<Args>(args)...);
        if (buffer_.size() >= kBlock) flush();
    }
    // Direct access for escaping functions that append in place.
    std::string& buffer() { return buffer_; }
    void put(char c) {
        buffer_.push_back(c);
        if (buffer_.size() >= kBlock) flush();
    }

    void commit() {
        flush();
        file_.commit();
    }

  private:
    static constexpr std::size_t kBlock = 1 << 16;
    void flush() {
        file_.write(buffer_);
        buffer_.clear();
    }
    AtomicFile file_;
    std::string buffer_;
};

}  // namespace signalkg
