#include "ingest/json_format.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include <fmt/format.h>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "ingest/markdown.hpp"
#include "ingest/text.hpp"

namespace signalkg {

namespace {

constexpr std::array<std::pair<const char*, StatementKind>, kStatementKinds> kStatementKeys = {{
    {"signals", StatementKind::Signal},
    {"concerns", StatementKind::Concern},
    {"behaviors", StatementKind::Behavior},
    {"technologies", StatementKind::Technology},
    {"issues", StatementKind::Issue},
}};

// Line and column (1-based) of a byte offset, for messages.
class Positions {
  public:
    Positions(std::string_view text, int first_line) : text_(text), first_line_(first_line) {}
    std::pair<int, int> at(std::size_t offset) const {
        offset = std::min(offset, text_.size());
        const std::string_view before = text_.substr(0, offset);
        const std::size_t newline = before.rfind('\n');
        const int line =
            first_line_ + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
        const std::size_t column =
            newline == std::string_view::npos ? offset + 1 : offset - newline;
        return {line, static_cast<int>(column)};
    }

  private:
    std::string_view text_;
    int first_line_;
};

// A SAX handler that fills Report structs as RapidJSON reads, so that every value it rejects
// can be reported at its own line and column. Contexts form a stack mirroring the JSON nesting.
class ReportHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, ReportHandler> {
  public:
    enum class Context {
        Top,
        TopArray,
        Report,
        Strings,
        Statements,
        Statement,
        Links,
        Link,
        Extras,
        Extra,
        Skip
    };

    ReportHandler(std::string_view path, const Positions& positions, ParsedReports& out,
                  const rapidjson::StringStream& stream)
        : path_(path), positions_(positions), out_(out), stream_(stream) {}

    bool StartObject() {
        switch (top()) {
            case Context::Top:
            case Context::TopArray:
                report_.emplace();
                report_start_ = stream_.Tell();
                return push(Context::Report);
            case Context::Statements:
                report_->statements.emplace_back();
                report_->statements.back().kind = statement_kind_;
                report_->statements.back().line = position().first;
                return push(Context::Statement);
            case Context::Links:
                report_->closest.emplace_back();
                report_->closest.back().line = position().first;
                return push(Context::Link);
            case Context::Extras:
                extras_->emplace_back();
                return push(Context::Extra);
            default:
                return reject("an object");
        }
    }
    bool EndObject(rapidjson::SizeType) {
        const Context done = pop();
        if (done == Context::Report) finish_report();
        if (done == Context::Statement && report_->statements.back().name.empty()) {
            Statement& s = report_->statements.back();
            s.name = scratch_.keep(
                derive_statement_name(s.description.empty() ? s.change : s.description));
            if (s.name.empty()) s.name = "(unnamed)";
            s.name_derived = true;
        }
        return true;
    }
    bool StartArray() {
        if (top() == Context::Top) return push(Context::TopArray);
        if (top() != Context::Report && top() != Context::Statement) return reject("an array");
        if (key_ == "keywords") return strings_ = &report_->keywords, push(Context::Strings);
        if (key_ == "themes") return strings_ = &report_->themes, push(Context::Strings);
        if (key_ == "closest" && top() == Context::Report) return push(Context::Links);
        if (key_ == "extra") {
            extras_ =
                top() == Context::Report ? &report_->extra : &report_->statements.back().extra;
            return push(Context::Extras);
        }
        for (const auto& [name, kind] : kStatementKeys) {
            if (key_ == name && top() == Context::Report) {
                statement_kind_ = kind;
                return push(Context::Statements);
            }
        }
        return reject("an array");
    }
    bool EndArray(rapidjson::SizeType) {
        pop();
        return true;
    }
    bool Key(const char* text, rapidjson::SizeType length, bool) {
        key_.assign(text, length);
        return true;
    }
    bool String(const char* text, rapidjson::SizeType length, bool) {
        if (top() == Context::Skip) return true;
        if (length > kMaxLineBytes)
            return warn(fmt::format("string of {} bytes is longer than the {} byte limit; dropped",
                                    length, kMaxLineBytes));
        std::string value(text, length);
        int bad_line = 0;
        if (repair_utf8(value, bad_line) > 0)
            warn("invalid UTF-8 or control characters replaced with U+FFFD");
        if (std::string_view* field = string_field()) {
            *field = scratch_.keep(value);
        } else if (top() == Context::Strings) {
            strings_->push_back(scratch_.keep(value));
        } else {
            return reject("a string");
        }
        return true;
    }
    bool Int(int value) {
        if (top() == Context::Statement && key_ == "relevancy") {
            report_->statements.back().relevancy = value;
            return true;
        }
        return reject("a number");
    }
    bool Uint(unsigned value) {
        return value <= static_cast<unsigned>(INT32_MAX) ? Int(static_cast<int>(value))
                                                         : reject("a number");
    }
    bool Int64(std::int64_t) { return reject("a number"); }
    bool Uint64(std::uint64_t) { return reject("a number"); }
    bool Double(double) { return reject("a number"); }
    bool Bool(bool value) {
        if (top() == Context::Statement && key_ == "name_derived") {
            report_->statements.back().name_derived = value;
            return true;
        }
        return reject("a boolean");
    }
    bool Null() { return true; }  // an absent value

    bool incomplete_report() const { return report_.has_value(); }

  private:
    Context top() const { return stack_.empty() ? Context::Top : stack_.back(); }
    bool push(Context c) {
        stack_.push_back(c);
        return true;
    }
    Context pop() {
        if (stack_.empty()) return Context::Top;
        const Context c = stack_.back();
        stack_.pop_back();
        return c;
    }
    std::pair<int, int> position() const { return positions_.at(stream_.Tell()); }

    bool warn(std::string message) {
        const auto [line, column] = position();
        out_.diagnostics.push_back(
            {std::string(path_), line, fmt::format("column {}: {}", column, message)});
        return true;
    }

    // A value of the wrong type: say so, and skip it (and its contents) without losing the report.
    bool reject(const char* what) {
        if (top() != Context::Skip) {
            const std::string where =
                top() == Context::Strings ? "in a list of strings" : "for '" + key_ + "'";
            warn(fmt::format("unexpected {} {}; skipped", what, where));
        }
        // A rejected container is skipped whole: its contents are not reported again.
        if (std::string_view(what) == "an object" || std::string_view(what) == "an array")
            push(Context::Skip);
        return true;
    }

    std::string_view* string_field() {
        if (top() == Context::Report) {
            Report& r = *report_;
            static const std::array<std::pair<const char*, std::string_view ReportFields::*>, 8>
                kFields = {{{"id", &Report::id},
                            {"title", &Report::title},
                            {"page", &Report::page},
                            {"page_url", &Report::page_url},
                            {"external_url", &Report::external_url},
                            {"category", &Report::category},
                            {"type", &Report::type},
                            {"summary", &Report::summary}}};
            for (const auto& [name, member] : kFields)
                if (key_ == name) return &(r.*member);
        } else if (top() == Context::Statement) {
            Statement& s = report_->statements.back();
            static const std::array<std::pair<const char*, std::string_view Statement::*>, 5>
                kFields = {{{"name", &Statement::name},
                            {"description", &Statement::description},
                            {"change", &Statement::change},
                            {"outlook", &Statement::outlook},
                            {"driving_force", &Statement::driving_force}}};
            for (const auto& [name, member] : kFields)
                if (key_ == name) return &(s.*member);
        } else if (top() == Context::Link) {
            if (key_ == "title") return &report_->closest.back().title;
            if (key_ == "target") return &report_->closest.back().target;
        } else if (top() == Context::Extra) {
            if (key_ == "name") return &extras_->back().name;
            if (key_ == "value") return &extras_->back().value;
        }
        return nullptr;
    }

    void finish_report() {
        Report& r = *report_;
        r.path = path_;
        if (r.id.empty()) {
            r.id = scratch_.keep(
                fmt::format("{}-{}", report_id_from_path(path_), out_.reports.size() + 1));
            const auto [line, column] = positions_.at(report_start_);
            out_.diagnostics.push_back(
                {std::string(path_), line,
                 fmt::format("column {}: report without \"id\"; using '{}'", column, r.id)});
        }
        r.date = page_date(r.page, scratch_);
        sort_statements(r);
        r.own_texts();
        scratch_.clear();  // all it held is now the report's own
        out_.reports.push_back(std::move(r));
        report_.reset();
    }

    std::string_view path_;
    const Positions& positions_;
    ParsedReports& out_;
    const rapidjson::StringStream& stream_;
    std::vector<Context> stack_;
    std::string key_;
    std::optional<Report> report_;
    TextStore scratch_;  // the report's texts until it owns them
    std::size_t report_start_ = 0;
    std::vector<std::string_view>* strings_ = nullptr;
    std::vector<ExtraField>* extras_ = nullptr;
    StatementKind statement_kind_ = StatementKind::Signal;
};

// Parses the JSON value at the start of `text` (a .json file's, or one JSON Lines line) that
// starts at `first_line`. Returns the offset just past it, or npos after an error.
std::size_t parse_document(std::string_view text, int first_line, std::string_view path,
                           ParsedReports& out) {
    // RapidJSON needs a terminated string.
    const std::string owned(text);
    const Positions positions(owned, first_line);
    rapidjson::StringStream stream(owned.c_str());
    ReportHandler handler(path, positions, out, stream);
    rapidjson::Reader reader;
    const rapidjson::ParseResult result =
        reader.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseStopWhenDoneFlag |
                     rapidjson::kParseIterativeFlag>(  // iterative: no recursion on deep nesting
            stream, handler);
    if (result.IsError()) {
        const auto [line, column] = positions.at(result.Offset());
        out.diagnostics.push_back(
            {std::string(path), line,
             fmt::format("column {}: JSON error: {}{}", column,
                         rapidjson::GetParseError_En(result.Code()),
                         handler.incomplete_report() ? "; the unfinished report is skipped" : "")});
        return std::string_view::npos;
    }
    return stream.Tell();
}

// Where the text after a value starts, past white space.
std::size_t skip_space(std::string_view text, std::size_t at) {
    while (at < text.size() &&
           (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r'))
        ++at;
    return at;
}

}  // namespace

ParsedReports parse_json_reports(std::string_view text, std::string_view path) {
    ParsedReports out;
    if (path.ends_with(".jsonl") || path.ends_with(".ndjson")) {
        int number = 1;
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t end = text.find('\n', start);
            if (end == std::string_view::npos) end = text.size();
            const std::string_view line = text.substr(start, end - start);
            if (!trim(line).empty()) parse_document(line, number, path, out);
            start = end + 1;
            ++number;
        }
    } else {
        // One value (a report or an array of them), or several one after another: a .json file
        // that holds JSON Lines (as `signalkg convert -o x.json` once wrote) loses none of them.
        std::size_t start = 0;
        int line = 1;
        while (start < text.size()) {
            const std::size_t used = parse_document(text.substr(start), line, path, out);
            if (used == std::string_view::npos) break;
            const std::size_t next = skip_space(text, start + used);
            if (next == text.size()) break;
            line += static_cast<int>(std::count(text.begin() + static_cast<std::ptrdiff_t>(start),
                                                text.begin() + static_cast<std::ptrdiff_t>(next),
                                                '\n'));
            if (text[next] != '{' && text[next] != '[') {
                const std::size_t line_start = text.rfind('\n', next - 1);
                const std::size_t column =
                    next - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
                out.diagnostics.push_back(
                    {std::string(path), line,
                     fmt::format("column {}: text after the JSON value; ignored", column)});
                break;
            }
            start = next;
        }
    }
    return out;
}

std::string report_to_json(const Report& r) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    const auto string = [&](const char* key, std::string_view value) {
        if (value.empty()) return;
        w.Key(key);
        w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
    };
    const auto extras = [&](const std::vector<ExtraField>& fields) {
        if (fields.empty()) return;
        w.Key("extra");
        w.StartArray();
        for (const ExtraField& f : fields) {
            w.StartObject();
            string("name", f.name);
            string("value", f.value);
            w.EndObject();
        }
        w.EndArray();
    };
    const auto strings = [&](const char* key, const std::vector<std::string_view>& values) {
        if (values.empty()) return;
        w.Key(key);
        w.StartArray();
        for (const std::string_view v : values)
            w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
        w.EndArray();
    };
    w.StartObject();
    string("id", r.id);
    string("title", r.title);
    string("page", r.page);
    string("page_url", r.page_url);
    string("external_url", r.external_url);
    string("category", r.category);
    string("type", r.type);
    string("summary", r.summary);
    strings("keywords", r.keywords);
    strings("themes", r.themes);
    for (const auto& [key, kind] : kStatementKeys) {
        const bool any = std::any_of(r.statements.begin(), r.statements.end(),
                                     [kind = kind](const Statement& s) { return s.kind == kind; });
        if (!any) continue;
        w.Key(key);
        w.StartArray();
        for (const Statement& s : r.statements) {
            if (s.kind != kind) continue;
            w.StartObject();
            string("name", s.name);
            if (s.name_derived) w.Key("name_derived"), w.Bool(true);
            string("description", s.description);
            string("change", s.change);
            string("outlook", s.outlook);
            string("driving_force", s.driving_force);
            if (s.relevancy) w.Key("relevancy"), w.Int(*s.relevancy);
            extras(s.extra);
            w.EndObject();
        }
        w.EndArray();
    }
    if (!r.closest.empty()) {
        w.Key("closest");
        w.StartArray();
        for (const Link& l : r.closest) {
            w.StartObject();
            string("title", l.title);
            string("target", l.target);
            w.EndObject();
        }
        w.EndArray();
    }
    extras(r.extra);
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace signalkg
