// A small binary encoding for what ranks send each other: unsigned integers (LEB128) and texts
// (a length, then the bytes). Reading checks every length against what is left, so a short or
// damaged message is an error, never a read past its end.
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

namespace signalkg::distributed {

struct WireError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class WireWriter {
  public:
    explicit WireWriter(std::string& out) : out_(out) {}
    void number(std::uint64_t value) {
        while (value >= 0x80) {
            out_ += static_cast<char>((value & 0x7f) | 0x80);
            value >>= 7;
        }
        out_ += static_cast<char>(value);
    }
    void text(std::string_view value) {
        number(value.size());
        out_ += value;
    }
    void real(double value) {  // its bits, exactly
        std::uint64_t bits;
        std::memcpy(&bits, &value, sizeof bits);
        number(bits);
    }

  private:
    std::string& out_;
};

class WireReader {
  public:
    explicit WireReader(std::string_view in) : in_(in) {}
    bool done() const { return at_ == in_.size(); }
    std::size_t left() const { return in_.size() - at_; }
    std::uint64_t number() {
        std::uint64_t value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at_ == in_.size()) throw WireError("message ends inside a number");
            const auto byte = static_cast<unsigned char>(in_[at_++]);
            value |= std::uint64_t{byte & 0x7fu} << shift;
            if (byte < 0x80) return value;
        }
        throw WireError("number longer than 64 bits");
    }
    std::uint32_t number32() {
        const std::uint64_t value = number();
        if (value > UINT32_MAX) throw WireError("number out of range");
        return static_cast<std::uint32_t>(value);
    }
    double real() {
        const std::uint64_t bits = number();
        double value;
        std::memcpy(&value, &bits, sizeof value);
        return value;
    }
    // A view into the message, valid while it lives.
    std::string_view text() {
        const std::uint64_t size = number();
        if (size > in_.size() - at_) throw WireError("message ends inside a text");
        const std::string_view value = in_.substr(at_, size);
        at_ += size;
        return value;
    }

  private:
    std::string_view in_;
    std::size_t at_ = 0;
};

}  // namespace signalkg::distributed
