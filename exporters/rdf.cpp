#include "exporters/rdf.hpp"

#include <map>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <raptor2.h>

#include "exporters/atomic_file.hpp"
#include "exporters/rdf_model.hpp"
#include "ontology/ontology_text.hpp"

namespace signalkg {

namespace {

struct WorldDeleter {
    void operator()(raptor_world* w) const { raptor_free_world(w); }
};
struct SerializerDeleter {
    void operator()(raptor_serializer* s) const { raptor_free_serializer(s); }
};
struct UriDeleter {
    void operator()(raptor_uri* u) const { raptor_free_uri(u); }
};
using WorldPtr = std::unique_ptr<raptor_world, WorldDeleter>;
using SerializerPtr = std::unique_ptr<raptor_serializer, SerializerDeleter>;
using UriPtr = std::unique_ptr<raptor_uri, UriDeleter>;

const unsigned char* bytes(const std::string& s) {
    return reinterpret_cast<const unsigned char*>(s.c_str());
}

// A TripleSink that hands every triple to a Raptor serializer writing to a FILE*.
class RaptorSink final : public TripleSink {
  public:
    RaptorSink(std::FILE* file, RdfSyntax syntax, std::size_t batch)
        : file_(file), syntax_(syntax), batch_(batch) {
        world_.reset(raptor_new_world());
        if (!world_ || raptor_world_open(world_.get()) != 0)
            throw OutputError("cannot initialise the Raptor RDF library");
        raptor_world_set_log_handler(world_.get(), this, [](void* self, raptor_log_message* m) {
            if (m->level >= RAPTOR_LOG_LEVEL_ERROR)
                static_cast<RaptorSink*>(self)->error_ = m->text ? m->text : "unknown error";
        });
        start();
    }

    void triple(std::string_view subject, const vocab::Term& predicate,
                const RdfObject& object) override {
        if (subject != last_subject_) {
            // Turtle: close this document and open the next at a subject boundary.
            if (syntax_ == RdfSyntax::Turtle && in_batch_ >= batch_) {
                finish();
                start();
            }
            last_subject_.assign(subject);
        }
        raptor_world* w = world_.get();
        raptor_term* s = raptor_new_term_from_counted_uri_string(
            w, reinterpret_cast<const unsigned char*>(subject.data()), subject.size());
        raptor_term* p = raptor_new_term_from_uri(w, term_uri(predicate));
        raptor_term* o;
        if (object.is_iri) {
            o = raptor_new_term_from_counted_uri_string(
                w, reinterpret_cast<const unsigned char*>(object.value.data()),
                object.value.size());
        } else {
            o = raptor_new_term_from_counted_literal(
                w, reinterpret_cast<const unsigned char*>(object.value.data()), object.value.size(),
                object.datatype ? term_uri(*object.datatype) : nullptr, nullptr, 0);
        }
        raptor_statement* st = raptor_new_statement_from_nodes(w, s, p, o, nullptr);
        if (!st || raptor_serializer_serialize_statement(serializer_.get(), st) != 0 ||
            !error_.empty()) {
            if (st) raptor_free_statement(st);
            throw OutputError(
                fmt::format("RDF serializer: {}", error_.empty() ? "failed" : error_));
        }
        raptor_free_statement(st);
        ++in_batch_;
    }

    void finish() {
        if (!serializer_) return;
        raptor_serializer_serialize_end(serializer_.get());
        serializer_.reset();
        if (!error_.empty()) throw OutputError(fmt::format("RDF serializer: {}", error_));
    }

  private:
    void start() {
        static constexpr const char* kNames[] = {"turtle", "ntriples", "rdfxml"};
        serializer_.reset(raptor_new_serializer(world_.get(), kNames[static_cast<int>(syntax_)]));
        if (!serializer_) throw OutputError("cannot create the RDF serializer");
        if (syntax_ != RdfSyntax::NTriples) {
            for (const auto& [prefix, iri] : vocab::kPrefixes) {
                const std::string ns(iri), name(prefix);
                UriPtr uri(raptor_new_uri(world_.get(), bytes(ns)));
                raptor_serializer_set_namespace(serializer_.get(), uri.get(), bytes(name));
            }
        }
        // A file handle and no base IRI: Turtle then writes no @base and only absolute IRIs.
        if (raptor_serializer_start_to_file_handle(serializer_.get(), nullptr, file_) != 0)
            throw OutputError("cannot start the RDF serializer");
        in_batch_ = 0;
    }

    // Terms point into static strings, so the pair of pointers identifies a term cheaply.
    raptor_uri* term_uri(const vocab::Term& term) {
        const auto key = std::make_pair(term.ns.data(), term.local.data());
        auto it = uris_.find(key);
        if (it == uris_.end()) {
            const std::string iri = fmt::format("{}{}", term.ns, term.local);
            it = uris_.emplace(key, UriPtr(raptor_new_uri(world_.get(), bytes(iri)))).first;
        }
        return it->second.get();
    }

    // Declared first so that it is destroyed last: every other Raptor object belongs to it.
    WorldPtr world_;
    std::FILE* file_;
    RdfSyntax syntax_;
    std::size_t batch_;
    std::size_t in_batch_ = 0;
    std::string last_subject_;
    std::string error_;
    std::map<std::pair<const char*, const char*>, UriPtr> uris_;
    SerializerPtr serializer_;
};

}  // namespace

std::size_t write_rdf(const KnowledgeGraph& graph, const AnalysedView* analysed, RdfSyntax syntax,
                      const std::filesystem::path& file, std::size_t turtle_batch) {
    AtomicFile out(file);
    std::size_t triples;
    {
        RaptorSink sink(out.handle(), syntax, turtle_batch);
        triples = emit_triples(graph, analysed, sink);
        sink.finish();
    }
    out.commit();
    return triples;
}

void write_ontology(const std::filesystem::path& file) {
    write_file_atomically(file, kOntologyTurtle);
}

}  // namespace signalkg
