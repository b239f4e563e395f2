#include "query/sparql.hpp"

#include <librdf.h>
#include <rasqal.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <regex>

#include <fmt/format.h>

#include "ontology/vocabulary.hpp"

namespace signalkg::query {

namespace {

// RAII for the librdf objects: one deleter type per C type.
template <typename T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const {
        if (p) Free(p);
    }
};
template <typename T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;

using World = Owned<librdf_world, librdf_free_world>;
using Storage = Owned<librdf_storage, librdf_free_storage>;
using Model = Owned<librdf_model, librdf_free_model>;
using Parser = Owned<librdf_parser, librdf_free_parser>;
using Uri = Owned<librdf_uri, librdf_free_uri>;
using Query = Owned<librdf_query, librdf_free_query>;
using QueryResults = Owned<librdf_query_results, librdf_free_query_results>;
using Node = Owned<librdf_node, librdf_free_node>;

const unsigned char* bytes(const std::string& s) {
    return reinterpret_cast<const unsigned char*>(s.c_str());
}
std::string text(const unsigned char* s) {
    return s ? reinterpret_cast<const char*>(s) : "";
}

int count_lines(const std::string& s) {
    return static_cast<int>(std::count(s.begin(), s.end(), '\n'));
}

// Whether the keyword `word` starts at `at` in `upper` (comments, strings and IRIs blanked, upper
// case) as a token of its own: not part of a name such as ?yearorder or ex:order.
bool keyword_at(const std::string& upper, std::size_t at, std::string_view word) {
    const auto in_name = [&](std::size_t i) {
        const unsigned char c = static_cast<unsigned char>(upper[i]);
        return std::isalnum(c) || c == '_' || c == '?' || c == '$' || c == ':' || c == '-' ||
               c >= 0x80;
    };
    return upper.compare(at, word.size(), word) == 0 && (at == 0 || !in_name(at - 1)) &&
           (at + word.size() == upper.size() || !in_name(at + word.size()));
}

// Where the last keyword ORDER at brace depth 0 starts in `upper`, or npos: an ORDER inside a
// subquery does not count.
std::size_t last_order_keyword(const std::string& upper) {
    std::size_t found = std::string::npos;
    int depth = 0;
    for (std::size_t i = 0; i < upper.size(); ++i) {
        if (upper[i] == '{') ++depth;
        if (upper[i] == '}') --depth;
        if (depth == 0 && keyword_at(upper, i, "ORDER")) found = i;
    }
    return found;
}

// The query with comments, strings and IRIs blanked out, so that only syntax is searched.
std::string syntax_of(const std::string& q) {
    std::string code = q;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '#') {
            while (i < code.size() && code[i] != '\n')
                code[i++] = ' ';
        } else if (c == '"' || c == '\'' || c == '<') {
            const char close = c == '<' ? '>' : c;
            // '<' is an IRI only when no white space follows it (otherwise: less-than).
            if (c == '<' &&
                (i + 1 >= code.size() || std::isspace(static_cast<unsigned char>(code[i + 1])) ||
                 code[i + 1] == '='))
                continue;
            std::size_t j = i + 1;
            while (j < code.size() && code[j] != close && code[j] != '\n')
                j += code[j] == '\\' ? 2 : 1;
            for (std::size_t k = i; k <= std::min(j, code.size() - 1); ++k)
                code[k] = ' ';
            i = j;
        }
    }
    return code;
}

std::string upper_case(std::string text) {
    for (char& c : text)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

// Whether `upper` holds the keyword `word` anywhere.
bool has_keyword(const std::string& upper, std::string_view word) {
    for (std::size_t at = upper.find(word); at != std::string::npos; at = upper.find(word, at + 1))
        if (keyword_at(upper, at, word)) return true;
    return false;
}

// What the in-process engine cannot do, said with how to write the query instead: Rasqal 0.9.33
// fails on these with a bare syntax error, or returns nothing.
std::string engine_hint(const std::string& query, const std::string& message) {
    const std::string upper = upper_case(syntax_of(query));
    if (message.find("unexpected '/'") != std::string::npos ||
        message.find("unexpected '|'") != std::string::npos ||
        message.find("unexpected '^'") != std::string::npos)
        return ". Property paths (sk:about/rdfs:label, p*, p+, ^p) are not supported by the "
               "in-process engine (Rasqal 0.9.33): write one triple pattern per step with a "
               "variable between them (?s sk:about ?e . ?e rdfs:label ?n), or query a SPARQL "
               "store (README, SPARQL)";
    if (message.find("was not bound") != std::string::npos &&
        upper.find("SELECT", upper.find('{')) != std::string::npos)
        return ". Subqueries (a SELECT inside WHERE) are only partly supported by the in-process "
               "engine: join the patterns in one WHERE, or query a SPARQL store (README, SPARQL)";
    return {};
}

// Whether a subquery follows other patterns of its group ("?e rdfs:label ?n . { SELECT ... }"):
// Rasqal 0.9.33 then evaluates it against each row before it and returns wrong rows (a COUNT of 1
// for every label), while the same subquery first in its group is right.
bool has_late_subquery(const std::string& upper) {
    for (std::size_t open = upper.find('{'); open != std::string::npos;
         open = upper.find('{', open + 1)) {
        const std::size_t next = upper.find_first_not_of(" \t\r\n", open + 1);
        if (next == std::string::npos || !keyword_at(upper, next, "SELECT")) continue;
        const std::size_t before = upper.find_last_not_of(" \t\r\n", open - 1);
        if (before != std::string::npos && upper[before] != '{') return true;
    }
    return false;
}

// A SELECT with aggregates, as far as Rasqal 0.9.33 gets it wrong over no solutions: with
// GROUP BY it returns one row of unbound keys and COUNT 1 where SPARQL 1.1 (§11.4) has no group
// and no row; without GROUP BY it returns no row where there is one group, whose COUNT, SUM and
// AVG are 0 and GROUP_CONCAT "" (§18.5). signalkg asks whether the WHERE pattern has a solution
// and gives the standard's answer when it has none.
struct Aggregation {
    bool grouped = false;
    std::string ask;  // ASK with the query's prologue and WHERE group; empty: no aggregate
    std::vector<std::pair<std::string, std::string>> values;  // ?variable, its aggregate
};

Aggregation find_aggregation(const std::string& q) {
    Aggregation out;
    const std::string upper = upper_case(syntax_of(q));
    std::size_t select = std::string::npos;
    for (std::size_t at = upper.find("SELECT");
         at != std::string::npos && select == std::string::npos; at = upper.find("SELECT", at + 1))
        if (keyword_at(upper, at, "SELECT")) select = at;
    const std::size_t open = upper.find('{', select == std::string::npos ? 0 : select);
    if (select == std::string::npos || open == std::string::npos) return out;
    std::size_t close = open;
    for (int depth = 0; close < upper.size(); ++close) {
        depth += upper[close] == '{' ? 1 : upper[close] == '}' ? -1 : 0;
        if (depth == 0) break;
    }
    if (close == upper.size()) return out;
    // Each "(AGGREGATE(...) AS ?v)" of the projection, with the variable as written.
    static const std::regex projected(
        R"(\(\s*(COUNT|SUM|AVG|MIN|MAX|SAMPLE|GROUP_CONCAT)\s*\([^()]*\)\s*AS\s*[?$]([A-Z0-9_]+)\s*\))");
    const std::string clause = upper.substr(select, open - select);
    for (auto it = std::sregex_iterator(clause.begin(), clause.end(), projected);
         it != std::sregex_iterator(); ++it)
        out.values.emplace_back(q.substr(select + it->position(2), it->length(2)), it->str(1));
    static const std::regex aggregate(R"(\b(COUNT|SUM|AVG|MIN|MAX|SAMPLE|GROUP_CONCAT)\s*\()");
    const std::string outer = clause + upper.substr(close);
    if (out.values.empty() && !std::regex_search(outer, aggregate)) return out;
    out.grouped = has_keyword(upper.substr(close), "GROUP");
    out.ask = q.substr(0, select) + "ASK " + q.substr(open, close - open + 1);
    return out;
}

}  // namespace

OrderTail find_order_tail(const std::string& q) {
    const std::string code = syntax_of(q);
    std::string upper = code;
    for (char& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    OrderTail tail;
    const std::size_t at = last_order_keyword(upper);
    if (at == std::string::npos) return tail;
    // Tokenize the rest: it must be ORDER BY keys... [LIMIT n] [OFFSET n] in any order.
    std::vector<std::string> tokens;
    for (std::size_t i = at; i < upper.size();) {
        if (std::isspace(static_cast<unsigned char>(upper[i]))) {
            ++i;
        } else if (upper[i] == '(' || upper[i] == ')') {
            tokens.emplace_back(1, upper[i++]);
        } else {
            std::size_t j = i;
            while (j < upper.size() && !std::isspace(static_cast<unsigned char>(upper[j])) &&
                   upper[j] != '(' && upper[j] != ')')
                ++j;
            tokens.push_back(code.substr(i, j - i));  // original case: variable names
            i = j;
        }
    }
    const auto is = [&](std::size_t i, const char* word) {
        if (i >= tokens.size()) return false;
        std::string t = tokens[i];
        for (char& c : t)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return t == word;
    };
    const auto variable = [&](std::size_t i) {
        return i < tokens.size() && tokens[i].size() > 1 &&
               (tokens[i][0] == '?' || tokens[i][0] == '$');
    };
    if (!is(0, "ORDER") || !is(1, "BY")) return tail;
    std::size_t i = 2;
    while (i < tokens.size()) {
        if (variable(i)) {
            tail.keys.emplace_back(tokens[i].substr(1), false);
            i += 1;
        } else if ((is(i, "ASC") || is(i, "DESC")) && is(i + 1, "(") && variable(i + 2) &&
                   is(i + 3, ")")) {
            tail.keys.emplace_back(tokens[i + 2].substr(1), is(i, "DESC"));
            i += 4;
        } else {
            break;
        }
    }
    if (tail.keys.empty()) return tail;
    while (i < tokens.size()) {
        const bool limit = is(i, "LIMIT"), offset = is(i, "OFFSET");
        if ((!limit && !offset) || i + 1 >= tokens.size() ||
            !std::all_of(tokens[i + 1].begin(), tokens[i + 1].end(),
                         [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            return OrderTail{};
        (limit ? tail.limit : tail.offset) = std::stoull(tokens[i + 1]);
        i += 2;
    }
    tail.start = at;
    return tail;
}

namespace {

bool is_numeric(const Term& t) {
    static constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";
    if (!t.datatype.starts_with(kXsd)) return false;
    const std::string_view type = std::string_view(t.datatype).substr(kXsd.size());
    return type == "integer" || type == "decimal" || type == "double" || type == "float" ||
           type == "int" || type == "long" || type == "short" || type == "byte" ||
           type.find("Integer") != std::string_view::npos;
}

// SPARQL 1.1 §15.1: unbound < blank node < IRI < literal; numbers by value, other literals by
// code point (std::string compares bytes, and UTF-8 byte order is code point order).
int compare_terms(const std::optional<Term>& a, const std::optional<Term>& b) {
    const auto rank = [](const std::optional<Term>& t) {
        if (!t) return 0;
        return t->kind == Term::Kind::Blank ? 1 : t->kind == Term::Kind::Iri ? 2 : 3;
    };
    if (rank(a) != rank(b)) return rank(a) < rank(b) ? -1 : 1;
    if (!a) return 0;
    if (a->kind == Term::Kind::Literal && is_numeric(*a) && is_numeric(*b)) {
        const double x = std::strtod(a->value.c_str(), nullptr),
                     y = std::strtod(b->value.c_str(), nullptr);
        return x < y ? -1 : x > y ? 1 : 0;
    }
    return a->value.compare(b->value) < 0 ? -1 : a->value == b->value ? 0 : 1;
}

}  // namespace

void apply_order_tail(const OrderTail& tail, Results& results) {
    std::vector<std::pair<std::size_t, bool>> keys;
    for (const auto& [name, descending] : tail.keys) {
        const auto it = std::find(results.variables.begin(), results.variables.end(), name);
        if (it != results.variables.end())
            keys.emplace_back(it - results.variables.begin(), descending);
    }
    std::stable_sort(results.rows.begin(), results.rows.end(), [&](const auto& x, const auto& y) {
        for (const auto& [column, descending] : keys) {
            const int c = compare_terms(x[column], y[column]);
            if (c != 0) return descending ? c > 0 : c < 0;
        }
        return false;
    });
    const std::size_t offset = std::min(tail.offset.value_or(0), results.rows.size());
    results.rows.erase(results.rows.begin(),
                       results.rows.begin() + static_cast<std::ptrdiff_t>(offset));
    if (tail.limit && results.rows.size() > *tail.limit) results.rows.resize(*tail.limit);
}

namespace {

// A node of a result, as a Term: every result form (bindings, graphs) goes through here, so a
// literal keeps its datatype and language wherever it comes from.
Term term_of(librdf_node* node) {
    Term t;
    if (librdf_node_is_resource(node)) {
        t.kind = Term::Kind::Iri;
        t.value = text(librdf_uri_as_string(librdf_node_get_uri(node)));
    } else if (librdf_node_is_blank(node)) {
        t.kind = Term::Kind::Blank;
        t.value = text(librdf_node_get_blank_identifier(node));
    } else {
        t.value = text(librdf_node_get_literal_value(node));
        if (librdf_uri* type = librdf_node_get_literal_value_datatype_uri(node))
            t.datatype = text(librdf_uri_as_string(type));
        if (const char* language = librdf_node_get_literal_value_language(node))
            t.language = language;
    }
    return t;
}

// The variables a SELECT query projects, in order, from Rasqal's own parse of it.
std::vector<std::string> projected_variables(rasqal_world* world, const std::string& sparql) {
    std::vector<std::string> names;
    const std::unique_ptr<rasqal_query, decltype(&rasqal_free_query)> query(
        rasqal_new_query(world, "sparql", nullptr), &rasqal_free_query);
    if (!query || rasqal_query_prepare(query.get(), bytes(sparql), nullptr) != 0) return names;
    raptor_sequence* variables = rasqal_query_get_bound_variable_sequence(query.get());
    for (int i = 0; variables && i < raptor_sequence_size(variables); ++i) {
        const auto* variable = static_cast<rasqal_variable*>(raptor_sequence_get_at(variables, i));
        names.emplace_back(text(variable->name));
    }
    return names;
}

}  // namespace

std::string predeclared_prefixes() {
    std::string prefixes;
    for (const auto& [prefix, iri] : vocab::kPrefixes)
        prefixes += fmt::format("PREFIX {}: <{}>\n", prefix, iri);
    return prefixes;
}

struct Store::Impl {
    World world;
    Storage storage;
    Model model;
    // Messages from librdf, Raptor and Rasqal, collected instead of printed.
    std::vector<std::pair<int, std::string>> errors;
    int line_offset = 0;  // lines added in front of the user's query

    static int log(void* self, librdf_log_message* message) {
        auto* impl = static_cast<Impl*>(self);
        if (librdf_log_message_level(message) >= LIBRDF_LOG_ERROR) {
            const raptor_locator* locator = librdf_log_message_locator(message);
            const int line =
                locator ? raptor_locator_line(const_cast<raptor_locator*>(locator)) : -1;
            impl->errors.emplace_back(
                line,
                text(reinterpret_cast<const unsigned char*>(librdf_log_message_message(message))));
        }
        return 1;  // handled: nothing on stderr
    }

    std::string error_text(int line_offset_for_messages) const {
        std::string out;
        for (const auto& [line, message] : errors) {
            if (!out.empty()) out += "; ";
            if (line > 0)
                out += fmt::format("line {}: ", std::max(1, line - line_offset_for_messages));
            out += message;
        }
        return out.empty() ? "unknown error" : out;
    }
};

Store::Store() : impl_(std::make_unique<Impl>()) {
    impl_->world.reset(librdf_new_world());
    if (!impl_->world) throw QueryError("cannot initialise the Redland RDF library");
    librdf_world_set_logger(impl_->world.get(), impl_.get(), &Impl::log);
    librdf_world_open(impl_->world.get());
    // librdf's in-memory "trees" storage: AVL trees over every order of subject, predicate and
    // object. Its "hashes" storage (in memory) has no index for a fully bound triple: Rasqal
    // checks such a pattern once per row, and each check scanned the store (a 3,883-row join
    // took 117 s on the shared corpus; 0.23 s with trees).
    impl_->storage.reset(librdf_new_storage(impl_->world.get(), "trees", "signalkg", ""));
    if (!impl_->storage) throw QueryError("cannot create the in-memory RDF store");
    impl_->model.reset(librdf_new_model(impl_->world.get(), impl_->storage.get(), nullptr));
    if (!impl_->model) throw QueryError("cannot create the RDF model");
}

Store::~Store() {
    // Children before the world that owns them.
    impl_->model.reset();
    impl_->storage.reset();
    impl_->world.reset();
}

std::size_t Store::load(const std::filesystem::path& graph) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    std::error_code ec;
    if (fs::is_directory(graph, ec)) {
        for (const char* name : {"graph.nt", "graph.ttl", "graph.rdf"}) {
            if (fs::exists(graph / name)) {
                files.push_back(graph / name);
                break;
            }
        }
        if (files.empty())
            throw QueryError(fmt::format("{}: no graph.nt, graph.ttl or graph.rdf in this folder",
                                         graph.string()));
        if (fs::exists(graph / "ontology.ttl")) files.push_back(graph / "ontology.ttl");
    } else if (fs::exists(graph, ec)) {
        files.push_back(graph);
    } else {
        throw QueryError(fmt::format("{}: no such file or folder", graph.string()));
    }
    for (const fs::path& file : files) {
        const std::string extension = file.extension().string();
        const char* syntax = extension == ".nt"    ? "ntriples"
                             : extension == ".ttl" ? "turtle"
                             : extension == ".rdf" || extension == ".xml" || extension == ".owl"
                                 ? "rdfxml"
                                 : nullptr;
        if (!syntax)
            throw QueryError(
                fmt::format("{}: unknown RDF syntax (use .ttl, .nt or .rdf)", file.string()));
        Parser parser(librdf_new_parser(impl_->world.get(), syntax, nullptr, nullptr));
        const std::string absolute = fs::absolute(file).string();
        Uri uri(librdf_new_uri_from_filename(impl_->world.get(), absolute.c_str()));
        impl_->errors.clear();
        if (!parser || !uri ||
            librdf_parser_parse_into_model(parser.get(), uri.get(), uri.get(),
                                           impl_->model.get()) != 0 ||
            !impl_->errors.empty())
            throw QueryError(fmt::format("{}: {}", file.string(), impl_->error_text(0)));
    }
    return static_cast<std::size_t>(librdf_model_size(impl_->model.get()));
}

QueryForm query_form(const std::string& query) {
    const std::string upper = upper_case(syntax_of(query));
    std::size_t first = std::string::npos;
    QueryForm form = QueryForm::Select;
    for (const auto& [word, kind] : {std::pair{"SELECT", QueryForm::Select},
                                     {"ASK", QueryForm::Ask},
                                     {"CONSTRUCT", QueryForm::Construct},
                                     {"DESCRIBE", QueryForm::Describe}})
        for (std::size_t at = upper.find(word); at != std::string::npos && at < first;
             at = upper.find(word, at + 1))
            if (keyword_at(upper, at, word)) {
                first = at, form = kind;
                break;
            }
    return form;
}

Results Store::run(const std::string& user_query) {
    const std::string prefixes = predeclared_prefixes();
    const std::string syntax = upper_case(syntax_of(user_query));
    if (has_keyword(syntax, "DESCRIBE"))
        throw QueryError(
            "DESCRIBE is not supported by the in-process engine (Rasqal 0.9.33 returns nothing): "
            "write CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o ... } for the resources to describe, "
            "or query a SPARQL store (README, SPARQL)");
    if (has_late_subquery(syntax))
        throw QueryError(
            "a subquery after other patterns of its group is evaluated wrongly by the in-process "
            "engine (Rasqal 0.9.33 runs it against each row before it): put it first in its group, "
            "{ { SELECT ... } ?e rdfs:label ?name }, or query a SPARQL store (README, SPARQL)");
    const OrderTail tail = find_order_tail(user_query);
    const std::string full =
        prefixes +
        (tail.start == std::string::npos ? user_query : user_query.substr(0, tail.start));
    impl_->errors.clear();
    Query query(librdf_new_query(impl_->world.get(), "sparql", nullptr, bytes(full), nullptr));
    if (!query || !impl_->errors.empty()) {
        const std::string message = impl_->error_text(count_lines(prefixes));
        throw QueryError(
            fmt::format("SPARQL syntax error: {}{}", message, engine_hint(user_query, message)));
    }
    QueryResults results(librdf_model_query_execute(impl_->model.get(), query.get()));
    if (!results || !impl_->errors.empty()) {
        const std::string message = impl_->error_text(count_lines(prefixes));
        throw QueryError(
            fmt::format("SPARQL error: {}{}", message, engine_hint(user_query, message)));
    }

    Results out;
    if (librdf_query_results_is_boolean(results.get())) {
        out.kind = Results::Kind::Boolean;
        out.boolean = librdf_query_results_get_boolean(results.get()) > 0;
        return out;
    }
    if (librdf_query_results_is_graph(results.get())) {
        // CONSTRUCT / DESCRIBE: rows of subject, predicate, object.
        out.kind = Results::Kind::Graph;
        out.variables = {"subject", "predicate", "object"};
        librdf_stream* stream = librdf_query_results_as_stream(results.get());
        for (; stream && !librdf_stream_end(stream); librdf_stream_next(stream)) {
            librdf_statement* st = librdf_stream_get_object(stream);
            std::vector<std::optional<Term>> row;
            for (librdf_node* n :
                 {librdf_statement_get_subject(st), librdf_statement_get_predicate(st),
                  librdf_statement_get_object(st)})
                row.push_back(term_of(n));
            out.rows.push_back(std::move(row));
        }
        if (stream) librdf_free_stream(stream);
        return out;
    }
    const int count = librdf_query_results_get_bindings_count(results.get());
    for (int i = 0; i < count; ++i)
        out.variables.push_back(librdf_query_results_get_binding_name(results.get(), i));
    const Aggregation aggregation = find_aggregation(user_query);
    if (count == 0) {
        // librdf names no variable when there is no row: the query's projection says them.
        out.variables = projected_variables(librdf_world_get_rasqal(impl_->world.get()), full);
        impl_->errors.clear();  // warnings of the second parse were seen on the first
        if (!aggregation.ask.empty() && !aggregation.grouped && !run(aggregation.ask).boolean) {
            std::vector<std::optional<Term>>& row = out.rows.emplace_back(out.variables.size());
            for (const auto& [variable, function] : aggregation.values) {
                const auto at = std::find(out.variables.begin(), out.variables.end(), variable);
                if (at == out.variables.end()) continue;
                if (function == "GROUP_CONCAT") row[at - out.variables.begin()] = Term{};
                if (function == "COUNT" || function == "SUM" || function == "AVG")
                    row[at - out.variables.begin()] =
                        Term{Term::Kind::Literal, "0", std::string(vocab::kXsd) + "integer", ""};
            }
        }
        return out;
    }
    for (; !librdf_query_results_finished(results.get());
         librdf_query_results_next(results.get())) {
        std::vector<std::optional<Term>> row(count);
        for (int i = 0; i < count; ++i) {
            Node node(librdf_query_results_get_binding_value(results.get(), i));
            if (node) row[i] = term_of(node.get());
        }
        out.rows.push_back(std::move(row));
    }
    if (!impl_->errors.empty())
        throw QueryError(fmt::format("SPARQL error: {}", impl_->error_text(count_lines(prefixes))));
    if (aggregation.grouped && out.rows.size() == 1 && !run(aggregation.ask).boolean)
        out.rows.clear();
    if (tail.start != std::string::npos) apply_order_tail(tail, out);
    return out;
}

}  // namespace signalkg::query
