#include "exporters/escape.hpp"

namespace signalkg {

namespace {

// Appends `text`, replacing every byte for which `escape` returns a replacement. A null view
// (std::string_view()) keeps the byte; runs of kept bytes are appended at once, which is what
// makes writing fast: most text needs no escaping at all.
template <typename Escape>
void append_escaped(std::string& out, std::string_view text, Escape escape) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::string_view replacement = escape(text[i]);
        if (replacement.data() == nullptr) continue;
        out.append(text.data() + kept, i - kept);
        out.append(replacement);
        kept = i + 1;
    }
    out.append(text.data() + kept, text.size() - kept);
}

}  // namespace

void append_xml_escaped(std::string& out, std::string_view text) {
    append_escaped(out, text, [](char c) -> std::string_view {
        switch (c) {
            case '&':
                return "&amp;";
            case '<':
                return "&lt;";
            case '>':
                return "&gt;";
            case '"':
                return "&quot;";
            case '\'':
                return "&apos;";
            case '\n':
                return "&#10;";
            case '\r':
                return "&#13;";
            case '\t':
                return "&#9;";
            default:
                return {};
        }
    });
}

void append_dot_quoted(std::string& out, std::string_view text) {
    out += '"';
    append_escaped(out, text, [](char c) -> std::string_view {
        switch (c) {
            case '"':
                return "\\\"";
            case '\\':
                return "\\\\";
            case '\n':
                return "\\n";
            case '\r':
                return "";  // dropped
            default:
                return {};
        }
    });
    out += '"';
}

void append_ntriples_string_escaped(std::string& out, std::string_view text) {
    append_escaped(out, text, [](char c) -> std::string_view {
        switch (c) {
            case '\\':
                return "\\\\";
            case '"':
                return "\\\"";
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                return {};
        }
    });
}

void append_iri_escaped(std::string& out, std::string_view iri) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    char code[6] = {'\\', 'u', '0', '0', 0, 0};
    append_escaped(out, iri, [&](char c) -> std::string_view {
        const auto u = static_cast<unsigned char>(c);
        if (u > 0x20 && c != '<' && c != '>' && c != '"' && c != '{' && c != '}' && c != '|' &&
            c != '^' && c != '`' && c != '\\')
            return {};
        code[4] = kHex[u >> 4];
        code[5] = kHex[u & 15];
        return {code, 6};
    });
}

}  // namespace signalkg
