#include "distributed/report_wire.hpp"

#include <optional>
#include <vector>

namespace signalkg::distributed {

namespace {

// Every field of a report, in one order, for both directions: `Io` writes (Encode) or reads
// (Decode) each. One list of fields, so the two cannot disagree.
template <typename R, typename Io>
void fields(R& r, Io& io) {
    for (auto* field : {&r.id, &r.path, &r.title, &r.page, &r.date, &r.page_url, &r.external_url,
                        &r.category, &r.type, &r.summary})
        io.text(*field);
    io.list(r.keywords, [&](auto& keyword) { io.text(keyword); });
    io.list(r.themes, [&](auto& theme) { io.text(theme); });
    const auto extras = [&](auto& extra) {
        io.list(extra, [&](auto& field) {
            io.text(field.name);
            io.text(field.value);
        });
    };
    io.list(r.statements, [&](auto& s) {
        io.integer(s.kind);
        io.integer(s.name_derived);
        io.integer(s.line);
        io.optional(s.relevancy);
        for (auto* field : {&s.name, &s.description, &s.change, &s.outlook, &s.driving_force})
            io.text(*field);
        extras(s.extra);
    });
    io.list(r.closest, [&](auto& link) {
        io.text(link.title);
        io.text(link.target);
        io.integer(link.line);
    });
    extras(r.extra);
}

// Signed values as unsigned, small either way (zigzag).
std::uint64_t zigzag(std::int64_t v) {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t unzigzag(std::uint64_t v) {
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

struct Encode {
    WireWriter out;
    void text(std::string_view value) { out.text(value); }
    template <typename T>
    void integer(const T& value) {
        out.number(zigzag(static_cast<std::int64_t>(value)));
    }
    void optional(const std::optional<int>& value) {
        out.number(value ? 1 : 0);
        if (value) integer(*value);
    }
    template <typename T, typename Each>
    void list(const std::vector<T>& items, const Each& each) {
        out.number(items.size());
        for (const T& item : items)
            each(item);
    }
};

struct Decode {
    WireReader& in;
    void text(std::string_view& value) { value = in.text(); }
    template <typename T>
    void integer(T& value) {
        value = static_cast<T>(unzigzag(in.number()));
    }
    void optional(std::optional<int>& value) {
        if (in.number() == 0) return value.reset();
        int v = 0;
        integer(v);
        value = v;
    }
    template <typename T, typename Each>
    void list(std::vector<T>& items, const Each& each) {
        const std::uint64_t size = in.number();
        // Every item takes a byte at least: a damaged count cannot make a huge allocation.
        if (size > in.left()) throw WireError("list longer than its message");
        items.resize(size);
        for (T& item : items)
            each(item);
    }
};

}  // namespace

void encode_file(std::size_t file, const ParsedReports& parsed, std::string& out) {
    Encode io{WireWriter(out)};
    io.out.number(file);
    io.list(parsed.diagnostics, [&](const Diagnostic& d) {
        io.text(d.file);
        io.integer(d.line);
        io.text(d.message);
    });
    io.list(parsed.reports, [&](const Report& report) { fields(report, io); });
}

std::size_t decode_file(WireReader& in, ParsedReports& parsed) {
    Decode io{in};
    const std::uint64_t file = in.number();
    io.list(parsed.diagnostics, [&](Diagnostic& d) {
        d.file = in.text();
        io.integer(d.line);
        d.message = in.text();
    });
    io.list(parsed.reports, [&](Report& report) {
        fields(report, io);
        report.own_texts();  // off the message, which goes once the file is read
    });
    return static_cast<std::size_t>(file);
}

}  // namespace signalkg::distributed
