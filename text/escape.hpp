// The one escaping function of each text format signalkg writes, used by every exporter and by
// `signalkg query`'s result printer. JSON strings are escaped by RapidJSON's writer, everywhere.
#pragma once

#include <string>
#include <string_view>

namespace signalkg {

// XML character data and attribute values (GraphML, GEXF, SVG titles): & < > " ' and the
// white space that attribute normalization would otherwise turn into spaces.
void append_xml_escaped(std::string& out, std::string_view text);

// JSON text for an HTML <script type="application/json"> element: < > & written as \u escapes
// (valid only between JSON's quotes, which is the only place JSON text holds them).
void append_json_in_html_script(std::string& out, std::string_view json);

// A DOT double-quoted string, quotes included. Backslashes are doubled so that Graphviz's label
// escapes (\N, \G, \l ...) never fire; a line break becomes \n, which Graphviz draws as one.
void append_dot_quoted(std::string& out, std::string_view text);

// The body of an N-Triples or Turtle string literal: \\ \" \n \r \t escaped (UTF-8 as is).
void append_ntriples_string_escaped(std::string& out, std::string_view text);

// An RFC 4180 CSV field: quoted when it holds a comma, quote or line break (or
// `array_delimiter`, when one is given: neo4j-admin splits arrays on it), a quote doubled.
void append_csv_field(std::string& out, std::string_view text, char array_delimiter = 0);

// A Markdown table cell: a pipe escaped (it would end the cell), a line break a space.
void append_markdown_cell(std::string& out, std::string_view text);

// One IRI path segment of a key: everything outside [A-Za-z0-9-.~] percent-encoded, a space
// written as '_' (and '_' as %5F), so that distinct keys always give distinct segments.
std::string iri_segment(std::string_view key);

// An IRI given whole (a Closest target outside the corpus): kept as it is, but with every byte
// that N-Triples' IRIREF forbids (controls, space, <>"{}|\^`) percent-encoded.
void append_iri_escaped(std::string& out, std::string_view iri);

}  // namespace signalkg
