#include "exporters/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace signalkg {

namespace {

constexpr std::string_view kTemporarySuffix = ".signalkg-tmp";

// The name a temporary for `target` gets.
std::filesystem::path temporary_path(const std::filesystem::path& target) {
    return target.parent_path() /
           fmt::format(".{}{}", target.filename().string(), kTemporarySuffix);
}

}  // namespace

void remove_stale_temporaries(const std::filesystem::path& folder) {
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(folder, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.starts_with('.') && name.ends_with(kTemporarySuffix)) {
            std::error_code ignored;
            std::filesystem::remove(it->path(), ignored);
        }
    }
}

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
    std::filesystem::path folder = target_.parent_path();
    if (folder.empty()) folder = ".";
    fd_ = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
    if (fd_ < 0) {
        // File systems without O_TMPFILE: a named temporary beside the target.
        temporary_ = temporary_path(target_);
        fd_ = ::open(temporary_.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0644);
    }
    if (fd_ < 0) fail("cannot write");
}

AtomicFile::~AtomicFile() {
    if (fd_ < 0) return;
    ::close(fd_);
    if (!temporary_.empty()) {
        std::error_code ignored;
        std::filesystem::remove(temporary_, ignored);
    }
}

void AtomicFile::fail(std::string_view what) const {
    throw OutputError(fmt::format("{}: {}: {}", target_.string(), what, std::strerror(errno)));
}

void AtomicFile::write(std::string_view text) {
    while (!text.empty()) {
        const ssize_t written = ::write(fd_, text.data(), text.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            fail("write failed");
        }
        text.remove_prefix(static_cast<std::size_t>(written));
    }
}

void AtomicFile::commit() {
    if (::fsync(fd_) != 0) fail("write failed");
    if (temporary_.empty()) {
        // Name the unnamed file, then rename it over the target (linkat cannot replace).
        temporary_ = temporary_path(target_);
        ::unlink(temporary_.c_str());
        const std::string self = fmt::format("/proc/self/fd/{}", fd_);
        if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, temporary_.c_str(), AT_SYMLINK_FOLLOW) !=
            0) {
            temporary_.clear();
            fail("cannot name the new file");
        }
    }
    if (::close(fd_) != 0) fail("close failed");
    fd_ = -1;
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
