#include "query/results.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "ontology/vocabulary.hpp"
#include "text/escape.hpp"

namespace signalkg::query {

namespace {

// Table cells: IRIs shortened with the predeclared prefixes, literals as their text.
std::string short_form(const Term& t) {
    if (t.kind == Term::Kind::Blank) return "_:" + t.value;
    if (t.kind == Term::Kind::Iri) {
        for (const auto& [prefix, iri] : vocab::kPrefixes)
            if (t.value.starts_with(iri))
                return fmt::format("{}:{}", prefix, t.value.substr(iri.size()));
        return "<" + t.value + ">";
    }
    return t.value;
}

// Display width in terminal columns: UTF-8 continuation bytes take none.
std::size_t width(const std::string& s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string one_line(std::string s) {
    std::replace(s.begin(), s.end(), '\n', ' ');
    std::replace(s.begin(), s.end(), '\t', ' ');
    return s;
}

std::string table(const Results& r) {
    std::vector<std::vector<std::string>> cells;
    cells.push_back(r.variables);
    for (const auto& row : r.rows) {
        std::vector<std::string> line;
        for (const auto& value : row)
            line.push_back(value ? one_line(short_form(*value)) : "");
        cells.push_back(std::move(line));
    }
    std::vector<std::size_t> widths(r.variables.size(), 0);
    for (const auto& line : cells)
        for (std::size_t i = 0; i < line.size(); ++i)
            widths[i] = std::max(widths[i], width(line[i]));
    std::string out;
    for (std::size_t l = 0; l < cells.size(); ++l) {
        for (std::size_t i = 0; i < cells[l].size(); ++i) {
            out += cells[l][i];
            if (i + 1 < cells[l].size())
                out += std::string(widths[i] - width(cells[l][i]) + 2, ' ');
        }
        out += '\n';
        if (l == 0) {
            for (std::size_t i = 0; i < widths.size(); ++i)
                out += std::string(widths[i], '-') + (i + 1 < widths.size() ? "  " : "");
            out += '\n';
        }
    }
    out += fmt::format("({} row{})\n", r.rows.size(), r.rows.size() == 1 ? "" : "s");
    return out;
}

// SPARQL 1.1 Query Results CSV and TSV.
std::string csv_field(std::string_view s) {
    std::string out;
    append_csv_field(out, s);
    return out;
}

// A term in N-Triples (and Turtle, and SPARQL TSV) syntax.
std::string ntriples_term(const Term& t) {
    if (t.kind == Term::Kind::Iri) return "<" + t.value + ">";
    if (t.kind == Term::Kind::Blank) return "_:" + t.value;
    std::string out = "\"";
    append_ntriples_string_escaped(out, t.value);
    out += '"';
    if (!t.language.empty())
        out += "@" + t.language;
    else if (!t.datatype.empty())
        out += "^^<" + t.datatype + ">";
    return out;
}

std::string delimited(const Results& r, bool tsv) {
    std::string out;
    for (std::size_t i = 0; i < r.variables.size(); ++i)
        out += (i ? (tsv ? "\t" : ",") : "") + (tsv ? "?" + r.variables[i] : r.variables[i]);
    out += tsv ? "\n" : "\r\n";
    for (const auto& row : r.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i) out += tsv ? "\t" : ",";
            if (!row[i]) continue;
            out += tsv ? ntriples_term(*row[i])
                       : csv_field(row[i]->kind == Term::Kind::Blank ? "_:" + row[i]->value
                                                                     : row[i]->value);
        }
        out += tsv ? "\n" : "\r\n";
    }
    return out;
}

std::string json(const Results& r) {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    const auto string = [&](const std::string& s) {
        w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
    };
    w.StartObject();
    w.Key("head");
    w.StartObject();
    if (r.kind != Results::Kind::Boolean) {
        w.Key("vars");
        w.StartArray();
        for (const std::string& v : r.variables)
            string(v);
        w.EndArray();
    }
    w.EndObject();
    if (r.kind == Results::Kind::Boolean) {
        w.Key("boolean");
        w.Bool(r.boolean);
    } else {
        w.Key("results");
        w.StartObject();
        w.Key("bindings");
        w.StartArray();
        for (const auto& row : r.rows) {
            w.StartObject();
            for (std::size_t i = 0; i < row.size(); ++i) {
                if (!row[i]) continue;
                const Term& t = *row[i];
                w.Key(r.variables[i].c_str());
                w.StartObject();
                w.Key("type");
                w.String(t.kind == Term::Kind::Iri     ? "uri"
                         : t.kind == Term::Kind::Blank ? "bnode"
                                                       : "literal");
                w.Key("value");
                string(t.value);
                if (!t.datatype.empty()) w.Key("datatype"), string(t.datatype);
                if (!t.language.empty()) w.Key("xml:lang"), string(t.language);
                w.EndObject();
            }
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
    }
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

// A CONSTRUCT result as N-Triples, one triple a line.
std::string ntriples(const Results& r) {
    std::string out;
    for (const auto& row : r.rows)
        out += ntriples_term(*row[0]) + ' ' + ntriples_term(*row[1]) + ' ' +
               ntriples_term(*row[2]) + " .\n";
    return out;
}

// An IRI as a prefixed name of the predeclared prefixes when its local part is a plain name
// (letters, digits, '_', '-', not starting with '-'); else in full.
std::string turtle_iri(const std::string& iri) {
    for (const auto& [prefix, ns] : vocab::kPrefixes) {
        if (!iri.starts_with(ns)) continue;
        const std::string_view local = std::string_view(iri).substr(ns.size());
        const bool plain =
            !local.empty() && local.front() != '-' &&
            std::all_of(local.begin(), local.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
            });
        if (plain) return fmt::format("{}:{}", prefix, local);
    }
    return "<" + iri + ">";
}

// The same as Turtle: the prefixes, then each triple with prefixed names where they fit.
std::string turtle(const Results& r) {
    std::string out;
    for (const auto& [prefix, ns] : vocab::kPrefixes)
        out += fmt::format("@prefix {}: <{}> .\n", prefix, ns);
    out += '\n';
    for (const auto& row : r.rows) {
        for (const auto& term : row) {
            out += term->kind == Term::Kind::Iri ? turtle_iri(term->value) : ntriples_term(*term);
            out += ' ';
        }
        out += ".\n";
    }
    return out;
}

}  // namespace

std::string format_results(const Results& results, Format format) {
    if (results.kind == Results::Kind::Boolean && format != Format::Json)
        return results.boolean ? "true\n" : "false\n";
    if (results.kind == Results::Kind::Graph)
        return format == Format::Turtle ? turtle(results) : ntriples(results);
    switch (format) {
        case Format::NTriples:
        case Format::Turtle:
            throw QueryError(
                "--format nt and ttl are for CONSTRUCT queries; "
                "use table, csv, tsv or json for SELECT and ASK");
        case Format::Table:
            return table(results);
        case Format::Csv:
            return delimited(results, false);
        case Format::Tsv:
            return delimited(results, true);
        case Format::Json:
            return json(results);
    }
    return {};
}

}  // namespace signalkg::query
