// The one way signalkg runs work on several threads: a fixed number of workers, each handed
// chunks of an index range from one atomic counter. Results never depend on the number of
// workers, because every caller writes each chunk's result to a place of its own (by index) and
// reads them back in index order.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "parallel/timing.hpp"

namespace signalkg {

// Threads started now, each running work(worker) with worker = first, first + 1, ...; joined by
// join() or the destructor. An exception leaving `work` is kept, and join() rethrows the first.
// When the system gives fewer threads than asked, fewer run (started() says how many): callers
// hand out work from a shared counter, so the work is done all the same.
class WorkerThreads {
  public:
    template <typename Work>
    WorkerThreads(int count, int first, Work work) {
        for (int t = 0; t < count; ++t) {
            try {
                start(first + t, work);
            } catch (const std::system_error&) {  // no more threads to be had
                break;
            }
        }
    }
    WorkerThreads(const WorkerThreads&) = delete;
    WorkerThreads& operator=(const WorkerThreads&) = delete;
    ~WorkerThreads() {
        for (std::jthread& t : threads_)
            if (t.joinable()) t.join();
    }

    int started() const { return static_cast<int>(threads_.size()); }
    // Waits for every thread; rethrows the first exception one of them threw.
    void join() {
        for (std::jthread& t : threads_)
            if (t.joinable()) t.join();
        if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
    }
    // CPU time the threads used, once joined.
    double cpu_seconds() const { return cpu_seconds_; }

  private:
    template <typename Work>
    void start(int worker, const Work& work) {
        threads_.emplace_back([this, work, worker] {
            try {
                work(worker);
            } catch (...) {
                const std::lock_guard lock(mutex_);
                if (!failure_) failure_ = std::current_exception();
            }
            cpu_seconds_ += thread_cpu_seconds();
        });
    }

    std::vector<std::jthread> threads_;
    std::mutex mutex_;
    std::exception_ptr failure_;
    std::atomic<double> cpu_seconds_{0};
};

// Runs work(worker) for worker = 0 .. workers - 1: worker 0 on the calling thread, the others on
// threads of their own. Rethrows the first exception; returns the CPU time of the threads it
// started (the caller's own is in its thread_cpu_seconds()).
template <typename Work>
double on_workers(int workers, const Work& work) {
    WorkerThreads helpers(std::max(workers, 1) - 1, 1, work);
    std::exception_ptr failure;
    try {
        work(0);
    } catch (...) {
        failure = std::current_exception();
    }
    helpers.join();
    if (failure) std::rethrow_exception(failure);
    return helpers.cpu_seconds();
}

// Calls body(worker, begin, end) for the chunks [begin, end) of `chunk` items that cover
// [0, count), on `workers` workers (fewer when there are fewer chunks). The chunk of an item,
// begin / chunk, does not depend on `workers`. Returns what on_workers returns.
template <typename Body>
double parallel_for(std::size_t count, std::size_t chunk, int workers, const Body& body) {
    chunk = std::max<std::size_t>(chunk, 1);
    const std::size_t chunks = (count + chunk - 1) / chunk;
    workers = static_cast<int>(
        std::min<std::size_t>(std::max(workers, 1), std::max<std::size_t>(chunks, 1)));
    std::atomic<std::size_t> next{0};
    return on_workers(workers, [&](int worker) {
        for (std::size_t begin; (begin = next.fetch_add(chunk)) < count;)
            body(worker, begin, std::min(begin + chunk, count));
    });
}

}  // namespace signalkg
