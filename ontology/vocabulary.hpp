// The IRIs of every term signalkg writes; ontology/signalkg.ttl declares each of them.
#pragma once

#include <string_view>

namespace signalkg::vocab {

inline constexpr std::string_view kSk = "https://w3id.org/signalkg/ontology#";
inline constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
inline constexpr std::string_view kOwl = "http://www.w3.org/2002/07/owl#";
inline constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";
inline constexpr std::string_view kSkos = "http://www.w3.org/2004/02/skos/core#";
inline constexpr std::string_view kDcterms = "http://purl.org/dc/terms/";
inline constexpr std::string_view kProv = "http://www.w3.org/ns/prov#";
inline constexpr std::string_view kSchema = "https://schema.org/";

// Prefixes written in Turtle and RDF/XML and predeclared for SPARQL.
struct Prefix {
    std::string_view prefix;
    std::string_view iri;
};
inline constexpr Prefix kPrefixes[] = {{"sk", kSk},           {"rdf", kRdf},   {"rdfs", kRdfs},
                                       {"owl", kOwl},         {"xsd", kXsd},   {"skos", kSkos},
                                       {"dcterms", kDcterms}, {"prov", kProv}, {"schema", kSchema}};

// A term is a namespace and a local name; writers concatenate them.
struct Term {
    std::string_view ns;
    std::string_view local;
};

namespace term {
inline constexpr Term type{kRdf, "type"};
inline constexpr Term label{kRdfs, "label"};
inline constexpr Term alt_label{kSkos, "altLabel"};
inline constexpr Term title{kDcterms, "title"};
inline constexpr Term identifier{kDcterms, "identifier"};
inline constexpr Term date{kDcterms, "date"};
inline constexpr Term abstract{kDcterms, "abstract"};
inline constexpr Term url{kSchema, "url"};
inline constexpr Term page{kSk, "page"};
inline constexpr Term page_url{kSk, "pageUrl"};
inline constexpr Term article_type{kSk, "articleType"};
inline constexpr Term article_count{kSk, "articleCount"};
inline constexpr Term first_seen{kSk, "firstSeen"};
inline constexpr Term last_seen{kSk, "lastSeen"};
inline constexpr Term name_derived{kSk, "nameDerived"};
inline constexpr Term observed_in{kSk, "observedIn"};
inline constexpr Term statement{kSk, "statement"};
inline constexpr Term description{kSk, "description"};
inline constexpr Term change{kSk, "change"};
inline constexpr Term outlook{kSk, "outlook"};
inline constexpr Term relevancy{kSk, "relevancy"};
inline constexpr Term driving_force{kSk, "drivingForce"};
inline constexpr Term has_observation{kSk, "hasObservation"};
inline constexpr Term extra{kSk, "extra"};
inline constexpr Term field_name{kSk, "fieldName"};
inline constexpr Term field_value{kSk, "fieldValue"};

inline constexpr Term Observation{kSk, "Observation"};
inline constexpr Term ExtraField{kSk, "ExtraField"};
}  // namespace term

// xsd datatypes of typed literals.
inline constexpr Term xsd_integer{kXsd, "integer"};
inline constexpr Term xsd_boolean{kXsd, "boolean"};
inline constexpr Term xsd_date{kXsd, "date"};
inline constexpr Term xsd_double{kXsd, "double"};
inline constexpr Term xsd_any_uri{kXsd, "anyURI"};

}  // namespace signalkg::vocab
