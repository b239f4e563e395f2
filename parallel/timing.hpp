// Timing a stage: wall time by laps, and the CPU time of the calling thread (per-core throughput
// figures, MB/s per core, divide by it).
#pragma once

#include <time.h>

#include <chrono>
#include <utility>

namespace signalkg {

inline double thread_cpu_seconds() {
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Wall seconds since it was made or last called.
class Lap {
  public:
    double operator()() {
        const auto now = std::chrono::steady_clock::now();
        return std::chrono::duration<double>(now - std::exchange(last_, now)).count();
    }

  private:
    std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace signalkg
