#include "render/layout.hpp"

#include <algorithm>

namespace computefit {

namespace {

// A wrapped column never gets narrower than this, even if the table then overflows.
constexpr std::size_t kMinFlexibleWidth = 12;

std::string pad(const std::string& text, std::size_t width, TextTable::Align align) {
  const std::size_t used = display_width(text);
  const std::string fill(width > used ? width - used : 0, ' ');
  return align == TextTable::Align::left ? text + fill : fill + text;
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;  // not a continuation byte
  }
  return width;
}

std::vector<std::string> wrap_words(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = text.find_first_not_of(' ', pos);
    if (start == std::string_view::npos) break;
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (!line.empty() && display_width(line) + 1 + display_width(word) > width) {
      lines.push_back(std::move(line));
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
    pos = end;
  }
  if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  rows_.push_back(std::move(cells));
}

std::string TextTable::render(std::size_t width, std::string_view indent, bool show_header,
                              const Paint& paint) const {
  const std::size_t n = columns_.size();
  auto gap_before = [&](std::size_t c) -> std::size_t {
    return c == 0 ? 0 : columns_[c].gap_before.value_or(gap_);
  };
  std::vector<std::size_t> widths(n, 0);
  for (std::size_t c = 0; c < n; ++c) {
    if (show_header) widths[c] = display_width(columns_[c].header);
    for (const auto& row : rows_) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  // Empty trailing columns take no room.
  std::size_t last = n;
  while (last > 0 && widths[last - 1] == 0) --last;

  std::size_t total = display_width(indent);
  for (std::size_t c = 0; c < last; ++c) total += widths[c] + gap_before(c);
  if (total > width && flexible_ < last) {
    const std::size_t others = total - widths[flexible_];
    const std::size_t room = width > others ? width - others : 0;
    widths[flexible_] = std::max({room, kMinFlexibleWidth, std::size_t{1}});
    widths[flexible_] = std::min(widths[flexible_], total - others);
  }

  std::string out;
  auto emit = [&](std::size_t row_index, const std::vector<std::string>& cells, bool header) {
    std::vector<std::vector<std::string>> pieces(last);
    std::size_t height = 1;
    for (std::size_t c = 0; c < last; ++c) {
      pieces[c] = c == flexible_ && display_width(cells[c]) > widths[c]
                      ? wrap_words(cells[c], widths[c])
                      : std::vector<std::string>{cells[c]};
      height = std::max(height, pieces[c].size());
    }
    for (std::size_t line = 0; line < height; ++line) {
      std::string text(indent);
      for (std::size_t c = 0; c < last; ++c) {
        text.append(gap_before(c), ' ');
        const std::string& piece = line < pieces[c].size() ? pieces[c][line] : std::string();
        std::string padded = pad(piece, widths[c], columns_[c].align);
        if (paint && !header && line == 0) padded = paint(row_index, c, padded);
        text += padded;
      }
      while (!text.empty() && text.back() == ' ') text.pop_back();
      out += text;
      out += '\n';
    }
  };
  if (show_header) {
    std::vector<std::string> headers;
    for (const Column& column : columns_) headers.push_back(column.header);
    emit(0, headers, true);
  }
  for (std::size_t r = 0; r < rows_.size(); ++r) emit(r, rows_[r], false);
  return out;
}

}  // namespace computefit
