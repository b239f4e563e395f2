#include "distributed/cluster.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include <fmt/format.h>
#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/mpi/request.hpp>

namespace signalkg::distributed {

namespace mpi = boost::mpi;

bool launched_by_mpi() {
    for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
        if (std::getenv(variable)) return true;
    return false;
}

namespace {

enum Tag : int { kSize = 1, kData = 2, kOrderSize = 3, kOrder = 4, kExchange = 5 };
// MPI counts are ints: texts go in parts of at most this many bytes.
constexpr std::size_t kPart = std::size_t{1} << 30;

// Waits for a request without spinning: MPI's own waits poll a core at full speed, which on a
// machine shared by several ranks takes it from those with work to do.
void wait_idle(mpi::request& request) {
    auto pause = std::chrono::microseconds(50);
    while (!request.test()) {
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::microseconds(10000));
    }
}

}  // namespace

struct Cluster::Mpi {
    Mpi(int& argc, char**& argv)
        : environment(argc, argv, mpi::threading::funneled, false),
          host(mpi::environment::processor_name()) {}
    mpi::environment environment;
    mpi::communicator world;
    std::string host;
};

Cluster::Cluster(int& argc, char**& argv) : mpi_(std::make_unique<Mpi>(argc, argv)) {}
Cluster::~Cluster() = default;

int Cluster::rank() const {
    return mpi_->world.rank();
}
int Cluster::size() const {
    return mpi_->world.size();
}
const std::string& Cluster::host() const {
    return mpi_->host;
}

void Cluster::order(std::string_view text) {
    for (int r = 1; r < size(); ++r)
        order(r, text);
}

void Cluster::order(int rank, std::string_view text) {
    send(rank, kOrderSize, kOrder, text);
}

std::string Cluster::next_order() {
    return receive(0, kOrderSize, kOrder);
}

void Cluster::send_to_root(std::string_view text) {
    send(0, kSize, kData, text);
}

std::string Cluster::receive(int from) {
    return receive(from, kSize, kData);
}

void Cluster::send(int to, int size_tag, int data_tag, std::string_view text) {
    const std::uint64_t size = text.size();
    mpi_->world.send(to, size_tag, size);
    for (std::size_t at = 0; at < size; at += kPart)
        mpi_->world.send(to, data_tag, text.data() + at,
                         static_cast<int>(std::min(kPart, size - at)));
    traffic_.sent += size + sizeof size;
}

std::string Cluster::receive(int from, int size_tag, int data_tag) {
    std::uint64_t size = 0;
    mpi::request request = mpi_->world.irecv(from, size_tag, size);
    wait_idle(request);
    std::string text(size, '\0');
    for (std::size_t at = 0; at < size; at += kPart)
        mpi_->world.recv(from, data_tag, text.data() + at,
                         static_cast<int>(std::min(kPart, size - at)));
    traffic_.received += size + sizeof size;
    return text;
}

std::vector<std::string> Cluster::all_to_all(const std::vector<std::string>& out) {
    const int n = size();
    std::vector<std::uint64_t> sizes_out(static_cast<std::size_t>(n)), sizes_in;
    for (int r = 0; r < n; ++r)
        sizes_out[r] = out[r].size();
    mpi::all_to_all(mpi_->world, sizes_out, sizes_in);
    std::vector<std::string> in(static_cast<std::size_t>(n));
    std::vector<mpi::request> requests;
    for (int r = 0; r < n; ++r) {
        if (r == rank()) {
            in[r] = out[r];
            continue;
        }
        in[r].resize(sizes_in[r]);
        for (std::size_t at = 0; at < sizes_in[r]; at += kPart)
            requests.push_back(
                mpi_->world.irecv(r, kExchange, in[r].data() + at,
                                  static_cast<int>(std::min(kPart, sizes_in[r] - at))));
        for (std::size_t at = 0; at < sizes_out[r]; at += kPart)
            requests.push_back(
                mpi_->world.isend(r, kExchange, out[r].data() + at,
                                  static_cast<int>(std::min(kPart, sizes_out[r] - at))));
        traffic_.sent += sizes_out[r] + sizeof(std::uint64_t);
        traffic_.received += sizes_in[r] + sizeof(std::uint64_t);
    }
    for (mpi::request& request : requests)
        wait_idle(request);
    return in;
}

std::uint64_t Cluster::exclusive_sum(std::uint64_t value) {
    std::vector<std::uint64_t> all;
    mpi::all_gather(mpi_->world, value, all);
    std::uint64_t before = 0;
    for (int r = 0; r < rank(); ++r)
        before += all[r];
    return before;
}

std::string Cluster::broadcast(const std::string& text) {
    const auto ranks = static_cast<std::size_t>(size());
    return all_to_all(std::vector<std::string>(ranks, is_root() ? text : std::string()))[0];
}

std::vector<std::string> Cluster::gather(std::string text) {
    std::vector<std::string> out(static_cast<std::size_t>(size()));
    out[0] = std::move(text);
    std::vector<std::string> in = all_to_all(out);
    if (!is_root()) in.clear();
    return in;
}

std::uint64_t Cluster::sum(std::uint64_t value) {
    return mpi::all_reduce(mpi_->world, value, std::plus<std::uint64_t>());
}

namespace {

// Sums `values` over the ranks, in place, in parts (MPI counts are ints).
template <typename Number>
void sum_each(const mpi::communicator& world, std::span<Number> values, Traffic& traffic) {
    const std::vector<Number> mine(values.begin(), values.end());
    constexpr std::size_t kCount = std::size_t{1} << 27;
    for (std::size_t at = 0; at < values.size(); at += kCount)
        mpi::all_reduce(world, mine.data() + at,
                        static_cast<int>(std::min(kCount, values.size() - at)), values.data() + at,
                        std::plus<Number>());
    traffic.sent += values.size_bytes();
    traffic.received += values.size_bytes();
}

}  // namespace

void Cluster::sum(std::span<std::uint32_t> values) {
    sum_each(mpi_->world, values, traffic_);
}

void Cluster::sum(std::span<std::uint64_t> values) {
    sum_each(mpi_->world, values, traffic_);
}

void Cluster::fail(int code, std::string_view message) const {
    fmt::print(stderr, "signalkg: rank {} of {} on {}: {}\n", rank(), size(), host(), message);
    std::fflush(stderr);
    mpi_->world.abort(code);
    std::abort();  // not reached: MPI_Abort ends the process
}

}  // namespace signalkg::distributed
