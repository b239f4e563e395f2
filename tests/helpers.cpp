#include "helpers.hpp"

#include <fstream>
#include <random>
#include <sstream>

#include <raptor2.h>
#include <catch2/catch.hpp>

namespace signalkg::test {

TempDir::TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("signalkg-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::write(const std::string& name, const std::string& text) const {
    const auto file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Built build_from(const std::vector<std::string>& inputs, const Config& config, int jobs) {
    pipeline::Options options;
    options.inputs = inputs;
    options.config = config;
    options.read.jobs = jobs;
    std::vector<Diagnostic> diagnostics;
    pipeline::Timings timings;
    pipeline::Assembled assembled = pipeline::read_and_assemble(options, diagnostics, timings);
    REQUIRE(assembled.graph);
    pipeline::link(*assembled.graph, jobs, timings);
    return {std::move(diagnostics), std::move(assembled.graph)};
}

Written write_formats(const KnowledgeGraph& graph, const std::filesystem::path& out,
                      std::set<std::string> formats, int jobs) {
    OutputOptions options;
    options.jobs = jobs;
    options.formats = formats.empty()
                          ? std::set<std::string>(known_formats().begin(), known_formats().end())
                          : std::move(formats);
    pipeline::Options stages;
    stages.config = graph.config();
    stages.read.jobs = jobs;
    pipeline::Analysed analysed;
    pipeline::Timings timings;
    pipeline::view_and_analyze(graph, stages, analysed, timings);
    return write_outputs(graph, AnalysedView{analysed.view, analysed.analysis}, out, options);
}

Vertex node(const KnowledgeGraph& g, NodeKind kind, const std::string& label) {
    const std::uint32_t v = g.find(kind, label);
    INFO(node_kind_name(kind) << " '" << label << "'");
    REQUIRE(v != kNone);
    return v;
}

std::set<std::string> targets(const KnowledgeGraph& g, Vertex v, EdgeKind kind) {
    std::set<std::string> labels;
    for (const Edge e : boost::make_iterator_range(boost::out_edges(v, g.graph())))
        if (g.graph()[e].kind == kind) labels.insert(g.graph()[boost::target(e, g.graph())].label);
    return labels;
}

namespace {

std::string term_text(const raptor_term* term) {
    switch (term->type) {
        case RAPTOR_TERM_TYPE_URI:
            return reinterpret_cast<const char*>(raptor_uri_as_string(term->value.uri));
        case RAPTOR_TERM_TYPE_LITERAL:
            return std::string(reinterpret_cast<const char*>(term->value.literal.string),
                               term->value.literal.string_len);
        case RAPTOR_TERM_TYPE_BLANK:
            return "_:" + std::string(reinterpret_cast<const char*>(term->value.blank.string));
        default:
            return "";
    }
}

}  // namespace

std::vector<Triple> parse_rdf(const std::filesystem::path& file, const char* syntax) {
    std::vector<Triple> triples;
    raptor_world* world = raptor_new_world();
    raptor_world_open(world);
    raptor_parser* parser = raptor_new_parser(world, syntax);
    raptor_parser_set_statement_handler(parser, &triples, [](void* data, raptor_statement* st) {
        static_cast<std::vector<Triple>*>(data)->push_back(
            {term_text(st->subject), term_text(st->predicate), term_text(st->object),
             st->object->type == RAPTOR_TERM_TYPE_LITERAL});
    });
    const std::string path = std::filesystem::absolute(file).string();
    unsigned char* uri_string = raptor_uri_filename_to_uri_string(path.c_str());
    raptor_uri* uri = raptor_new_uri(world, uri_string);
    const int failed = raptor_parser_parse_file(parser, uri, uri);
    raptor_free_uri(uri);
    raptor_free_memory(uri_string);
    raptor_free_parser(parser);
    raptor_free_world(world);
    REQUIRE(failed == 0);
    return triples;
}

}  // namespace signalkg::test
