#include "ingest/markdown.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>

#include "ingest/text.hpp"

namespace signalkg {

const char* statement_kind_name(StatementKind kind) {
    switch (kind) {
        case StatementKind::Signal:
            return "Signal";
        case StatementKind::Concern:
            return "Concern";
        case StatementKind::Behavior:
            return "Behavior";
        case StatementKind::Technology:
            return "Technology";
        case StatementKind::Issue:
            return "Issue";
    }
    return "Statement";
}

void sort_statements(Report& report) {
    std::stable_sort(report.statements.begin(), report.statements.end(),
                     [](const Statement& a, const Statement& b) { return a.kind < b.kind; });
}

std::string_view page_date(std::string_view page, TextStore& store) {
    std::string date;
    return parse_compact_date(page.substr(0, 8), date) ? store.keep(date) : std::string_view();
}

std::string_view report_id_from_path(std::string_view path) {
    const auto slash = path.find_last_of('/');
    if (slash != std::string_view::npos) path.remove_prefix(slash + 1);
    const auto dot = path.find_last_of('.');
    if (dot != std::string_view::npos && dot > 0) path = path.substr(0, dot);
    return path;
}

namespace {

struct Line {
    std::string_view text;
    int number;
};

std::vector<Line> split_lines(std::string_view text) {
    std::vector<Line> lines;
    int number = 1;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back({line, number++});
        if (end == text.size()) break;
        start = end + 1;
    }
    return lines;
}

// Removes one level of markdown strong emphasis (`__x__` or `**x**`) around a text.
std::string_view strip_emphasis(std::string_view s) {
    s = trim(s);
    for (std::string_view mark : {"__", "**"}) {
        if (s.size() >= 4 && s.starts_with(mark) && s.ends_with(mark)) {
            return trim(s.substr(2, s.size() - 4));
        }
    }
    return s;
}

// Reads a markdown link `[text](target)` starting at s[pos] == '['; the target may contain
// balanced parentheses. Returns false when there is no well-formed link there.
bool read_link(std::string_view s, std::size_t pos, std::string_view& text,
               std::string_view& target, std::size_t& end) {
    if (pos >= s.size() || s[pos] != '[') return false;
    const std::size_t close = s.find("](", pos);
    if (close == std::string_view::npos) return false;
    int depth = 1;
    std::size_t i = close + 2;
    for (; i < s.size(); ++i) {
        if (s[i] == '(') ++depth;
        if (s[i] == ')' && --depth == 0) break;
    }
    if (depth != 0) return false;
    text = s.substr(pos + 1, close - pos - 1);
    target = trim(s.substr(close + 2, i - close - 2));
    end = i + 1;
    return true;
}

enum class Section { None, Keywords, Themes, Other, Summary, Table, Closest, Unknown };

struct ColumnRole {
    enum Kind { Name, Description, Change, Outlook, DrivingForce, Relevancy, Extra } kind;
    std::string_view header;
};

ColumnRole::Kind role_of_header(std::string_view header) {
    std::string h;
    for (char c : header) {
        char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
        if (lower == '-' || lower == '_') lower = ' ';
        if (lower == ' ' && (h.empty() || h.back() == ' ')) continue;
        h += lower;
    }
    while (!h.empty() && h.back() == ' ')
        h.pop_back();
    if (h == "name" || h == "signal" || h == "concern" || h == "behavior" || h == "technology" ||
        h == "issue" || h == "title")
        return ColumnRole::Name;
    if (h == "description") return ColumnRole::Description;
    if (h == "change") return ColumnRole::Change;
    if (h == "10 year" || h == "10y horizon" || h == "10 year horizon" || h == "10y" ||
        h == "outlook")
        return ColumnRole::Outlook;
    if (h == "driving force") return ColumnRole::DrivingForce;
    if (h == "relevancy" || h == "relevance") return ColumnRole::Relevancy;
    return ColumnRole::Extra;
}

// Appends a cell's trimmed text, a view of the line unless it holds a `\|`: then a copy in
// `scratch` with each `\|` made a pipe.
void add_cell(std::vector<std::string_view>& cells, std::string_view cell, bool escaped,
              TextStore& scratch) {
    cell = trim(cell);
    if (!escaped) {
        cells.push_back(cell);
        return;
    }
    std::string text;
    for (std::size_t i = 0; i < cell.size(); ++i) {
        if (cell[i] == '\\' && i + 1 < cell.size() && cell[i + 1] == '|') ++i;
        text += cell[i];
    }
    cells.push_back(scratch.keep(text));
}

// Splits a pipe-table row into trimmed cells; `\|` is a literal pipe inside a cell.
std::vector<std::string_view> split_row(std::string_view line, TextStore& scratch) {
    std::vector<std::string_view> cells;
    line = trim(line);
    if (line.starts_with('|')) line.remove_prefix(1);
    std::size_t start = 0;  // of the cell being read
    bool escaped = false;   // it holds a `\|`
    // Pipe to pipe with memchr (a byte at a time, this was a quarter of parsing); a pipe right
    // after a backslash is the cell's text.
    for (std::size_t i = line.find('|'); i != std::string_view::npos; i = line.find('|', i + 1)) {
        if (i > 0 && line[i - 1] == '\\') {
            escaped = true;
            continue;
        }
        add_cell(cells, line.substr(start, i - start), escaped, scratch);
        start = i + 1;
        escaped = false;
    }
    const bool closed = start > 0 && start == line.size();  // the row ends with a pipe
    const std::string_view last = line.substr(start);
    if (!closed || !trim(last).empty()) add_cell(cells, last, escaped, scratch);
    return cells;
}

bool is_separator_row(std::string_view line) {
    line = trim(line);
    if (line.find('-') == std::string_view::npos) return false;
    return std::all_of(line.begin(), line.end(),
                       [](char c) { return c == '|' || c == '-' || c == ':' || c == ' '; });
}

class MarkdownParser {
  public:
    MarkdownParser(std::string_view path, ParsedReport& out) : path_(path), out_(out) {}

    void parse(std::string_view text) {
        Report& report = out_.report.emplace();
        report.path = path_;
        report.id = report_id_from_path(path_);
        lines_ = split_lines(text);
        const std::size_t earlier_diagnostics = out_.diagnostics.size();
        bool seen_title = false;
        for (const Line& line : lines_) {
            if (line.text.size() > kMaxLineBytes) {
                warn(line.number, fmt::format("line of {} bytes is over the {} byte limit; ignored",
                                              line.text.size(), kMaxLineBytes));
                continue;
            }
            const std::string_view t = line.text;
            if (t.starts_with("# ") && !seen_title && section_ == Section::None) {
                parse_title(report, line);
                seen_title = true;
            } else if (t.starts_with("## ")) {
                finish_section(report);
                start_section(trim(t.substr(3)));
            } else {
                handle_body_line(report, line);
            }
        }
        finish_section(report);
        if (!seen_section_) {
            out_.report.reset();
            out_.diagnostics.resize(earlier_diagnostics);  // one message for a file we skip
            warn(1,
                 "not a signal report (no Keywords, Themes, Summary, Signals, Concerns, "
                 "Behaviors, Technologies, Issues or Closest section); skipped");
            return;
        }
        if (!seen_title) {
            warn(1,
                 "missing title line ('# __Title__, (from page [...](...).)'); using the file "
                 "name as title");
            report.title = report.id;
        }
        report.own_texts();  // its fields point into the file's text and into scratch_
    }

  private:
    void warn(int line, std::string message) {
        out_.diagnostics.push_back({std::string(path_), line, std::move(message)});
    }

    void parse_title(Report& report, const Line& line) {
        std::string_view t = trim(line.text.substr(2));
        // Newer: `__T__, (from page [P](U).)`; older: `__T__, from ([P](U).)`.
        std::size_t cut = std::string_view::npos;
        std::size_t link = std::string_view::npos;
        for (std::string_view marker : {", (from page [", ", from (["}) {
            const std::size_t at = t.rfind(marker);
            if (at != std::string_view::npos) {
                cut = at;
                link = at + marker.size() - 1;
                break;
            }
        }
        if (cut == std::string_view::npos) {
            report.title = strip_emphasis(t);
            warn(line.number, "title line has no page link");
            return;
        }
        report.title = strip_emphasis(t.substr(0, cut));
        std::string_view page, url;
        std::size_t end;
        if (!read_link(t, link, page, url, end)) {
            warn(line.number, "malformed page link in the title line");
            return;
        }
        report.page = trim(page);
        report.page_url = url;
        report.date = page_date(report.page, scratch_);
    }

    void start_section(std::string_view heading) {
        std::string h = normalize_key(heading);
        heading_ = heading;
        table_lines_.clear();
        text_.clear();
        if (h == "keywords") {
            section_ = Section::Keywords;
        } else if (h == "themes") {
            section_ = Section::Themes;
        } else if (h == "other") {
            section_ = Section::Other;
        } else if (h == "summary") {
            section_ = Section::Summary;
        } else if (h == "closest") {
            section_ = Section::Closest;
        } else if (h == "signals" || h == "concerns" || h == "behaviors" || h == "behaviours" ||
                   h == "technologies" || h == "issues") {
            section_ = Section::Table;
            static constexpr std::pair<const char*, StatementKind> kKinds[] = {
                {"signals", StatementKind::Signal},
                {"concerns", StatementKind::Concern},
                {"behaviors", StatementKind::Behavior},
                {"behaviours", StatementKind::Behavior},
                {"technologies", StatementKind::Technology},
                {"issues", StatementKind::Issue}};
            for (const auto& [name, kind] : kKinds)
                if (h == name) table_kind_ = kind;
        } else {
            section_ = Section::Unknown;
        }
        bullets_.clear();
        seen_section_ =
            seen_section_ || (section_ != Section::Unknown && section_ != Section::Other);
    }

    void handle_body_line(Report& report, const Line& line) {
        const std::string_view t = line.text;
        const std::string_view stripped = trim(t);
        if (section_ == Section::None || section_ == Section::Summary ||
            section_ == Section::Unknown) {
            if (section_ == Section::None && stripped.starts_with("__[External link](")) {
                std::string_view text, url;
                std::size_t end;
                if (read_link(stripped, 2, text, url, end)) {
                    report.external_url = url;
                    return;
                }
            }
            if (!stripped.empty() || !text_.empty()) text_.push_back(line);
            return;
        }
        if (section_ == Section::Table) {
            if (stripped.starts_with('|')) {
                table_lines_.push_back(line);
            } else if (!stripped.empty()) {
                text_.push_back(line);
            }
            return;
        }
        if (t.starts_with("* ") || t.starts_with("- ") || t == "*" || t == "-") {
            bullets_.push_back({t.size() > 2 ? t.substr(2) : std::string_view(), line.number});
        } else if (!stripped.empty()) {
            text_.push_back(line);
        }
    }

    // The lines of text_ joined by line feeds and trimmed: a view of the file when they follow
    // each other there with plain line feeds, else a copy in scratch_.
    std::string_view joined_text() {
        std::size_t last = text_.size();
        while (last > 0 && trim(text_[last - 1].text).empty())
            --last;
        if (last == 0) return {};
        bool contiguous = true;
        for (std::size_t i = 1; i < last && contiguous; ++i)
            contiguous =
                text_[i].text.data() == text_[i - 1].text.data() + text_[i - 1].text.size() + 1 &&
                text_[i - 1].text.data()[text_[i - 1].text.size()] == '\n';
        if (contiguous) {
            const char* begin = text_[0].text.data();
            const char* end = text_[last - 1].text.data() + text_[last - 1].text.size();
            return trim(std::string_view(begin, static_cast<std::size_t>(end - begin)));
        }
        std::string out;
        for (std::size_t i = 0; i < last; ++i) {
            if (i) out += '\n';
            out += text_[i].text;
        }
        return scratch_.keep(trim(out));
    }

    // Keywords and Themes: one bullet each, or one character per bullet in some generator runs.
    std::vector<std::string_view> bullet_list(std::string_view what) {
        std::vector<std::string_view> items;
        items.reserve(bullets_.size());  // kept for the report's life: no room to spare
        std::size_t single = 0;
        for (const Line& b : bullets_)
            single += b.text.size() <= 1;
        if (bullets_.size() >= 4 && single * 10 >= bullets_.size() * 8) {
            std::string joined;
            for (const Line& b : bullets_)
                joined += b.text.empty() ? std::string_view(" ") : b.text;
            const std::string_view kept = scratch_.keep(joined);
            std::size_t start = 0;
            while (start <= kept.size()) {
                std::size_t end = std::min(kept.find(',', start), kept.size());
                std::string_view item = trim(kept.substr(start, end - start));
                if (!item.empty()) items.push_back(item);
                start = end + 1;
            }
            warn(bullets_.front().number,
                 fmt::format("{} split into one character per bullet ({} bullets); repaired into "
                             "{} items by joining and splitting on commas",
                             what, bullets_.size(), items.size()));
            return items;
        }
        for (const Line& b : bullets_) {
            std::string_view item = trim(b.text);
            if (!item.empty()) items.push_back(item);
        }
        return items;
    }

    void keep_unknown_text(Report& report, std::string_view what) {
        const std::string_view text = joined_text();
        if (text.empty()) return;
        warn(text_.front().number, fmt::format("unexpected text in {}; kept as '{}'", what, what));
        report.extra.push_back({what, text});
    }

    void finish_section(Report& report) {
        switch (section_) {
            case Section::None: {
                const std::string_view text = joined_text();
                if (!text.empty()) report.extra.push_back({"preamble", text});
                break;
            }
            case Section::Keywords:
                report.keywords = bullet_list("Keywords");
                keep_unknown_text(report, "Keywords");
                break;
            case Section::Themes:
                report.themes = bullet_list("Themes");
                keep_unknown_text(report, "Themes");
                break;
            case Section::Other:
                for (const Line& b : bullets_) {
                    const std::string_view item = trim(b.text);
                    const std::size_t colon = item.find(':');
                    const std::string_view key =
                        colon == std::string_view::npos ? item : trim(item.substr(0, colon));
                    const std::string_view value = colon == std::string_view::npos
                                                       ? std::string_view()
                                                       : trim(item.substr(colon + 1));
                    const std::string k = normalize_key(key);
                    if (k == "category") {
                        report.category = value;
                    } else if (k == "type") {
                        report.type = value;
                    } else if (!item.empty()) {
                        report.extra.push_back({key, value});
                    }
                }
                keep_unknown_text(report, "Other");
                break;
            case Section::Summary:
                report.summary = joined_text();
                break;
            case Section::Closest:
                parse_closest(report);
                break;
            case Section::Table:
                parse_table(report);
                keep_unknown_text(report, heading_);
                break;
            case Section::Unknown: {
                const std::string_view text = joined_text();
                if (!text.empty()) report.extra.push_back({heading_, text});
                break;
            }
        }
        text_.clear();
        bullets_.clear();
        table_lines_.clear();
    }

    void parse_closest(Report& report) {
        report.closest.reserve(report.closest.size() + bullets_.size());
        for (const Line& b : bullets_) {
            const std::string_view item = trim(b.text);
            std::string_view title, target;
            std::size_t end;
            if (!read_link(item, 0, title, target, end) || target.empty()) {
                warn(b.number, "Closest entry is not a link '[title](id)'; ignored");
                continue;
            }
            report.closest.push_back({title, target, b.number});
        }
        keep_unknown_text(report, "Closest");
    }

    void parse_table(Report& report) {
        if (table_lines_.empty()) return;
        std::vector<std::string_view> header = split_row(table_lines_[0].text, scratch_);
        if (header.size() > kMaxTableColumns) {
            warn(table_lines_[0].number,
                 fmt::format("table has {} columns, over the limit of {}; the others are ignored",
                             header.size(), kMaxTableColumns));
            header.resize(kMaxTableColumns);
        }
        std::vector<ColumnRole> roles;
        bool has_name = false;
        for (const std::string_view h : header) {
            ColumnRole::Kind role = role_of_header(h);
            if (role == ColumnRole::Name) {
                if (has_name) role = ColumnRole::Extra;
                has_name = true;
            }
            roles.push_back({role, h});
        }
        std::size_t first_row = 1;
        if (table_lines_.size() > 1 && is_separator_row(table_lines_[1].text)) {
            first_row = 2;
        } else {
            warn(table_lines_[0].number, "table header is not followed by a separator row");
        }
        report.statements.reserve(report.statements.size() +
                                  std::min(table_lines_.size() - first_row, kMaxTableRows));
        for (std::size_t r = first_row; r < table_lines_.size(); ++r) {
            const Line& line = table_lines_[r];
            if (r - first_row == kMaxTableRows) {
                warn(line.number,
                     fmt::format("table has {} rows, over the limit of {}; the others are ignored",
                                 table_lines_.size() - first_row, kMaxTableRows));
                break;
            }
            std::vector<std::string_view> cells = split_row(line.text, scratch_);
            if (cells.size() > kMaxTableColumns) {
                warn(line.number,
                     fmt::format("table row has {} cells, over the limit of {}; the others are "
                                 "ignored",
                                 cells.size(), kMaxTableColumns));
                cells.resize(kMaxTableColumns);
            } else if (cells.size() != header.size()) {
                warn(line.number, fmt::format("table row has {} cells, the header has {}; {}",
                                              cells.size(), header.size(),
                                              cells.size() < header.size()
                                                  ? "missing cells left empty"
                                                  : "extra cells kept as extra columns"));
            }
            Statement s;
            s.kind = table_kind_;
            s.line = line.number;
            bool any = false;
            for (std::size_t c = 0; c < cells.size(); ++c) {
                const std::string_view value = cells[c];
                if (value.empty()) continue;
                any = true;
                if (c >= roles.size()) {
                    s.extra.push_back({scratch_.keep(fmt::format("column {}", c + 1)), value});
                    continue;
                }
                switch (roles[c].kind) {
                    case ColumnRole::Name:
                        s.name = value;
                        break;
                    case ColumnRole::Description:
                        s.description = value;
                        break;
                    case ColumnRole::Change:
                        s.change = value;
                        break;
                    case ColumnRole::Outlook:
                        s.outlook = value;
                        break;
                    case ColumnRole::DrivingForce:
                        s.driving_force = value;
                        break;
                    case ColumnRole::Relevancy: {
                        int v = 0;
                        const auto [ptr, ec] =
                            std::from_chars(value.data(), value.data() + value.size(), v);
                        if (ec == std::errc() && ptr == value.data() + value.size()) {
                            s.relevancy = v;
                        } else {
                            warn(line.number, fmt::format("relevancy '{}' is not an integer; "
                                                          "kept as text",
                                                          value));
                            s.extra.push_back({roles[c].header, value});
                        }
                        break;
                    }
                    case ColumnRole::Extra:
                        s.extra.push_back({roles[c].header, value});
                }
            }
            if (!any) continue;
            if (s.name.empty()) {
                s.name = scratch_.keep(
                    derive_statement_name(!s.description.empty() ? s.description : s.change));
                s.name_derived = true;
                if (s.name.empty()) {
                    warn(line.number,
                         "table row has no name or description; kept under the "
                         "name '(unnamed)'");
                    s.name = "(unnamed)";
                }
            }
            report.statements.push_back(std::move(s));
        }
    }

    std::string_view path_;
    ParsedReport& out_;
    std::vector<Line> lines_;
    TextStore scratch_;  // texts the file does not hold as they are, until own_texts()
    Section section_ = Section::None;
    std::string_view heading_;
    bool seen_section_ = false;
    StatementKind table_kind_ = StatementKind::Signal;
    std::vector<Line> bullets_;
    std::vector<Line> text_;
    std::vector<Line> table_lines_;
};

int line_of_offset(std::string_view text, std::size_t offset) {
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

}  // namespace

ParsedReport parse_markdown(std::string_view text, std::string_view path) {
    ParsedReport out;
    const auto fail = [&](int line, std::string message) {
        out.diagnostics.push_back({std::string(path), line, std::move(message)});
        return std::move(out);
    };
    if (trim(text).empty()) return fail(1, "empty file; skipped");
    if (const std::size_t nul = text.find('\0'); nul != std::string::npos)
        return fail(line_of_offset(text, nul), "binary file (NUL byte); skipped");
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::string repaired;  // only when some bytes had to be replaced
    int bad_line = 0;
    if (const int bad = repair_utf8(text, repaired, bad_line); bad > 0) {
        text = repaired;
        if (static_cast<std::size_t>(bad) * 10 > text.size())
            return fail(bad_line, "binary file (mostly invalid UTF-8); skipped");
        out.diagnostics.push_back(
            {std::string(path), bad_line,
             fmt::format("invalid UTF-8 or control characters ({} bytes); replaced with U+FFFD",
                         bad)});
    }
    MarkdownParser(path, out).parse(text);
    // The parser's string_views point into `text`; everything kept was copied, so the caller
    // may reuse the text's memory for the next file.
    return out;
}

}  // namespace signalkg
