#include "query/endpoint.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include <curl/curl.h>
#include <fmt/format.h>
#include <rapidjson/document.h>
#include <raptor2.h>

#include "ontology/vocabulary.hpp"

namespace signalkg::query {

namespace {

constexpr std::string_view kResults = "http://www.w3.org/2005/sparql-results#";

// The first `lines` lines of an answer (at most 2,000 bytes), for a message.
std::string excerpt(std::string_view body, std::size_t lines = 12) {
    std::size_t end = 0;
    for (std::size_t n = 0; n < lines && end < body.size(); ++n) {
        const std::size_t next = body.find('\n', end);
        end = next == std::string_view::npos ? body.size() : next + 1;
    }
    std::string text(body.substr(0, std::min<std::size_t>(end, 2000)));
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.pop_back();
    return text;
}

bool is_float_type(const std::string& datatype) {
    return datatype == std::string(vocab::kXsd) + "double" ||
           datatype == std::string(vocab::kXsd) + "float";
}

std::optional<double> number(const std::string& text) {
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// The lexical form signalkg writes for a value of `datatype`: the shortest that reads back.
std::string shortest(double value, const std::string& datatype) {
    if (datatype == std::string(vocab::kXsd) + "float")
        return fmt::format("{}", static_cast<float>(value));
    return fmt::format("{}", value);
}

// Whether a value printed with about 6 significant digits is `full` rounded.
bool rounds_to(double rounded, double full) {
    return std::abs(rounded - full) <= 1e-5 * std::max(std::abs(rounded), std::abs(full));
}

// ---- HTTP ----

struct Response {
    long status = 0;
    std::string body;
};

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

struct CurlDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// ---- RDF (N-Triples, Turtle) through Raptor ----

struct Triple {
    Term s, p, o;
};

Term term_of(const raptor_term* t) {
    Term out;
    const auto text = [](const unsigned char* s) {
        return std::string(reinterpret_cast<const char*>(s));
    };
    switch (t->type) {
        case RAPTOR_TERM_TYPE_URI:
            out.kind = Term::Kind::Iri;
            out.value = text(raptor_uri_as_string(t->value.uri));
            break;
        case RAPTOR_TERM_TYPE_BLANK:
            out.kind = Term::Kind::Blank;
            out.value = text(t->value.blank.string);
            break;
        default:
            out.value = text(t->value.literal.string);
            if (t->value.literal.datatype)
                out.datatype = text(raptor_uri_as_string(t->value.literal.datatype));
            if (t->value.literal.language) out.language = text(t->value.literal.language);
    }
    return out;
}

// The triples of `text` in document order; throws EndpointError on a syntax error.
std::vector<Triple> parse_rdf(const std::string& text, const char* syntax) {
    struct State {
        std::vector<Triple> triples;
        std::string error;
    } state;
    raptor_world* world = raptor_new_world();
    raptor_world_set_log_handler(world, &state, [](void* data, raptor_log_message* message) {
        auto* s = static_cast<State*>(data);
        if (message->level >= RAPTOR_LOG_LEVEL_ERROR && s->error.empty())
            s->error = fmt::format("line {}: {}", message->locator ? message->locator->line : 0,
                                   message->text);
    });
    raptor_world_open(world);
    raptor_parser* parser = raptor_new_parser(world, syntax);
    raptor_parser_set_statement_handler(parser, &state, [](void* data, raptor_statement* st) {
        static_cast<State*>(data)->triples.push_back(
            {term_of(st->subject), term_of(st->predicate), term_of(st->object)});
    });
    raptor_uri* base = raptor_new_uri(world, reinterpret_cast<const unsigned char*>("urn:x-base:"));
    raptor_parser_parse_start(parser, base);
    raptor_parser_parse_chunk(parser, reinterpret_cast<const unsigned char*>(text.data()),
                              text.size(), 1);
    raptor_free_uri(base);
    raptor_free_parser(parser);
    raptor_free_world(world);
    if (!state.error.empty())
        throw EndpointError(
            fmt::format("the endpoint's {} answer does not parse: {}", syntax, state.error));
    return std::move(state.triples);
}

// ---- SPARQL 1.1 Query Results JSON ----

Results parse_json_results(const std::string& body) {
    rapidjson::Document d;
    d.Parse(body.c_str());
    if (d.HasParseError() || !d.IsObject() || !d.HasMember("head"))
        throw EndpointError("the endpoint's answer is not SPARQL results JSON: " +
                            excerpt(body, 3));
    Results out;
    if (d.HasMember("boolean") && d["boolean"].IsBool()) {
        out.kind = Results::Kind::Boolean;
        out.boolean = d["boolean"].GetBool();
        return out;
    }
    const auto& head = d["head"];
    if (head.HasMember("vars") && head["vars"].IsArray())
        for (const auto& v : head["vars"].GetArray())
            if (v.IsString()) out.variables.emplace_back(v.GetString());
    if (!d.HasMember("results") || !d["results"].HasMember("bindings") ||
        !d["results"]["bindings"].IsArray())
        throw EndpointError("the endpoint's answer has no results: " + excerpt(body, 3));
    const auto string_of = [](const rapidjson::Value& object, const char* key) {
        return object.HasMember(key) && object[key].IsString()
                   ? std::string(object[key].GetString(), object[key].GetStringLength())
                   : std::string();
    };
    for (const auto& binding : d["results"]["bindings"].GetArray()) {
        auto& row = out.rows.emplace_back(out.variables.size());
        for (std::size_t i = 0; i < out.variables.size(); ++i) {
            const char* name = out.variables[i].c_str();
            if (!binding.IsObject() || !binding.HasMember(name)) continue;
            const auto& value = binding[name];
            const std::string type = string_of(value, "type");
            Term t;
            t.value = string_of(value, "value");
            if (type == "uri") {
                t.kind = Term::Kind::Iri;
            } else if (type == "bnode") {
                t.kind = Term::Kind::Blank;
            } else {  // "literal", or "typed-literal" (the 2008 draft some endpoints still use)
                t.datatype = string_of(value, "datatype");
                t.language = string_of(value, "xml:lang");
            }
            row[i] = std::move(t);
        }
    }
    return out;
}

// ---- Full-precision numbers from a Turtle result set (the DAWG result-set vocabulary) ----

// The rows of a result set in Turtle, by variable name, in document order; empty when the text
// is not one.
std::vector<std::map<std::string, Term>> result_set_rows(const std::vector<Triple>& triples) {
    const std::string res(kResults);
    std::map<std::string, std::vector<std::string>> bindings;  // solution -> its bindings
    std::map<std::string, std::string> variable;               // binding -> variable name
    std::map<std::string, Term> value;                         // binding -> value
    std::vector<std::string> solutions;
    std::map<std::string, long> index;  // solution -> res:index, when given
    for (const Triple& t : triples) {
        if (t.p.value == res + "solution") solutions.push_back(t.o.value);
        if (t.p.value == res + "binding") bindings[t.s.value].push_back(t.o.value);
        if (t.p.value == res + "variable") variable[t.s.value] = t.o.value;
        if (t.p.value == res + "value") value[t.s.value] = t.o;
        if (t.p.value == res + "index") index[t.s.value] = std::atol(t.o.value.c_str());
    }
    if (!index.empty())
        std::stable_sort(solutions.begin(), solutions.end(),
                         [&](const auto& a, const auto& b) { return index[a] < index[b]; });
    std::vector<std::map<std::string, Term>> rows;
    for (const std::string& solution : solutions) {
        auto& row = rows.emplace_back();
        for (const std::string& b : bindings[solution])
            if (variable.contains(b) && value.contains(b)) row[variable[b]] = value[b];
    }
    return rows;
}

// Significant digits of a decimal numeral's mantissa.
std::size_t significant_digits(std::string_view text) {
    text = text.substr(0, text.find_first_of("eE"));
    std::size_t digits = 0;
    bool leading = true;
    for (const char c : text) {
        if (c < '0' || c > '9') continue;
        if (c != '0') leading = false;
        if (!leading) ++digits;
    }
    return digits;
}

// Whether every float value of `r` could be a rounded one (6 significant digits or fewer),
// and there is at least one: an endpoint that prints more does not round.
bool maybe_rounded(const Results& r) {
    bool any = false;
    for (const auto& row : r.rows)
        for (const auto& cell : row)
            if (cell && cell->kind == Term::Kind::Literal && is_float_type(cell->datatype)) {
                if (significant_digits(cell->value) > 6) return false;
                any = true;
            }
    return any;
}

// Replaces the rounded float values of `rows` by the full ones of `full`, when every row lines
// up (the same terms, the floats within rounding); returns false, changing nothing, otherwise.
bool refine_bindings(Results& r, const std::vector<std::map<std::string, Term>>& full) {
    if (full.size() != r.rows.size()) return false;
    std::vector<std::pair<Term*, std::string>> replaced;
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
        for (std::size_t v = 0; v < r.variables.size(); ++v) {
            auto& cell = r.rows[i][v];
            const auto found = full[i].find(r.variables[v]);
            if (!cell || found == full[i].end()) {
                if (cell.has_value() != (found != full[i].end())) return false;
                continue;
            }
            const Term& f = found->second;
            if (cell->kind != f.kind) return false;
            if (cell->kind == Term::Kind::Blank) continue;
            if (cell->kind == Term::Kind::Literal && is_float_type(cell->datatype)) {
                const auto rounded = number(cell->value), exact = number(f.value);
                if (!rounded || !exact || !rounds_to(*rounded, *exact)) return false;
                replaced.emplace_back(&*cell, shortest(*exact, cell->datatype));
            } else if (cell->value != f.value) {
                return false;
            }
        }
    }
    for (auto& [term, text] : replaced)
        term->value = std::move(text);
    return true;
}

// The same for the triples of a CONSTRUCT, matched by subject and predicate (IRIs only).
bool refine_triples(Results& r, const std::vector<Triple>& full) {
    std::multimap<std::pair<std::string, std::string>, double> exact;
    for (const Triple& t : full)
        if (t.s.kind == Term::Kind::Iri && t.o.kind == Term::Kind::Literal)
            if (const auto x = number(t.o.value))
                exact.emplace(std::pair{t.s.value, t.p.value}, *x);
    std::vector<std::pair<Term*, std::string>> replaced;
    for (auto& row : r.rows) {
        Term& o = *row[2];
        if (o.kind != Term::Kind::Literal || !is_float_type(o.datatype)) continue;
        const auto rounded = number(o.value);
        if (!rounded || row[0]->kind != Term::Kind::Iri) return false;
        std::optional<double> match;
        const auto [from, to] = exact.equal_range({row[0]->value, row[1]->value});
        for (auto it = from; it != to; ++it)
            if (rounds_to(*rounded, it->second)) {
                if (match && *match != it->second) return false;  // ambiguous
                match = it->second;
            }
        if (!match) return false;
        replaced.emplace_back(&o, shortest(*match, o.datatype));
    }
    for (auto& [term, text] : replaced)
        term->value = std::move(text);
    return true;
}

// One line of the predeclared prefixes, put before the query on its first line so that the
// endpoint's line numbers are the user's.
std::string prefixes_on_one_line() {
    std::string line = predeclared_prefixes();
    std::replace(line.begin(), line.end(), '\n', ' ');
    return line;
}

}  // namespace

struct Endpoint::Impl {
    std::string url, default_graph;
    std::unique_ptr<CURL, CurlDeleter> curl;

    Response post(const std::string& query, const char* accept, double timeout_seconds) {
        CURL* c = curl.get();
        curl_easy_reset(c);
        const auto escape = [&](const std::string& s) {
            char* e = curl_easy_escape(c, s.data(), static_cast<int>(s.size()));
            std::string out(e ? e : "");
            curl_free(e);
            return out;
        };
        std::string form = "query=" + escape(query);
        if (!default_graph.empty()) form += "&default-graph-uri=" + escape(default_graph);
        std::unique_ptr<curl_slist, SlistDeleter> headers(
            curl_slist_append(nullptr, fmt::format("Accept: {}", accept).c_str()));
        headers.reset(curl_slist_append(headers.release(),
                                        "Content-Type: application/x-www-form-urlencoded"));
        Response response;
        curl_easy_setopt(c, CURLOPT_URL, url.c_str());
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, form.c_str());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(form.size()));
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &response.body);
        curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_USERAGENT, "signalkg");
        curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // any the library decodes
        if (timeout_seconds > 0)
            curl_easy_setopt(c, CURLOPT_TIMEOUT_MS,
                             static_cast<long>(std::ceil(timeout_seconds * 1000)));
        const CURLcode code = curl_easy_perform(c);
        if (code == CURLE_OPERATION_TIMEDOUT) throw EndpointTimeout(url);
        if (code != CURLE_OK)
            throw EndpointError(fmt::format("{}: {}", url, curl_easy_strerror(code)));
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
        if (response.status == 400)
            throw QueryError(fmt::format("the endpoint refused the query (HTTP 400): {}",
                                         excerpt(response.body)));
        if (response.status >= 300)
            throw EndpointError(
                fmt::format("{}: HTTP {}: {}", url, response.status, excerpt(response.body)));
        return response;
    }
};

Endpoint::Endpoint(std::string url, std::string default_graph) : impl_(std::make_unique<Impl>()) {
    static const CURLcode global = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (global != CURLE_OK) throw EndpointError("libcurl could not start");
    impl_->url = std::move(url);
    impl_->default_graph = std::move(default_graph);
    impl_->curl.reset(curl_easy_init());
    if (!impl_->curl) throw EndpointError("libcurl could not start");
}

Endpoint::~Endpoint() = default;

Results Endpoint::run(const std::string& user_query, double timeout_seconds) {
    const auto started = std::chrono::steady_clock::now();
    const auto left = [&] {
        if (timeout_seconds <= 0) return 0.0;
        const double spent =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (spent >= timeout_seconds) throw EndpointTimeout(impl_->url);
        return timeout_seconds - spent;
    };
    const QueryForm form = query_form(user_query);
    const bool graph = form == QueryForm::Construct || form == QueryForm::Describe;
    const OrderTail tail = graph ? OrderTail{} : find_order_tail(user_query);
    const std::string query = prefixes_on_one_line() + user_query.substr(0, tail.start);
    Results out;
    if (graph) {
        const Response r = impl_->post(query, "application/n-triples, text/plain;q=0.5", left());
        out.kind = Results::Kind::Graph;
        out.variables = {"subject", "predicate", "object"};
        for (Triple& t : parse_rdf(r.body, "ntriples"))
            out.rows.push_back({std::move(t.s), std::move(t.p), std::move(t.o)});
    } else {
        out =
            parse_json_results(impl_->post(query, "application/sparql-results+json", left()).body);
        if (form == QueryForm::Ask && out.kind != Results::Kind::Boolean) {
            // Virtuoso 7.2 answers ASK as one row of one variable, __ASK_RETVAL, 1 or 0.
            const bool yes = out.rows.size() == 1 && out.rows[0].size() == 1 && out.rows[0][0] &&
                             (out.rows[0][0]->value == "1" || out.rows[0][0]->value == "true");
            out = Results{};
            out.kind = Results::Kind::Boolean;
            out.boolean = yes;
        }
    }
    // The rows in the endpoint's order until the floats are refined: its Turtle answer comes
    // in the same order.
    const auto ordered = [&](Results& r) -> Results& {
        if (tail.start != std::string::npos) apply_order_tail(tail, r);
        return r;
    };
    if (!maybe_rounded(out)) return ordered(out);
    // Some endpoints print xsd:double with 6 digits in every format but Turtle (Virtuoso 7.2).
    std::vector<Triple> full;
    try {
        full = parse_rdf(impl_->post(query, "text/turtle", left()).body, "turtle");
    } catch (const EndpointError&) {
        return ordered(out);  // no Turtle answer: the short values may well be exact
    }
    const bool refined =
        graph ? refine_triples(out, full) : refine_bindings(out, result_set_rows(full));
    if (!refined)
        fmt::print(stderr,
                   "signalkg: warning: {} printed xsd:double values as it rounds them, and its "
                   "Turtle answer did not line up with them: the numbers shown are the "
                   "endpoint's\n",
                   impl_->url);
    return ordered(out);
}

}  // namespace signalkg::query
