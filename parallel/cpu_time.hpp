// CPU time of the calling thread: per-core throughput figures (MB/s per core) divide by it.
#pragma once

#include <time.h>

namespace signalkg {

inline double thread_cpu_seconds() {
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

}  // namespace signalkg
