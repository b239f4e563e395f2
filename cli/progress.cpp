#include "cli/progress.hpp"

#include <cstdio>

#include <fmt/format.h>

namespace signalkg::cli {

ProgressBar::ProgressBar(bool enabled) : enabled_(enabled) {}

void ProgressBar::update(const std::string& stage, std::size_t done, std::size_t total) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    // Redraw at most ten times a second, but always show the end of a stage.
    if (drawn_ && done != total && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    std::string line;
    if (total > 0) {
        constexpr int kWidth = 30;
        const int filled = static_cast<int>(kWidth * done / total);
        line = fmt::format("{:<12} [{}{}] {}/{}", stage, std::string(filled, '#'),
                           std::string(kWidth - filled, ' '), done, total);
    } else {
        line = fmt::format("{} ...", stage);
    }
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressBar::clear() {
    if (!enabled_ || !drawn_) return;
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
}

}  // namespace signalkg::cli
