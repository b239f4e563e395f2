// The one escaping function of each text format signalkg writes.
#pragma once

#include <string>
#include <string_view>

namespace signalkg {

// XML character data and attribute values (GraphML, GEXF, SVG titles): & < > " ' and the
// white space that attribute normalization would otherwise turn into spaces.
void append_xml_escaped(std::string& out, std::string_view text);

// A DOT double-quoted string, quotes included. Backslashes are doubled so that Graphviz's label
// escapes (\N, \G, \l ...) never fire; a line break becomes \n, which Graphviz draws as one.
void append_dot_quoted(std::string& out, std::string_view text);

// The body of an N-Triples or Turtle string literal: \\ \" \n \r \t escaped (UTF-8 as is).
void append_ntriples_string_escaped(std::string& out, std::string_view text);

}  // namespace signalkg
