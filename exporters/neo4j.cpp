#include "exporters/neo4j.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "exporters/atomic_file.hpp"
#include "exporters/buffered_file.hpp"

namespace signalkg {

namespace {

// A neo4j-admin column: header `name:type` (`name` alone for strings).
struct Column {
    std::string name;
    std::string type;  // "", "int", "float", "boolean", "date", "string[]", or a header keyword
    std::string header() const { return type.empty() ? name : name + ":" + type; }
};

// RFC 4180 field: quoted when it holds a delimiter, quote or line break (or is an array).
void append_csv_field(std::string& out, std::string_view text) {
    if (text.find_first_of(",\"\r\n;") == std::string_view::npos) {
        out += text;
        return;
    }
    out += '"';
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

// neo4j-admin arrays are one field with elements joined by ';'.
std::string join_array(const std::vector<std::string>& items) {
    return join_labels(items, ";");
}

std::string relationship_type(std::string_view camel) {
    std::string type;
    for (const char c : camel) {
        if (c >= 'A' && c <= 'Z')
            type += '_', type += c;
        else if (c == '-')
            type += '_';
        else
            type += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    }
    return type;
}

// One CSV file being written, with its columns (for the header and for load.cypher).
struct CsvFile {
    std::string name;
    std::vector<Column> columns;
    std::string label, from, to, type;  // node file: label; relationship file: from, to, type
    std::unique_ptr<BufferedFile> out;
    std::size_t rows = 0;

    void row(const std::vector<std::string>& values) {
        std::string& buffer = out->buffer();
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i) buffer += ',';
            append_csv_field(buffer, values[i]);
        }
        *out << "\n";
        ++rows;
    }
};

class Neo4jWriter {
  public:
    Neo4jWriter(const KnowledgeGraph& kg, const AnalysedView& view, std::filesystem::path folder)
        : kg_(kg),
          g_(kg.graph()),
          view_(view),
          folder_(std::move(folder)),
          measures_(measure_columns(view.analysis)),
          view_index_(entity_view_index(kg, view.view)) {}

    void run() {
        std::error_code ec;
        std::filesystem::create_directories(folder_, ec);
        if (ec)
            throw OutputError(
                fmt::format("{}: cannot create folder: {}", folder_.string(), ec.message()));
        remove_stale_temporaries(folder_);
        for (Vertex v = 0; v < boost::num_vertices(g_); ++v)
            node(v);
        for (const Edge e : boost::make_iterator_range(boost::edges(g_)))
            relationship(e);
        for (const EntityEdge e : boost::make_iterator_range(boost::edges(view_.view)))
            link(e);
        for (auto& [name, file] : files_)
            file.out->commit();
        write_import_script();
        write_load_script();
    }

  private:
    static std::string id_header(const char* role, std::string_view label) {
        return fmt::format("{}({})", role, label);
    }

    CsvFile& file(const std::string& name, const std::vector<Column>& columns) {
        auto [it, fresh] = files_.try_emplace(name);
        if (fresh) {
            CsvFile& f = it->second;
            f.name = name;
            f.columns = columns;
            f.out = std::make_unique<BufferedFile>(folder_ / name);
            std::string header;
            for (std::size_t i = 0; i < columns.size(); ++i) {
                if (i) header += ',';
                append_csv_field(header, columns[i].header());
            }
            *f.out << header << "\n";
        }
        return it->second;
    }

    void node(Vertex v) {
        const NodeProperties& n = g_[v];
        const std::string label = node_kind_name(n.kind);
        std::vector<Column> columns = {
            {"id", id_header("ID", label)}, {"", "LABEL"}, {"iri", ""}, {"label", ""}};
        std::vector<std::string> values = {n.key, label, kg_.iri(v), n.label};
        const auto add = [&](Column c, std::string value) {
            columns.push_back(std::move(c));
            values.push_back(std::move(value));
        };
        if (n.kind == NodeKind::Article) {
            const Report& r = kg_.reports()[n.report];
            add({"page", ""}, r.page);
            add({"date", "date"}, r.date);
            add({"page_url", ""}, r.page_url);
            add({"url", ""}, r.external_url);
            add({"article_type", ""}, r.type);
            add({"summary", ""}, r.summary);
        } else {
            add({"aliases", "string[]"}, join_array(n.alt_labels));
        }
        if (n.kind == NodeKind::Entity || n.kind == NodeKind::Theme || n.kind == NodeKind::Category)
            add({"article_count", "int"}, std::to_string(n.articles.size()));
        if (n.kind == NodeKind::Entity) {
            const std::uint32_t e = view_index_[v];
            add({"first_seen", "date"}, std::string(view_.view[e].first_seen));
            add({"last_seen", "date"}, std::string(view_.view[e].last_seen));
            for (const MeasureColumn& m : measures_) {
                if (m.real) add({m.name, "float"}, fmt::format("{}", (*m.real)[e]));
                if (m.integer) add({m.name, "int"}, std::to_string((*m.integer)[e]));
            }
        }
        CsvFile& f = file("node_" + label + ".csv", columns);
        f.label = label;
        f.row(values);
    }

    void relationship(Edge e) {
        const EdgeProperties& ep = g_[e];
        const std::string from = node_kind_name(g_[boost::source(e, g_)].kind);
        const std::string to = node_kind_name(g_[boost::target(e, g_)].kind);
        const std::string type = relationship_type(edge_kind_name(ep.kind));
        std::vector<Column> columns = {
            {"", id_header("START_ID", from)}, {"", id_header("END_ID", to)}, {"", "TYPE"}};
        std::vector<std::string> values = {g_[boost::source(e, g_)].key,
                                           g_[boost::target(e, g_)].key, type};
        const auto add = [&](Column c, std::string value) {
            columns.push_back(std::move(c));
            values.push_back(std::move(value));
        };
        if (ep.statement != kNone) {
            // `row` tells apart two rows of one report about the same statement.
            add({"article", ""}, kg_.reports()[ep.article].id);
            add({"row", "int"}, std::to_string(ep.statement + 1));
            if (ep.kind != EdgeKind::DrivenBy) {
                const Statement& st = kg_.reports()[ep.article].statements[ep.statement];
                add({"description", ""}, st.description);
                add({"change", ""}, st.change);
                add({"outlook", ""}, st.outlook);
                add({"relevancy", "int"}, st.relevancy ? std::to_string(*st.relevancy) : "");
            }
        }
        CsvFile& f = file(fmt::format("rel_{}_{}_{}.csv", type, from, to), columns);
        f.from = from, f.to = to, f.type = type;
        f.row(values);
    }

    void link(EntityEdge e) {
        const EntityGraph& view = view_.view;
        const EntityLink& l = view[e];
        const std::string type = relationship_type(link_kind_name(l.kind)) + "_LINK";
        std::vector<std::string> statements;
        for (const Vertex s : l.statements)
            statements.push_back(g_[s].label);
        CsvFile& f =
            file(fmt::format("rel_{}_Entity_Entity.csv", type), {{"", "START_ID(Entity)"},
                                                                 {"", "END_ID(Entity)"},
                                                                 {"", "TYPE"},
                                                                 {"weight", "float"},
                                                                 {"count", "int"},
                                                                 {"first_seen", "date"},
                                                                 {"last_seen", "date"},
                                                                 {"statements", "string[]"}});
        f.from = f.to = "Entity", f.type = type;
        f.row({g_[view[boost::source(e, view)].entity].key,
               g_[view[boost::target(e, view)].entity].key, type, fmt::format("{}", l.weight),
               std::to_string(l.count), std::string(l.first_seen), std::string(l.last_seen),
               join_array(statements)});
    }

    std::vector<const CsvFile*> node_files() const {
        std::vector<const CsvFile*> out;
        for (const auto& [name, f] : files_)
            if (!f.label.empty()) out.push_back(&f);
        return out;
    }
    std::vector<const CsvFile*> relationship_files() const {
        std::vector<const CsvFile*> out;
        for (const auto& [name, f] : files_)
            if (f.label.empty()) out.push_back(&f);
        return out;
    }

    void write_import_script() {
        std::string script =
            "#!/bin/sh\n"
            "# Imports this folder into a new Neo4j 5 database with neo4j-admin (the server "
            "stopped,\n"
            "# or the database not in use). The database must not exist: add "
            "--overwrite-destination\n"
            "# after the database name to replace one. Usage: ./import.sh [DATABASE] (default "
            "neo4j).\n"
            "# Then, for a database other than the default: CREATE DATABASE name (Enterprise) or "
            "set\n"
            "# initial.dbms.default_database=name in neo4j.conf, and start the server.\n"
            "set -e\ncd \"$(dirname \"$0\")\"\n"
            "neo4j-admin database import full \"${1:-neo4j}\" \\\n"
            "  --multiline-fields=true --array-delimiter=';' --delimiter=',' --quote='\"' \\\n";
        for (const CsvFile* f : node_files())
            script += fmt::format("  --nodes={} \\\n", f->name);
        const auto rels = relationship_files();
        for (std::size_t i = 0; i < rels.size(); ++i)
            script += fmt::format("  --relationships={}{}\n", rels[i]->name,
                                  i + 1 < rels.size() ? " \\" : "");
        write_file_atomically(folder_ / "import.sh", script);
        std::filesystem::permissions(folder_ / "import.sh",
                                     std::filesystem::perms::owner_exec |
                                         std::filesystem::perms::group_exec |
                                         std::filesystem::perms::others_exec,
                                     std::filesystem::perm_options::add);
    }

    // A property assignment converting the CSV text to the column's type.
    static std::string cypher_value(const Column& c) {
        const std::string field = fmt::format("row.`{}`", c.header());
        if (c.type == "int") return fmt::format("toInteger({})", field);
        if (c.type == "float") return fmt::format("toFloat({})", field);
        if (c.type == "boolean") return fmt::format("toBoolean({})", field);
        if (c.type == "date")
            return fmt::format("CASE WHEN {0} IS NULL THEN null ELSE date({0}) END", field);
        if (c.type == "string[]")
            return fmt::format("CASE WHEN {0} IS NULL THEN [] ELSE split({0}, ';') END", field);
        return field;
    }

    static bool is_property(const Column& c) { return !c.name.empty() && c.name != "id"; }

    void write_load_script() {
        std::string cypher =
            "// Loads this folder into a running Neo4j 5 server with LOAD CSV (MERGE: running it\n"
            "// again updates instead of duplicating). Copy the CSV files into the server's "
            "import\n"
            "// folder, then: cypher-shell -u neo4j -p PASSWORD -f load.cypher\n"
            "// (in Neo4j Browser, prefix each LOAD CSV statement with :auto).\n\n";
        for (const CsvFile* f : node_files())
            cypher += fmt::format(
                "CREATE CONSTRAINT {0}_id IF NOT EXISTS FOR (n:{0}) REQUIRE n.id IS UNIQUE;\n",
                f->label);
        for (const CsvFile* f : node_files()) {
            cypher += fmt::format(
                "\nLOAD CSV WITH HEADERS FROM 'file:///{}' AS row\nCALL {{\n  WITH row\n"
                "  MERGE (n:{} {{id: row.`{}`}})\n  SET ",
                f->name, f->label, f->columns[0].header());
            std::string sets;
            for (const Column& c : f->columns)
                if (is_property(c))
                    sets += fmt::format("{}n.{} = {}", sets.empty() ? "" : ",\n      ", c.name,
                                        cypher_value(c));
            cypher += sets + "\n} IN TRANSACTIONS OF 10000 ROWS;\n";
        }
        for (const CsvFile* f : relationship_files()) {
            // MERGE keys: the end nodes, and for per-row relationships the article and row.
            std::string key, sets;
            for (const Column& c : f->columns) {
                if (!is_property(c)) continue;
                if (c.name == "article" || c.name == "row")
                    key +=
                        fmt::format("{}{}: {}", key.empty() ? "" : ", ", c.name, cypher_value(c));
                else
                    sets += fmt::format("{}r.{} = {}", sets.empty() ? "" : ",\n      ", c.name,
                                        cypher_value(c));
            }
            cypher += fmt::format(
                "\nLOAD CSV WITH HEADERS FROM 'file:///{}' AS row\nCALL {{\n  WITH row\n"
                "  MATCH (a:{} {{id: row.`{}`}}), (b:{} {{id: row.`{}`}})\n"
                "  MERGE (a)-[r:{}{}]->(b)\n",
                f->name, f->from, f->columns[0].header(), f->to, f->columns[1].header(), f->type,
                key.empty() ? "" : " {" + key + "}");
            if (!sets.empty()) cypher += "  SET " + sets + "\n";
            cypher += "} IN TRANSACTIONS OF 10000 ROWS;\n";
        }
        write_file_atomically(folder_ / "load.cypher", cypher);
    }

    const KnowledgeGraph& kg_;
    const Graph& g_;
    const AnalysedView& view_;
    std::filesystem::path folder_;
    std::vector<MeasureColumn> measures_;
    std::vector<std::uint32_t> view_index_;
    std::map<std::string, CsvFile> files_;  // by name: written and listed in a stable order
};

}  // namespace

void write_neo4j(const KnowledgeGraph& graph, const AnalysedView& view,
                 const std::filesystem::path& folder) {
    Neo4jWriter(graph, view, folder).run();
}

}  // namespace signalkg
