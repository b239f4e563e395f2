#include "ingest/corpus.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "ingest/json_format.hpp"
#include "ingest/markdown.hpp"

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

std::vector<std::string> find_report_files(const std::vector<std::string>& inputs,
                                           std::vector<Diagnostic>& diagnostics) {
    std::vector<std::string> files;
    for (const std::string& input : inputs) {
        std::error_code ec;
        const fs::file_status status = fs::status(input, ec);
        if (ec || !fs::exists(status)) {
            diagnostics.push_back({input, 0, "no such file or folder"});
        } else if (fs::is_directory(status)) {
            for (auto it = fs::recursive_directory_iterator(
                     input, fs::directory_options::skip_permission_denied, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (it->is_regular_file(ec) && is_report_extension(it->path().extension().string()))
                    files.push_back(it->path().string());
            }
            if (ec) diagnostics.push_back({input, 0, "cannot list folder: " + ec.message()});
        } else {
            files.push_back(input);  // named explicitly: read whatever its extension
        }
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

namespace {

bool read_file(const std::string& path, std::string& text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = std::move(buffer).str();
    return !in.bad();
}

// Markdown holds one report a file; JSON files may hold many.
ParsedReports parse_file(std::string text, const std::string& path) {
    if (is_json_extension(fs::path(path).extension().string()))
        return parse_json_reports(text, path);
    ParsedReport one = parse_markdown(std::move(text), path);
    ParsedReports out;
    out.diagnostics = std::move(one.diagnostics);
    if (one.report) out.reports.push_back(std::move(*one.report));
    return out;
}

}  // namespace

Corpus read_corpus(const std::vector<std::string>& files, int jobs,
                   const ProgressCallback& progress) {
    std::vector<ParsedReports> parsed(files.size());
    std::vector<std::size_t> sizes(files.size());
    std::atomic<std::size_t> next{0}, done{0};
    const auto work = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
            std::string text;
            if (!read_file(files[i], text)) {
                parsed[i].diagnostics.push_back({files[i], 0, "cannot read file"});
            } else {
                sizes[i] = text.size();
                parsed[i] = parse_file(std::move(text), files[i]);
            }
            const std::size_t finished = done.fetch_add(1) + 1;
            if (progress && jobs <= 1) progress(finished, files.size());
        }
    };
    const int threads = std::max(1, std::min<int>(jobs, static_cast<int>(files.size())));
    if (threads <= 1) {
        work();
    } else {
        std::vector<std::jthread> pool;
        for (int t = 0; t < threads; ++t)
            pool.emplace_back(work);
        if (progress) {
            while (done.load() < files.size()) {
                progress(done.load(), files.size());
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        }
    }
    if (progress) progress(files.size(), files.size());

    Corpus corpus;
    corpus.files = files.size();
    std::map<std::string, std::string> first_path_of_id;
    for (std::size_t i = 0; i < files.size(); ++i) {
        corpus.bytes += sizes[i];
        auto& diagnostics = parsed[i].diagnostics;
        corpus.diagnostics.insert(corpus.diagnostics.end(),
                                  std::make_move_iterator(diagnostics.begin()),
                                  std::make_move_iterator(diagnostics.end()));
        for (Report& report : parsed[i].reports) {
            // Two reports with one id (say a/x.md and b/x.md) must not become one article.
            const auto [it, fresh] = first_path_of_id.emplace(report.id, report.path);
            if (!fresh) {
                std::string id;
                for (int n = 2;
                     !first_path_of_id.emplace(id = fmt::format("{}~{}", report.id, n), report.path)
                          .second;
                     ++n) {
                }
                corpus.diagnostics.push_back(
                    {report.path, 0,
                     fmt::format("report id '{}' is already used by {}; this report is '{}'",
                                 report.id, it->second, id)});
                report.id = id;
            }
            corpus.reports.push_back(std::move(report));
        }
    }
    return corpus;
}

}  // namespace signalkg
