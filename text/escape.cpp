#include "text/escape.hpp"

#include <algorithm>
#include <array>

namespace signalkg {

namespace {

// What each byte becomes; a null view keeps the byte.
using EscapeTable = std::array<std::string_view, 256>;

// Appends `text`, replacing every byte its table replaces. Runs of kept bytes are appended at
// once and the test is one table load a byte, which is what makes writing fast: most text needs
// no escaping at all.
void append_escaped(std::string& out, std::string_view text, const EscapeTable& table) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::string_view replacement = table[static_cast<unsigned char>(text[i])];
        if (replacement.data() == nullptr) continue;
        out.append(text.data() + kept, i - kept);
        out.append(replacement);
        kept = i + 1;
    }
    out.append(text.data() + kept, text.size() - kept);
}

constexpr EscapeTable make_table(std::initializer_list<std::pair<char, std::string_view>> rules) {
    EscapeTable table{};
    for (const auto& [c, replacement] : rules)
        table[static_cast<unsigned char>(c)] = replacement;
    return table;
}

constexpr EscapeTable kXml = make_table({{'&', "&amp;"},
                                         {'<', "&lt;"},
                                         {'>', "&gt;"},
                                         {'"', "&quot;"},
                                         {'\'', "&apos;"},
                                         {'\n', "&#10;"},
                                         {'\r', "&#13;"},
                                         {'\t', "&#9;"}});

constexpr EscapeTable kDot = make_table({{'"', "\\\""}, {'\\', "\\\\"}, {'\n', "\\n"}, {'\r', ""}});

constexpr EscapeTable kMarkdownCell = make_table({{'|', "\\|"}, {'\n', " "}, {'\r', " "}});

constexpr EscapeTable kNTriplesString =
    make_table({{'\\', "\\\\"}, {'"', "\\\""}, {'\n', "\\n"}, {'\r', "\\r"}, {'\t', "\\t"}});

// JSON text inside an HTML <script> element: no "</script" or "<!--" can end or change it, and
// JSON.parse reads the escapes back as the same characters.
constexpr EscapeTable kJsonInHtml =
    make_table({{'<', "\\u003c"}, {'>', "\\u003e"}, {'&', "\\u0026"}});

}  // namespace

void append_json_in_html_script(std::string& out, std::string_view json) {
    append_escaped(out, json, kJsonInHtml);
}

void append_xml_escaped(std::string& out, std::string_view text) {
    append_escaped(out, text, kXml);
}

void append_dot_quoted(std::string& out, std::string_view text) {
    out += '"';
    append_escaped(out, text, kDot);  // a carriage return is dropped
    out += '"';
}

void append_ntriples_string_escaped(std::string& out, std::string_view text) {
    append_escaped(out, text, kNTriplesString);
}

void append_csv_field(std::string& out, std::string_view text, char array_delimiter) {
    const auto special = [&](char c) {
        return c == ',' || c == '"' || c == '\r' || c == '\n' ||
               (array_delimiter != 0 && c == array_delimiter);
    };
    if (std::none_of(text.begin(), text.end(), special)) {
        out += text;
        return;
    }
    out += '"';
    for (std::size_t quote; (quote = text.find('"')) != std::string_view::npos;) {
        out.append(text.substr(0, quote + 1)).push_back('"');
        text.remove_prefix(quote + 1);
    }
    out += text;
    out += '"';
}

void append_markdown_cell(std::string& out, std::string_view text) {
    append_escaped(out, text, kMarkdownCell);
}

namespace {

void append_percent_encoded(std::string& out, unsigned char c) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 15];
}

}  // namespace

std::string iri_segment(std::string_view key) {
    std::string out;
    out.reserve(key.size());
    for (unsigned char c : key) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '~')
            out += static_cast<char>(c);
        else if (c == ' ')
            out += '_';
        else
            append_percent_encoded(out, c);
    }
    return out;
}

void append_iri_escaped(std::string& out, std::string_view iri) {
    for (unsigned char c : iri) {
        if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' ||
            c == '\\' || c == '^' || c == '`')
            append_percent_encoded(out, c);
        else
            out += static_cast<char>(c);
    }
}

}  // namespace signalkg
