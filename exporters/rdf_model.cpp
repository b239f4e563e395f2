#include "exporters/rdf_model.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace signalkg {

namespace {

namespace t = vocab::term;

// The class and predicate terms named after the graph's kinds (sk:Signal, sk:reportsSignal ...).
vocab::Term class_of(NodeKind kind) {
    return {vocab::kSk, node_kind_name(kind)};
}
vocab::Term predicate_of(EdgeKind kind) {
    return {vocab::kSk, edge_kind_name(kind)};
}

class Emitter {
  public:
    Emitter(const KnowledgeGraph& kg, const AnalysedView* analysed, const FullViewPart& part,
            TripleSink& sink)
        : kg_(kg), g_(kg.graph()), part_(part), sink_(sink), seen_(boost::num_vertices(g_), 0) {
        for (int k = 0; k < kNodeKinds; ++k) {
            const vocab::Term type = class_of(static_cast<NodeKind>(k));
            class_iris_[k] = fmt::format("{}{}", type.ns, type.local);
        }
        for (std::size_t t = 1; t < std::size(kEntityTypeNames); ++t)
            type_iris_[t] = fmt::format("{}{}", vocab::kSk, kEntityTypeNames[t]);
        if (analysed) {
            if (part.whole()) {
                own_view_index_ = entity_view_index(kg, analysed->view);
                view_index_ = own_view_index_;
            } else {
                view_index_ = part.view_index;
            }
            measures_ = measure_columns(analysed->analysis);
        }
    }

    std::size_t run() {
        std::size_t outside = 0;
        const auto& outside_links = kg_.outside_links();
        for (Vertex v = 0; v < boost::num_vertices(g_); ++v) {
            subject_ = kg_.iri(v);
            const NodeProperties& node = g_[v];
            if (!part_.whole() && !part_.writes[v]) {
                // Written by another rank, but for the driving forces this one's reports give it.
                if (node.kind == NodeKind::Signal) out_edges(v, EdgeKind::DrivenBy);
                continue;
            }
            iri(t::type, class_iris_[static_cast<int>(node.kind)]);
            if (node.kind == NodeKind::Entity && node.type != EntityType::None)
                iri(t::type, type_iris_[static_cast<int>(node.type)]);
            if (node.kind == NodeKind::Article) {
                article(node.report, outside_links, outside);
                continue;
            }
            literal(t::label, node.label);
            for (const std::string& alt : node.alt_labels)
                literal(t::alt_label, alt);
            if (is_term_kind(node.kind)) {
                literal(
                    t::article_count,
                    std::to_string(part_.whole() ? node.articles.size() : part_.article_count[v]),
                    &vocab::xsd_integer);
            }
            if (node.kind == NodeKind::Entity) {
                if (part_.whole()) {
                    seen_dates(node);
                } else {
                    literal(t::first_seen, part_.first_seen[v], &vocab::xsd_date);
                    literal(t::last_seen, part_.last_seen[v], &vocab::xsd_date);
                }
                if (!measures_.empty()) measures(view_index_[v]);
            }
            if (is_statement_kind(node.kind) && name_derived(v))
                literal(t::name_derived, "true", &vocab::xsd_boolean);
            out_edges(v);
        }
        return triples_;
    }

  private:
    void emit(const vocab::Term& p, const RdfObject& o) {
        sink_.triple(subject_, p, o);
        ++triples_;
    }
    void iri(const vocab::Term& p, std::string_view object) { emit(p, {object, true, nullptr}); }
    void literal(const vocab::Term& p, std::string_view value, const vocab::Term* type = nullptr) {
        if (!value.empty()) emit(p, {value, false, type});
    }

    // One triple per distinct (predicate, target) among the out-edges (of kind `only`, when
    // given), in first-seen order. seen_ marks targets met from this vertex, so only a repeated
    // target is searched for.
    void out_edges(Vertex v, std::optional<EdgeKind> only = {}) {
        targets_.clear();
        ++epoch_;
        for (const Edge e : boost::make_iterator_range(boost::out_edges(v, g_))) {
            if (only && g_[e].kind != *only) continue;
            const Vertex target = boost::target(e, g_);
            const auto item = std::make_pair(g_[e].kind, target);
            if (seen_[target] != epoch_ ||
                std::find(targets_.begin(), targets_.end(), item) == targets_.end())
                targets_.push_back(item);
            seen_[target] = epoch_;
        }
        for (const auto& [kind, target] : targets_)
            iri(predicate_of(kind), kg_.iri(target));
    }

    void measures(std::uint32_t v) {
        for (const MeasureColumn& m : measures_) {
            const vocab::Term term{vocab::kSk, m.rdf_name};
            if (m.real) literal(term, fmt::format("{}", (*m.real)[v]), &vocab::xsd_double);
            if (m.integer) literal(term, std::to_string((*m.integer)[v]), &vocab::xsd_integer);
            if (m.text && !(*m.text)[v].empty()) literal(term, (*m.text)[v], nullptr);
        }
    }

    bool name_derived(Vertex v) const {
        return part_.whole() ? named_from_rows(kg_, v) : part_.name_derived[v] != 0;
    }

    void seen_dates(const NodeProperties& node) {
        std::string_view first, last;
        for (const std::uint32_t r : node.articles) {
            const std::string_view date = kg_.reports()[r].date;
            if (date.empty()) continue;
            if (first.empty() || date < first) first = date;
            if (last.empty() || date > last) last = date;
        }
        literal(t::first_seen, first, &vocab::xsd_date);
        literal(t::last_seen, last, &vocab::xsd_date);
    }

    void extras(const std::string& owner, const std::vector<ExtraField>& fields) {
        for (std::size_t k = 0; k < fields.size(); ++k)
            iri(t::extra, fmt::format("{}/extra/{}", owner, k + 1));
        const std::string saved = std::move(subject_);
        for (std::size_t k = 0; k < fields.size(); ++k) {
            subject_ = fmt::format("{}/extra/{}", owner, k + 1);
            iri(t::type, fmt::format("{}{}", t::ExtraField.ns, t::ExtraField.local));
            literal(t::field_name, fields[k].name);
            literal(t::field_value, fields[k].value);
        }
        subject_ = saved;
    }

    void article(std::uint32_t r, const std::vector<std::pair<std::uint32_t, std::string>>& outside,
                 std::size_t& next_outside) {
        const Report& report = kg_.reports()[r];
        const std::string article_iri = subject_;
        literal(t::identifier, report.id);
        literal(t::title, report.title);
        // The RDF term of each of kArticleAttributes, in its order.
        static constexpr const vocab::Term* kTerms[] = {&t::page, &t::date,         &t::page_url,
                                                        &t::url,  &t::article_type, &t::abstract};
        static_assert(std::size(kTerms) == std::size(kArticleAttributes));
        for (std::size_t i = 0; i < std::size(kTerms); ++i) {
            const ArticleAttribute& a = kArticleAttributes[i];
            literal(*kTerms[i], report.*a.field,
                    a.type == ArticleAttribute::Type::Date  ? &vocab::xsd_date
                    : a.type == ArticleAttribute::Type::Url ? &vocab::xsd_any_uri
                                                            : nullptr);
        }
        out_edges(kg_.article_vertex(r));
        for (; next_outside < outside.size() && outside[next_outside].first == r; ++next_outside)
            iri(predicate_of(EdgeKind::SimilarTo), outside[next_outside].second);
        observation_iris_.clear();
        for (std::uint32_t s = 0; s < report.statements.size(); ++s) {
            observation_iris_.push_back(kg_.observation_iri(r, s));
            iri(t::has_observation, observation_iris_.back());
        }
        extras(article_iri, report.extra);

        // Observations: what this article said about each statement.
        for (const Edge e :
             boost::make_iterator_range(boost::out_edges(kg_.article_vertex(r), g_))) {
            const EdgeProperties& ep = g_[e];
            if (ep.statement == kNone) continue;
            const Statement& st = report.statements[ep.statement];
            const std::string& observation = observation_iris_[ep.statement];
            subject_ = observation;
            iri(t::type, observation_class_);
            iri(t::observed_in, article_iri);
            iri(t::statement, kg_.iri(boost::target(e, g_)));
            static constexpr const vocab::Term* kTexts[] = {&t::description, &t::change,
                                                            &t::outlook};
            static_assert(std::size(kTexts) == std::size(kObservationTexts));
            for (std::size_t i = 0; i < std::size(kTexts); ++i)
                literal(*kTexts[i], st.*kObservationTexts[i].field);
            if (st.relevancy)
                literal(t::relevancy, std::to_string(*st.relevancy), &vocab::xsd_integer);
            if (const std::uint32_t force = kg_.observation_force(r, ep.statement); force != kNone)
                iri(t::driving_force, kg_.iri(force));
            extras(observation, st.extra);
        }
    }

    const KnowledgeGraph& kg_;
    const Graph& g_;
    const FullViewPart& part_;
    TripleSink& sink_;
    std::string subject_;
    std::size_t triples_ = 0;
    std::vector<std::pair<EdgeKind, Vertex>> targets_;
    std::vector<std::uint32_t> seen_;  // vertex -> the epoch_ it was last a target in
    std::uint32_t epoch_ = 0;
    std::array<std::string, kNodeKinds> class_iris_;
    std::array<std::string, std::size(kEntityTypeNames)> type_iris_;  // sk:Organization ...
    const std::string observation_class_ =
        fmt::format("{}{}", t::Observation.ns, t::Observation.local);
    std::vector<std::string> observation_iris_;  // of the current article
    std::vector<std::uint32_t> own_view_index_;
    std::span<const std::uint32_t> view_index_;
    std::vector<MeasureColumn> measures_;
};

}  // namespace

bool named_from_rows(const KnowledgeGraph& kg, Vertex statement) {
    const Graph& g = kg.graph();
    for (const Edge e : boost::make_iterator_range(boost::in_edges(statement, g))) {
        const EdgeProperties& ep = g[e];
        if (ep.statement != kNone && ep.kind != EdgeKind::DrivenBy &&
            kg.observation(ep).name_derived)
            return true;
    }
    return false;
}

std::size_t emit_triples(const KnowledgeGraph& graph, const AnalysedView* analysed,
                         TripleSink& sink, const FullViewPart& part) {
    return Emitter(graph, analysed, part, sink).run();
}

}  // namespace signalkg
