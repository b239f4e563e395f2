#include "exporters/rdf.hpp"

#include <deque>

#include <fmt/format.h>

#include "exporters/atomic_file.hpp"
#include "exporters/buffered_file.hpp"
#include "exporters/rdf_model.hpp"
#include "ontology/ontology_text.hpp"
#include "text/escape.hpp"

namespace signalkg {

namespace {

// Written as they are: every IRI of the graph is the configured base (checked to hold nothing
// IRIREF forbids) plus percent-encoded segments (KnowledgeGraph::iri, article_iri).
void iri(std::string& out, std::string_view value) {
    out += '<';
    out += value;
    out += '>';
}

void prefixed(std::string& out, const vocab::Term& term) {
    for (const auto& [prefix, ns] : vocab::kPrefixes) {
        if (ns == term.ns) {
            out.append(prefix).append(":").append(term.local);
            return;
        }
    }
    out += '<';
    out.append(term.ns).append(term.local);
    out += '>';
}

void full(std::string& out, const vocab::Term& term) {
    out += '<';
    out.append(term.ns).append(term.local);
    out += '>';
}

// A streaming writer: triples arrive grouped by subject (rdf_model.hpp), so Turtle's
// predicate lists and RDF/XML's descriptions need no buffering beyond the current subject.
// A piece (of a partitioned build's rank) has neither the document's head nor its tail.
class StreamingWriter final : public TripleSink {
  public:
    StreamingWriter(BufferedFile& out, RdfSyntax syntax, bool document)
        : out_(out), syntax_(syntax), document_(document) {
        if (document_) out_.buffer() += rdf_head(syntax_);
    }

    void triple(std::string_view subject, const vocab::Term& predicate,
                const RdfObject& object) override {
        switch (syntax_) {
            case RdfSyntax::NTriples:
                ntriple(subject, predicate, object);
                break;
            case RdfSyntax::Turtle:
                turtle(subject, predicate, object);
                break;
            case RdfSyntax::RdfXml:
                rdfxml(subject, predicate, object);
                break;
        }
        out_ << std::string_view();  // flushes a full buffer
    }

    void finish() {
        std::string& b = out_.buffer();
        if (syntax_ == RdfSyntax::Turtle && !subject_.empty()) b += " .\n";
        if (syntax_ == RdfSyntax::RdfXml && !subject_.empty()) b += "  </rdf:Description>\n";
        if (document_) b += rdf_tail(syntax_);
    }

  private:
    void literal(std::string& b, const RdfObject& o, bool turtle) {
        b += '"';
        append_ntriples_string_escaped(b, o.value);
        b += '"';
        if (!o.datatype) return;
        b += "^^";
        turtle ? prefixed(b, *o.datatype) : full(b, *o.datatype);
    }

    void ntriple(std::string_view s, const vocab::Term& p, const RdfObject& o) {
        std::string& b = out_.buffer();
        iri(b, s);
        b += ' ';
        full(b, p);
        b += ' ';
        o.is_iri ? iri(b, o.value) : literal(b, o, false);
        b += " .\n";
    }

    void turtle(std::string_view s, const vocab::Term& p, const RdfObject& o) {
        std::string& b = out_.buffer();
        const bool same_predicate = s == subject_ && p.ns.data() == predicate_.ns.data() &&
                                    p.local.data() == predicate_.local.data();
        if (s != subject_) {
            if (!subject_.empty()) b += " .\n\n";
            iri(b, s);
            b += "\n    ";
            subject_.assign(s);
        } else if (same_predicate) {
            b += ", ";
        } else {
            b += " ;\n    ";
        }
        if (!same_predicate) {
            p.ns == vocab::kRdf&& p.local == "type" ? void(b += 'a') : prefixed(b, p);
            b += ' ';
            predicate_ = p;
        }
        o.is_iri ? iri(b, o.value) : literal(b, o, true);
    }

    void rdfxml(std::string_view s, const vocab::Term& p, const RdfObject& o) {
        std::string& b = out_.buffer();
        if (s != subject_) {
            if (!subject_.empty()) b += "  </rdf:Description>\n";
            b += "  <rdf:Description rdf:about=\"";
            append_xml_escaped(b, s);
            b += "\">\n";
            subject_.assign(s);
        }
        b += "    <";
        prefixed(b, p);  // every predicate signalkg writes is in a declared namespace
        if (o.is_iri) {
            b += " rdf:resource=\"";
            append_xml_escaped(b, o.value);
            b += "\"/>\n";
            return;
        }
        if (o.datatype) {
            b += " rdf:datatype=\"";
            b.append(o.datatype->ns).append(o.datatype->local);
            b += '"';
        }
        b += '>';
        append_xml_escaped(b, o.value);
        b += "</";
        prefixed(b, p);
        b += ">\n";
    }

    BufferedFile& out_;
    RdfSyntax syntax_;
    bool document_;
    std::string subject_;
    vocab::Term predicate_{};
};

}  // namespace

std::size_t write_rdf(const KnowledgeGraph& graph, const AnalysedView* analysed, RdfSyntax syntax,
                      const std::filesystem::path& file) {
    return write_rdf(graph, analysed, {{syntax, file}});
}

std::string rdf_head(RdfSyntax syntax) {
    std::string b;
    if (syntax == RdfSyntax::Turtle) {
        for (const auto& [prefix, ns] : vocab::kPrefixes)
            b += fmt::format("@prefix {}: <{}> .\n", prefix, ns);
        b += '\n';
    } else if (syntax == RdfSyntax::RdfXml) {
        b += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF";
        for (const auto& [prefix, ns] : vocab::kPrefixes)
            b += fmt::format("\n   xmlns:{}=\"{}\"", prefix, ns);
        b += ">\n";
    }
    return b;
}

std::string rdf_tail(RdfSyntax syntax) {
    return syntax == RdfSyntax::RdfXml ? "</rdf:RDF>\n" : "";
}

std::size_t write_rdf(const KnowledgeGraph& graph, const AnalysedView* analysed,
                      const std::vector<RdfFile>& files, DeferredCommits* deferred,
                      const FullViewPart& part) {
    // Each triple is made once and handed to every file's writer.
    struct FanOut final : TripleSink {
        void triple(std::string_view subject, const vocab::Term& predicate,
                    const RdfObject& object) override {
            for (StreamingWriter& writer : writers)
                writer.triple(subject, predicate, object);
        }
        std::deque<BufferedFile> outs;  // a deque: writers keep references
        std::deque<StreamingWriter> writers;
    } fan_out;
    for (const auto& [syntax, file] : files)
        fan_out.writers.emplace_back(fan_out.outs.emplace_back(file, deferred), syntax,
                                     part.whole());
    const std::size_t triples = emit_triples(graph, analysed, fan_out, part);
    for (std::size_t i = 0; i < files.size(); ++i) {
        fan_out.writers[i].finish();
        fan_out.outs[i].commit();
    }
    return triples;
}

void write_ontology(const std::filesystem::path& file, DeferredCommits* deferred) {
    write_file_atomically(file, kOntologyTurtle, false, deferred);
}

}  // namespace signalkg
