#include "exporters/atomic_file.hpp"

#include <unistd.h>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace signalkg {

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
    temporary_ = target_;
    temporary_ += fmt::format(".tmp-{}", ::getpid());
    file_.reset(std::fopen(temporary_.c_str(), "wb"));
    if (!file_)
        throw OutputError(
            fmt::format("{}: cannot write: {}", temporary_.string(), std::strerror(errno)));
    static constexpr std::size_t kBuffer = 1 << 20;
    std::setvbuf(file_.get(), nullptr, _IOFBF, kBuffer);
}

AtomicFile::~AtomicFile() {
    if (file_) {
        file_.reset();
        std::error_code ignored;
        std::filesystem::remove(temporary_, ignored);
    }
}

void AtomicFile::write(std::string_view text) {
    if (std::fwrite(text.data(), 1, text.size(), file_.get()) != text.size())
        throw OutputError(
            fmt::format("{}: write failed: {}", temporary_.string(), std::strerror(errno)));
}

void AtomicFile::commit() {
    std::FILE* f = file_.get();
    if (std::fflush(f) != 0 || std::ferror(f) || ::fsync(::fileno(f)) != 0)
        throw OutputError(
            fmt::format("{}: write failed: {}", temporary_.string(), std::strerror(errno)));
    if (std::fclose(file_.release()) != 0)
        throw OutputError(
            fmt::format("{}: close failed: {}", temporary_.string(), std::strerror(errno)));
    std::error_code ec;
    std::filesystem::rename(temporary_, target_, ec);
    if (ec) {
        std::filesystem::remove(temporary_, ec);
        throw OutputError(fmt::format("{}: cannot replace: {}", target_.string(), ec.message()));
    }
}

void write_file_atomically(const std::filesystem::path& target, std::string_view text) {
    AtomicFile file(target);
    file.write(text);
    file.commit();
}

}  // namespace signalkg
