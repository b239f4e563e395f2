#include "ingest/corpus.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "ingest/json_format.hpp"
#include "ingest/markdown.hpp"
#include "parallel/parallel.hpp"

namespace signalkg {

namespace fs = std::filesystem;

namespace {

bool is_json_extension(const std::string& extension) {
    return extension == ".json" || extension == ".jsonl" || extension == ".ndjson";
}

}  // namespace

bool is_report_extension(const std::string& extension) {
    return extension == ".md" || is_json_extension(extension);
}

namespace {

bool is_inside(const fs::path& path, const fs::path& folder) {
    const auto [end, ignored] =
        std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
    return end == folder.end();
}

// Walks one input folder; symbolic links out of `root` are followed only when asked, and a
// folder reached twice (through links) is walked once.
class FolderWalker {
  public:
    FolderWalker(const ReadOptions& options, std::vector<std::string>& files,
                 std::vector<Diagnostic>& diagnostics)
        : options_(options), files_(files), diagnostics_(diagnostics) {}

    // Says whether a symbolic link was followed: only then can a file be found twice.
    bool walk_root(const fs::path& folder) {
        std::error_code ec;
        root_ = fs::canonical(folder, ec);
        if (ec) {
            diagnostics_.push_back({folder.string(), 0, "cannot open folder"});
            return false;
        }
        walked_.insert(root_);
        walk(folder);
        return followed_link_;
    }

  private:
    void walk(const fs::path& folder) {
        std::error_code ec;
        for (auto it =
                 fs::directory_iterator(folder, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::directory_iterator(); it.increment(ec)) {
            const fs::path& path = it->path();
            std::error_code status_ec;
            if (it->is_symlink(status_ec) && !follow_link(path)) continue;
            if (it->is_directory(status_ec)) {
                if (walked_.insert(fs::canonical(path, status_ec)).second) walk(path);
            } else if (it->is_regular_file(status_ec) &&
                       is_report_extension(path.extension().string())) {
                files_.push_back(path.string());
            }
        }
        if (ec) diagnostics_.push_back({folder.string(), 0, "cannot list folder: " + ec.message()});
    }

    bool follow_link(const fs::path& link) {
        std::error_code ec;
        const fs::path target = fs::canonical(link, ec);
        if (ec) {
            diagnostics_.push_back({link.string(), 0, "broken symbolic link; skipped"});
            return false;
        }
        if (options_.follow_symlinks || is_inside(target, root_)) return followed_link_ = true;
        diagnostics_.push_back(
            {link.string(), 0,
             fmt::format("symbolic link to {} leads out of {}; not followed (see "
                         "--follow-symlinks)",
                         target.string(), root_.string())});
        return false;
    }

    const ReadOptions& options_;
    std::vector<std::string>& files_;
    std::vector<Diagnostic>& diagnostics_;
    fs::path root_;
    std::set<fs::path> walked_;
    bool followed_link_ = false;
};

}  // namespace

std::vector<std::string> find_report_files(const std::vector<std::string>& inputs,
                                           std::vector<Diagnostic>& diagnostics,
                                           const ReadOptions& options) {
    std::vector<std::string> files;
    bool may_repeat = inputs.size() > 1;  // inputs may overlap, links may lead to a file twice
    for (const std::string& input : inputs) {
        std::error_code ec;
        const fs::file_status status = fs::status(input, ec);
        if (ec || !fs::exists(status)) {
            diagnostics.push_back({input, 0, std::string(kNoSuchInput)});
        } else if (fs::is_directory(status)) {
            may_repeat |= FolderWalker(options, files, diagnostics).walk_root(input);
        } else {
            files.push_back(input);  // named explicitly: read whatever its extension
        }
    }
    // One path per file: the first in sorted order. Resolving every path costs a system call per
    // path component (seconds for 100,000 files), so only when a file may have several.
    std::sort(files.begin(), files.end());
    if (!may_repeat) return files;
    std::set<fs::path> seen;
    std::erase_if(files, [&](const std::string& file) {
        std::error_code ec;
        const fs::path real = fs::canonical(file, ec);
        return !ec && !seen.insert(real).second;
    });
    return files;
}

namespace {

// Reads a regular file of at most `max_size` bytes into `buffer`, which is reused from file to
// file (no allocation or zero-filling once it has grown), and points `text` at it; anything else
// is a diagnostic. One path lookup a file: open, then fstat on the descriptor.
std::optional<Diagnostic> read_file(const std::string& path, std::uintmax_t max_size,
                                    std::string& buffer, std::string_view& text) {
    const auto failure = [&](std::string_view what) {
        return Diagnostic{path, 0, fmt::format("cannot read file: {}", what)};
    };
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return failure(std::strerror(errno));
    const struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat status {};
    if (::fstat(fd, &status) != 0) return failure(std::strerror(errno));
    if (!S_ISREG(status.st_mode)) return Diagnostic{path, 0, "not a regular file; skipped"};
    const auto size = static_cast<std::uintmax_t>(status.st_size);
    if (size > max_size)
        return Diagnostic{path, 0,
                          fmt::format("file of {} bytes is over the --max-file-size limit of {} "
                                      "bytes; skipped",
                                      size, max_size)};
    if (buffer.size() < size) buffer.resize(size);
    std::size_t got = 0;
    while (got < size) {  // the file may have shrunk meanwhile: whatever is there
        const ssize_t n = ::read(fd, buffer.data() + got, size - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return failure(std::strerror(errno));
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    text = std::string_view(buffer.data(), got);
    return std::nullopt;
}

// Asks the kernel to read a regular file into the page cache, without waiting for it.
void start_reading(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);  // a FIFO would block
    if (fd < 0) return;
    struct stat status {};
    if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode))
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
    ::close(fd);
}

// Markdown holds one report a file; JSON files may hold many.
ParsedReports parse_file(std::string_view text, const std::string& path) {
    if (is_json_extension(fs::path(path).extension().string()))
        return parse_json_reports(text, path);
    ParsedReport one = parse_markdown(text, path);
    ParsedReports out;
    out.diagnostics = std::move(one.diagnostics);
    if (one.report) out.reports.push_back(std::move(*one.report));
    return out;
}

}  // namespace

Corpus read_corpus(const std::vector<std::string>& files, const ReadOptions& options,
                   const ProgressCallback& progress) {
    std::vector<Report> reports;
    Corpus corpus = read_corpus(files, options, progress,
                                [&](Report&& report) { reports.push_back(std::move(report)); });
    corpus.reports = std::move(reports);
    return corpus;
}

Corpus read_corpus(const std::vector<std::string>& files, const ReadOptions& options,
                   const ProgressCallback& progress, const ReportSink& take) {
    std::vector<Diagnostic> diagnostics;
    UniqueReportIds ids;
    Corpus corpus = read_files(files, options, progress, [&](std::size_t, ParsedReports&& parsed) {
        ids.admit(std::move(parsed), diagnostics, take);
    });
    corpus.diagnostics = std::move(diagnostics);
    return corpus;
}

void UniqueReportIds::admit(ParsedReports&& file, std::vector<Diagnostic>& diagnostics,
                            const ReportSink& take) {
    diagnostics.insert(diagnostics.end(), std::make_move_iterator(file.diagnostics.begin()),
                       std::make_move_iterator(file.diagnostics.end()));
    for (Report& report : file.reports) {
        if (const std::string renamed = admit(report.id, report.path, diagnostics);
            !renamed.empty())
            report.id = report.keep(renamed);
        take(std::move(report));
    }
}

std::string UniqueReportIds::admit(std::string_view id, std::string_view path,
                                   std::vector<Diagnostic>& diagnostics) {
    const auto [it, fresh] = first_path_of_id_.emplace(id, path);
    if (fresh) return {};
    std::string renamed;
    for (int n = 2; !first_path_of_id_.emplace(renamed = fmt::format("{}~{}", id, n), path).second;
         ++n) {
    }
    diagnostics.push_back({std::string(path), 0,
                           fmt::format("report id '{}' is already used by {}; this report is '{}'",
                                       id, it->second, renamed)});
    return renamed;
}

Corpus read_files(const std::vector<std::string>& files, const ReadOptions& options,
                  const ProgressCallback& progress, const ParsedFileSink& take) {
    std::vector<ParsedReports> parsed(files.size());
    std::vector<std::size_t> sizes(files.size());
    // Files are parsed in any order; ready[i] tells the taking thread that file i is done.
    std::vector<char> ready(files.size(), 0);
    std::vector<char> out_of_memory(files.size(), 0);  // with options.out_of_memory_throws
    std::mutex mutex;
    std::condition_variable parsed_one;
    std::atomic<std::size_t> next{0};
    double parse_cpu_seconds = 0;  // under `mutex`
    const auto parse_files = [&] {
        double parsing = 0;
        std::string buffer;
        for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
            std::string_view text;
            try {
                if (auto problem = read_file(files[i], options.max_file_size, buffer, text)) {
                    parsed[i].diagnostics.push_back(std::move(*problem));
                } else {
                    sizes[i] = text.size();
                    const double started = thread_cpu_seconds();
                    parsed[i] = parse_file(text, files[i]);
                    parsing += thread_cpu_seconds() - started;
                }
            } catch (const std::exception& e) {  // out of memory: the file is lost, said so
                parsed[i] = {};
                const bool memory = dynamic_cast<const std::bad_alloc*>(&e) != nullptr;
                if (memory && options.out_of_memory_throws) {
                    out_of_memory[i] = 1;
                } else {
                    parsed[i].diagnostics.push_back(
                        {files[i], 0,
                         fmt::format("not read: {}", memory ? "out of memory" : e.what())});
                }
                buffer = std::string();  // what it held may be what is missing
            }
            const std::lock_guard lock(mutex);
            ready[i] = 1;
            parsed_one.notify_one();
        }
        const std::lock_guard lock(mutex);
        parse_cpu_seconds += parsing;
    };
    const int threads = std::max(1, std::min<int>(options.jobs, static_cast<int>(files.size())));
    // Files not in the page cache would have each parse thread wait on the disk for one small
    // file at a time; this asks the kernel to start reading the next ones (100,000 files from a
    // cold cache: 28 s of reading before, see bench/README.md).
    std::jthread read_ahead([&](std::stop_token stop) {
        constexpr std::size_t kAhead = 256;
        for (std::size_t i = 0; (i = std::max(i, next.load())) < files.size(); ++i) {
            while (i > next.load() + kAhead && !stop.stop_requested())  // files taken: skipped
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            if (stop.stop_requested()) return;
            start_reading(files[i]);
        }
    });
    // With one thread, this one parses; with more, that many parse while this one takes.
    WorkerThreads parsers(threads > 1 ? threads : 0, 0, [&](int) { parse_files(); });
    if (parsers.started() == 0) parse_files();  // one thread asked for, or none to be had
    // When `take` throws, the parsers stop at their next file instead of parsing the rest.
    const struct StopParsers {
        std::atomic<std::size_t>& next;
        std::size_t end;
        ~StopParsers() { next.store(end); }
    } stop_parsers{next, files.size()};

    Corpus corpus;
    corpus.files = files.size();
    std::error_code ignored;
    for (std::size_t i = 0; i < files.size(); ++i) {
        {
            std::unique_lock lock(mutex);
            parsed_one.wait(lock, [&] { return ready[i] != 0; });
        }
        if (progress && (i % 256 == 0 || i + 1 == files.size())) progress(i + 1, files.size());
        if (out_of_memory[i])
            throw OutOfMemory(fmt::format("out of memory reading {} ({} bytes)", files[i],
                                          std::filesystem::file_size(files[i], ignored)));
        corpus.bytes += sizes[i];
        take(i, std::move(parsed[i]));
        parsed[i] = {};  // its reports now belong to the taker
    }
    parsers.join();  // their parse times are in
    corpus.parse_cpu_seconds = parse_cpu_seconds;
    return corpus;
}

}  // namespace signalkg
