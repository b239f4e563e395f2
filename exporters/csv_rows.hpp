// The rows of a neo4j-admin CSV file: every row names each of its fields' column, the first row
// makes the header, and every later row is checked against it, so that columns and values
// cannot drift apart silently.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "exporters/buffered_file.hpp"
#include "text/escape.hpp"

namespace signalkg {

// neo4j-admin splits array fields on it (--array-delimiter).
inline constexpr char kArrayDelimiter = ';';

// A neo4j-admin column: header `name:type` (`name` alone for strings).
struct Column {
    std::string name;
    std::string type;  // "", "int", "float", "boolean", "date", "string[]", or a header keyword
    std::string header() const { return type.empty() ? name : name + ":" + type; }
};

// One CSV file being written, with its columns (for the header and for load.cypher).
struct CsvFile {
    std::string name;
    std::vector<Column> columns;
    std::string label, from, to, type;  // node file: label; relationship file: from, to, type
    std::string id_type, end_id_type;   // "ID(Article)"; "START_ID(Article)", "END_ID(Entity)"
    std::unique_ptr<BufferedFile> out;
    std::size_t rows = 0;
    bool header_in_file = true;  // not in a partitioned build's piece: the root adds it

    // The header line, newline included.
    std::string header() const {
        std::string line;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i) line += ',';
            append_csv_field(line, columns[i].header(), kArrayDelimiter);
        }
        return line += '\n';
    }
};

// One row, field by field, written by end(). The first row of a file defines its columns and
// writes the header first; a later row whose columns differ from the header throws
// std::logic_error (a writer's bug, never the input's).
class Row {
  public:
    Row(CsvFile& file, std::string& scratch) : file_(file), text_(scratch) { text_.clear(); }
    Row(const Row&) = delete;
    Row& operator=(const Row&) = delete;
    void end() {
        if (file_.rows > 0 && fields_ != file_.columns.size())
            throw std::logic_error(fmt::format("{}: row {} has {} fields, the header {}",
                                               file_.name, file_.rows + 1, fields_,
                                               file_.columns.size()));
        if (file_.rows++ == 0 && file_.header_in_file) *file_.out << file_.header();
        text_ += '\n';
        *file_.out << text_;
    }

    Row& text(std::string_view name, std::string_view type, std::string_view value) {
        next(name, type);
        append_csv_field(text_, value, kArrayDelimiter);
        return *this;
    }
    template <typename Number>
    Row& number(std::string_view name, std::string_view type, Number value) {
        next(name, type);
        fmt::format_to(std::back_inserter(text_), "{}", value);
        return *this;
    }

  private:
    void next(std::string_view name, std::string_view type) {
        if (file_.rows == 0) {
            file_.columns.push_back({std::string(name), std::string(type)});
        } else if (fields_ >= file_.columns.size() || file_.columns[fields_].name != name ||
                   file_.columns[fields_].type != type) {
            throw std::logic_error(fmt::format(
                "{}: row {} has column '{}:{}' where the header has '{}'", file_.name,
                file_.rows + 1, name, type,
                fields_ < file_.columns.size() ? file_.columns[fields_].header() : "nothing"));
        }
        if (fields_++) text_ += ',';
    }
    CsvFile& file_;
    std::string& text_;
    std::size_t fields_ = 0;
};

}  // namespace signalkg
