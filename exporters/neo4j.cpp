#include "exporters/neo4j.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "exporters/atomic_file.hpp"
#include "exporters/buffered_file.hpp"
#include "exporters/csv_rows.hpp"

namespace signalkg {

namespace {

// neo4j-admin arrays are one field with elements joined by kArrayDelimiter.
std::string join_array(const std::vector<std::string>& items) {
    return join_labels(items, std::string(1, kArrayDelimiter));
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

// The rows of every CSV file; then, for the whole graph, the scripts (Neo4jScripts).
class Neo4jWriter {
  public:
    // Of the whole graph (`part` whole), or of a partitioned build's rank (its part, each file's
    // rows alone at `piece`(name); the root, with `view`, also the entity-view links').
    Neo4jWriter(const KnowledgeGraph& kg, const AnalysedView* view, const ViewSource& source,
                std::filesystem::path folder, DeferredCommits* deferred, const FullViewPart& part,
                std::function<std::filesystem::path(const std::string&)> piece = {})
        : deferred_(deferred),
          kg_(kg),
          g_(kg.graph()),
          view_(view),
          source_(source),
          folder_(std::move(folder)),
          part_(part),
          piece_(std::move(piece)) {
        if (!view) return;
        measures_ = measure_columns(view->analysis);
        if (part.whole()) {
            own_view_index_ = entity_view_index(kg, view->view);
            view_index_ = own_view_index_;
        } else {
            view_index_ = part.view_index;
        }
    }

    // Writes the rows; returns the files (closed) with their columns.
    std::map<std::string, CsvFile> run() {
        if (!piece_) prepare_neo4j_folder(folder_);  // a piece: the root prepared it
        for (Vertex v = 0; v < boost::num_vertices(g_); ++v)
            if (part_.whole() || part_.writes[v]) node(v);
        for (const Edge e : boost::make_iterator_range(boost::edges(g_)))
            if (part_.holds(g_[e], boost::source(e, g_))) relationship(e);
        if (view_)
            for (const EntityEdge e : boost::make_iterator_range(boost::edges(view_->view)))
                link(e);
        for (auto& [name, file] : files_) {
            file.out->commit();
            file.out.reset();
        }
        return std::move(files_);
    }

  private:
    static std::string id_header(const char* role, std::string_view label) {
        return fmt::format("{}({})", role, label);
    }

    CsvFile& file(const std::string& name) {
        auto [it, fresh] = files_.try_emplace(name);
        if (fresh) {
            it->second.name = name;
            it->second.out =
                std::make_unique<BufferedFile>(piece_ ? piece_(name) : folder_ / name, deferred_);
            it->second.header_in_file = !piece_;
        }
        return it->second;
    }

    void node(Vertex v) {
        const NodeProperties& n = g_[v];
        const char* label = node_kind_name(n.kind);
        CsvFile*& f = node_files_[static_cast<int>(n.kind)];
        if (!f) {
            f = &file(fmt::format("node_{}.csv", label));
            f->label = label;
            f->id_type = id_header("ID", label);
        }
        Row row(*f, scratch_);
        // An entity carries its type as a second label (:Entity:Organization) and a property.
        const bool entity = n.kind == NodeKind::Entity;
        row.text("id", f->id_type, n.key)
            .text("", "LABEL",
                  entity ? fmt::format("{};{}", label, entity_type_name(n.type)) : label)
            .text("iri", "", kg_.iri(v))
            .text("label", "", n.label);
        if (entity) row.text("type", "", entity_type_name(n.type));
        if (n.kind == NodeKind::Article) {
            const Report& r = kg_.reports()[n.report];
            for (const ArticleAttribute& a : kArticleAttributes)
                row.text(a.name, a.type == ArticleAttribute::Type::Date ? "date" : "", r.*a.field);
        } else {
            row.text("aliases", "string[]", join_array(n.alt_labels));
        }
        if (is_term_kind(n.kind))
            row.number("article_count", "int",
                       part_.whole() ? n.articles.size() : part_.article_count[v]);
        if (n.kind == NodeKind::Entity) {
            const std::uint32_t e = view_index_[v];
            row.text("first_seen", "date", view_->view[e].first_seen)
                .text("last_seen", "date", view_->view[e].last_seen);
            for (const MeasureColumn& m : measures_) {
                if (m.real) row.number(m.name, "float", (*m.real)[e]);
                if (m.integer) row.number(m.name, "int", (*m.integer)[e]);
                if (m.text) row.text(m.name, "", (*m.text)[e]);
            }
        }
        row.end();
    }

    void relationship(Edge e) {
        const EdgeProperties& ep = g_[e];
        const NodeKind from = g_[boost::source(e, g_)].kind;
        const NodeKind to = g_[boost::target(e, g_)].kind;
        CsvFile*& f = relationship_files_[static_cast<int>(ep.kind)][static_cast<int>(from)]
                                         [static_cast<int>(to)];
        if (!f) {
            const std::string type = relationship_type(edge_kind_name(ep.kind));
            f = &file(
                fmt::format("rel_{}_{}_{}.csv", type, node_kind_name(from), node_kind_name(to)));
            f->from = node_kind_name(from), f->to = node_kind_name(to), f->type = type;
            f->id_type = id_header("START_ID", f->from);
            f->end_id_type = id_header("END_ID", f->to);
        }
        Row row(*f, scratch_);
        row.text("", f->id_type, g_[boost::source(e, g_)].key)
            .text("", f->end_id_type, g_[boost::target(e, g_)].key)
            .text("", "TYPE", f->type);
        if (ep.statement != kNone) observation_fields(ep, row);
        row.end();
    }

    // What an article said in one row: `row` tells apart two rows of one report about the same
    // statement; a driving-force edge has no texts of its own.
    void observation_fields(const EdgeProperties& ep, Row& row) const {
        row.text("article", "", kg_.reports()[ep.article].id)
            .number("row", "int", ep.statement + 1);
        if (ep.kind == EdgeKind::DrivenBy) return;
        const Statement& st = kg_.observation(ep);
        for (const ObservationText& o : kObservationTexts)
            row.text(o.name, "", st.*o.field);
        if (st.relevancy)
            row.number("relevancy", "int", *st.relevancy);
        else
            row.text("relevancy", "int", "");
    }

    void link(EntityEdge e) {
        const EntityGraph& view = view_->view;
        const EntityLink& l = view[e];
        CsvFile*& f = link_files_[static_cast<int>(l.kind)];
        if (!f) {
            const std::string type = relationship_type(link_kind_name(l.kind)) + "_LINK";
            f = &file(fmt::format("rel_{}_Entity_Entity.csv", type));
            f->from = f->to = "Entity", f->type = type;
        }
        Row(*f, scratch_)
            .text("", "START_ID(Entity)", source_.node(view[boost::source(e, view)].entity).key)
            .text("", "END_ID(Entity)", source_.node(view[boost::target(e, view)].entity).key)
            .text("", "TYPE", f->type)
            .number("weight", "float", l.weight)
            .number("count", "int", l.count)
            .text("first_seen", "date", l.first_seen)
            .text("last_seen", "date", l.last_seen)
            .text("statements", "string[]", statement_names(source_, l, ";"))
            .end();
    }

    DeferredCommits* deferred_;
    const KnowledgeGraph& kg_;
    const Graph& g_;
    const AnalysedView* view_;
    const ViewSource& source_;
    std::filesystem::path folder_;
    const FullViewPart& part_;
    std::function<std::filesystem::path(const std::string&)> piece_;
    std::vector<MeasureColumn> measures_;
    std::vector<std::uint32_t> own_view_index_;
    std::span<const std::uint32_t> view_index_;
    std::map<std::string, CsvFile> files_;  // by name: written and listed in a stable order
    // The file of each node kind, relationship (kind, from, to) and entity-view link kind.
    std::array<CsvFile*, kNodeKinds> node_files_{};
    std::array<std::array<std::array<CsvFile*, kNodeKinds>, kNodeKinds>, kEdgeKinds>
        relationship_files_{};
    std::array<CsvFile*, kLinkKinds> link_files_{};
    std::string scratch_;  // the row being written
};

// import.sh and load.cypher for the CSV files written, whose columns they name.
class Neo4jScripts {
  public:
    Neo4jScripts(const std::map<std::string, CsvFile>& files, std::filesystem::path folder,
                 DeferredCommits* deferred)
        : files_(files), folder_(std::move(folder)), deferred_(deferred) {}
    void run() {
        write_import_script();
        write_load_script();
    }

  private:
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
        write_file_atomically(folder_ / "import.sh", script, /*executable=*/true, deferred_);
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
        // An entity's type as a second label: LOAD CSV cannot set a label from a value.
        for (int t = 1; t < static_cast<int>(std::size(kEntityTypeNames)); ++t)
            cypher +=
                fmt::format("\nMATCH (n:Entity {{type: '{0}'}}) SET n:{0};\n", kEntityTypeNames[t]);
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
        write_file_atomically(folder_ / "load.cypher", cypher, false, deferred_);
    }

    const std::map<std::string, CsvFile>& files_;
    std::filesystem::path folder_;
    DeferredCommits* deferred_;
};

}  // namespace

bool is_neo4j_file(std::string_view name) {
    return ((name.starts_with("node_") || name.starts_with("rel_")) && name.ends_with(".csv")) ||
           name == "import.sh" || name == "load.cypher";
}

void prepare_neo4j_folder(const std::filesystem::path& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec)
        throw OutputError(
            fmt::format("{}: cannot create folder: {}", folder.string(), ec.message()));
    remove_stale_temporaries(folder);
}

void finish_neo4j(const std::filesystem::path& folder, const std::map<std::string, CsvFile>& files,
                  DeferredCommits* deferred) {
    Neo4jScripts(files, folder, deferred).run();
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && name.ends_with(".csv") && is_neo4j_file(name) &&
            !files.contains(name))
            std::filesystem::remove(entry.path(), ec);
    }
}

void write_neo4j(const KnowledgeGraph& graph, const AnalysedView& view,
                 const std::filesystem::path& folder, DeferredCommits* deferred) {
    const ViewSource source(graph);
    const FullViewPart whole;
    finish_neo4j(folder, Neo4jWriter(graph, &view, source, folder, deferred, whole).run(),
                 deferred);
}

std::map<std::string, CsvFile> write_neo4j_piece(
    const KnowledgeGraph& graph, const AnalysedView* view, const ViewSource& source,
    const FullViewPart& part, const std::filesystem::path& folder,
    const std::function<std::filesystem::path(const std::string&)>& piece) {
    return Neo4jWriter(graph, view, source, folder, nullptr, part, piece).run();
}

}  // namespace signalkg
