// What kind of thing an entity is: decided from evidence by entity worthiness
// (graph/entity_worthiness.cpp), or set by the configuration's entity_types.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace signalkg {

enum class EntityType : std::uint8_t {
    None,  // not an entity (a term, or not a keyword at all)
    Organization,
    Person,
    Place,
    Product,
    Technology,
    Group,  // a group of people: older workers, employees, hackers
    Topic   // anything else worth tracking: remote work, job cuts, copyright
};
inline constexpr std::string_view kEntityTypeNames[] = {
    "", "Organization", "Person", "Place", "Product", "Technology", "Group", "Topic"};

inline std::string_view entity_type_name(EntityType type) {
    return kEntityTypeNames[static_cast<int>(type)];
}
// The type of a name as entity_type_name spells it, or none.
inline std::optional<EntityType> entity_type_named(std::string_view name) {
    for (int t = 1; t < static_cast<int>(std::size(kEntityTypeNames)); ++t)
        if (kEntityTypeNames[t] == name) return static_cast<EntityType>(t);
    return std::nullopt;
}

}  // namespace signalkg
