#include "ingest/report.hpp"

#include <cstring>

namespace signalkg {

char* TextStore::allocate(std::size_t size) {
    return blocks_.emplace_back(std::make_unique_for_overwrite<char[]>(size)).get();
}

std::string_view TextStore::keep(std::string_view text) {
    if (text.empty()) return {};
    char* block = allocate(text.size());
    std::memcpy(block, text.data(), text.size());
    return {block, text.size()};
}

namespace {

// Calls visit(field) for every text field of a report.
template <typename Visit>
void for_each_text(ReportFields& r, const Visit& visit) {
    for (std::string_view* field : {&r.id, &r.path, &r.title, &r.page, &r.date, &r.page_url,
                                    &r.external_url, &r.category, &r.type, &r.summary})
        visit(*field);
    for (std::string_view& keyword : r.keywords)
        visit(keyword);
    for (std::string_view& theme : r.themes)
        visit(theme);
    const auto extras = [&](std::vector<ExtraField>& extra) {
        for (ExtraField& field : extra) {
            visit(field.name);
            visit(field.value);
        }
    };
    for (Statement& s : r.statements) {
        for (std::string_view* field :
             {&s.name, &s.description, &s.change, &s.outlook, &s.driving_force})
            visit(*field);
        extras(s.extra);
    }
    for (Link& link : r.closest) {
        visit(link.title);
        visit(link.target);
    }
    extras(r.extra);
}

}  // namespace

void Report::own_texts() {
    std::size_t size = 0;
    for_each_text(*this, [&](std::string_view text) { size += text.size(); });
    TextStore owned;
    char* next = owned.allocate(size);
    for_each_text(*this, [&](std::string_view& text) {
        if (!text.empty()) std::memcpy(next, text.data(), text.size());
        text = {next, text.size()};
        next += text.size();
    });
    storage_ = std::move(owned);  // the old blocks go only now: fields may have been in them
}

Report::Report(const Report& other) : ReportFields(other) {
    own_texts();
}

Report& Report::operator=(const Report& other) {
    ReportFields::operator=(other);
    own_texts();
    return *this;
}

}  // namespace signalkg
