// The plain data a signal report holds, independent of its file format.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace signalkg {

enum class StatementKind : std::uint8_t { Signal, Concern, Behavior, Technology, Issue };
inline constexpr int kStatementKinds = 5;

// A table column the model does not know, kept under its header name.
struct ExtraField {
    std::string_view name;
    std::string_view value;
};

// One row of a Signals/Concerns/... table: what one report said about one statement.
// (The small fields come first: no padding between them. 1.5 million rows at 100,000 reports.)
struct Statement {
    StatementKind kind = StatementKind::Signal;
    bool name_derived = false;  // the table had no name column; derived from the description
    int line = 0;
    std::optional<int> relevancy;
    std::string_view name;
    std::string_view description;
    std::string_view change;
    std::string_view outlook;  // "10-year" / "10y horizon"
    std::string_view driving_force;
    std::vector<ExtraField> extra;
};

// Stable storage for text: keep() copies a text into a block of its own that never moves, so
// views of it stay valid while the store lives, however often the store itself is moved.
class TextStore {
  public:
    std::string_view keep(std::string_view text);
    // Takes a block of `size` bytes to fill; stays valid like kept text.
    char* allocate(std::size_t size);
    void clear() { blocks_.clear(); }

  private:
    std::vector<std::unique_ptr<char[]>> blocks_;
};

// A `## Closest` link to another report (by file id) or to an outside IRI.
struct Link {
    std::string_view title;
    std::string_view target;
    int line = 0;
};

// Every text of a report is a view: of the report's own storage, or of static text. Parsers point
// the fields into the file they read, then call own_texts(), which copies all of them into one
// block the report owns (one allocation a report rather than one a field: 100,000 reports have
// ten million fields). A field set later takes its text through keep().
struct ReportFields {
    std::string_view id;    // file name without extension
    std::string_view path;  // as given on the command line
    std::string_view title;
    std::string_view page;      // newsletter page token, e.g. 20241103, 20250511d, 4320.0
    std::string_view date;      // ISO yyyy-mm-dd when the page token starts with a real date
    std::string_view page_url;  // the newsletter page
    std::string_view external_url;
    std::string_view category;
    std::string_view type;
    std::string_view summary;
    std::vector<std::string_view> keywords;
    std::vector<std::string_view> themes;
    std::vector<Statement> statements;
    std::vector<Link> closest;
    std::vector<ExtraField> extra;  // unknown `## Other` keys and unknown sections
};

struct Report : ReportFields {
    Report() = default;
    Report(Report&&) = default;
    Report& operator=(Report&&) = default;
    Report(const Report& other);  // a copy owns its texts
    Report& operator=(const Report& other);

    // A copy of `text` that lives as long as the report.
    std::string_view keep(std::string_view text) { return storage_.keep(text); }
    // Copies the text of every field into one block of the report's own and points the fields
    // there; whatever the fields pointed into before may then go.
    void own_texts();

  private:
    TextStore storage_;
};

struct Diagnostic {
    std::string file;
    int line = 0;  // 0 when the message is about the whole file
    std::string message;
};

// What one file held: its reports and the diagnostics of reading them.
struct ParsedReports {
    std::vector<Report> reports;
    std::vector<Diagnostic> diagnostics;
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
