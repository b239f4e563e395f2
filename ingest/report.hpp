// The plain data a signal report holds, independent of its file format.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace signalkg {

enum class StatementKind : std::uint8_t { Signal, Concern, Behavior, Technology, Issue };
inline constexpr int kStatementKinds = 5;

// A table column the model does not know, kept under its header name.
struct ExtraField {
    std::string name;
    std::string value;
};

// One row of a Signals/Concerns/... table: what one report said about one statement.
struct Statement {
    StatementKind kind = StatementKind::Signal;
    std::string name;
    bool name_derived = false;  // the table had no name column; derived from the description
    std::string description;
    std::string change;
    std::string outlook;  // "10-year" / "10y horizon"
    std::string driving_force;
    std::optional<int> relevancy;
    std::vector<ExtraField> extra;
    int line = 0;
};

// A `## Closest` link to another report (by file id) or to an outside IRI.
struct Link {
    std::string title;
    std::string target;
    int line = 0;
};

struct Report {
    std::string id;    // file name without extension
    std::string path;  // as given on the command line
    std::string title;
    std::string page;      // newsletter page token, e.g. 20241103, 20250511d, 4320.0
    std::string date;      // ISO yyyy-mm-dd when the page token starts with a real date
    std::string page_url;  // the newsletter page
    std::string external_url;
    std::string category;
    std::string type;
    std::string summary;
    std::vector<std::string> keywords;
    std::vector<std::string> themes;
    std::vector<Statement> statements;
    std::vector<Link> closest;
    std::vector<ExtraField> extra;  // unknown `## Other` keys and unknown sections
};

struct Diagnostic {
    std::string file;
    int line = 0;  // 0 when the message is about the whole file
    std::string message;
};

// Takes reports one at a time, in corpus order (read_corpus hands them to a KnowledgeGraph).
using ReportSink = std::function<void(Report&&)>;

const char* statement_kind_name(StatementKind kind);
// Limits on hostile input. Whatever goes over one is dropped with a diagnostic naming the file
// and line; the rest of the file is still read.
inline constexpr std::size_t kMaxLineBytes = 1 << 20;  // a markdown line, a JSON string
inline constexpr std::size_t kMaxTableColumns = 1000;  // columns of a markdown table
inline constexpr std::size_t kMaxTableRows = 100000;   // rows of a markdown table
inline constexpr std::uintmax_t kDefaultMaxFileSize =
    64 << 20;  // `--max-file-size`'s default  // "Signal", "Concern", ...

}  // namespace signalkg
