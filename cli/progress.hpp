// A one-line progress bar on stderr, drawn only when stderr is a terminal.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace signalkg::cli {

class ProgressBar {
  public:
    explicit ProgressBar(bool enabled);
    ~ProgressBar() { clear(); }

    // Shows `stage` with done/total (total 0: no bar, just the stage name).
    void update(const std::string& stage, std::size_t done = 0, std::size_t total = 0);
    void clear();

  private:
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace signalkg::cli
