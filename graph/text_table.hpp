// Many short texts in one buffer, by index: IRIs and labels for the exporters, which read them
// in edge order, all over the graph. One load finds a text (a std::string per text costs two
// cache misses, its header and then its bytes), and texts made in order lie in order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace signalkg {

class TextTable {
  public:
    // Text i is the text appended since push i - 1.
    std::string& buffer() { return text_; }
    void push() { ends_.push_back(text_.size()); }
    void push(std::string_view text) { text_ += text, push(); }
    void reserve(std::size_t texts) { ends_.reserve(texts); }

    std::string_view operator[](std::size_t i) const {
        const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
        return std::string_view(text_).substr(begin, ends_[i] - begin);
    }
    std::size_t size() const { return ends_.size(); }

  private:
    std::string text_;
    std::vector<std::size_t> ends_;
};

}  // namespace signalkg
