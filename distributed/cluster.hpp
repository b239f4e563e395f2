// The processes of one distributed build (MPI, through Boost.MPI), and the few ways they talk:
// orders from the root to every rank, and texts from each rank to the root. Every
// byte sent or received is counted (`traffic`, for --timings and the benchmark).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace signalkg::distributed {

// Whether a launcher started this process as one of several MPI ranks (Open MPI's mpirun,
// Slurm's srun with PMI or PMIx): a build then runs on every rank it started.
bool launched_by_mpi();

struct Traffic {
    std::uint64_t sent = 0, received = 0;  // bytes
};

class Cluster {
  public:
    // MPI_Init; MPI_Finalize at destruction. Only the calling thread talks to other ranks.
    Cluster(int& argc, char**& argv);
    ~Cluster();
    Cluster(const Cluster&) = delete;
    Cluster& operator=(const Cluster&) = delete;

    int rank() const;
    int size() const;
    bool is_root() const { return rank() == 0; }
    const std::string& host() const;
    const Traffic& traffic() const { return traffic_; }

    // The root drives a build; the other ranks serve it: order() sends each of them the same
    // text, next_order() waits for it (idle: MPI's own waits keep a core busy polling).
    void order(std::string_view text);
    void order(int rank, std::string_view text);  // to one rank
    std::string next_order();
    // A rank's text to the root, which takes them one rank at a time with receive().
    void send_to_root(std::string_view text);
    std::string receive(int from);

    // Collectives, called by every rank at the same point (a partitioned build, where each rank
    // holds a share of the graph):
    //  all_to_all: out[r] goes to rank r; returns in[r], what rank r sent this one;
    //  exclusive_sum: the sum of `value` over the ranks before this one;
    //  sum: over all ranks.
    std::vector<std::string> all_to_all(const std::vector<std::string>& out);
    //  broadcast: the root's `text`, on every rank (the others' is not read);
    //  gather: every rank's `text`, in rank order, at the root; nothing elsewhere.
    std::string broadcast(const std::string& text);
    std::vector<std::string> gather(std::string text);
    std::uint64_t exclusive_sum(std::uint64_t value);
    std::uint64_t sum(std::uint64_t value);
    void sum(std::span<std::uint32_t> values);  // each, in place
    void sum(std::span<std::uint64_t> values);

    // Ends every rank of the run: `message` on stderr naming this rank and its host, then
    // MPI_Abort with `code` (what mpirun and srun exit with).
    [[noreturn]] void fail(int code, std::string_view message) const;

  private:
    void send(int to, int size_tag, int data_tag, std::string_view text);
    std::string receive(int from, int size_tag, int data_tag);
    struct Mpi;
    std::unique_ptr<Mpi> mpi_;
    Traffic traffic_;
};

}  // namespace signalkg::distributed
