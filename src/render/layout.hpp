#pragma once
// Plain-text layout for terminals: display width of UTF-8, word wrapping, aligned tables.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace computefit {

/// Columns `text` takes on a terminal: one per code point (no wide characters in our output).
std::size_t display_width(std::string_view text);

/// Greedy word wrap of one paragraph to `width` columns; a word longer than a line stands alone.
std::vector<std::string> wrap_words(std::string_view text, std::size_t width);

/// An aligned table: cells are plain text; `paint` (optional) colours a cell after padding.
class TextTable {
 public:
  enum class Align { left, right };
  struct Column {
    /// A column titled `header`; `gap_before` spaces before it, the table's gap when unset.
    Column(std::string header, Align align = Align::left,
           std::optional<std::size_t> gap_before = std::nullopt)
        : header(std::move(header)), align(align), gap_before(gap_before) {}
    std::string header;
    Align align;
    std::optional<std::size_t> gap_before;
  };
  /// A cell's colour: returns the padded text wrapped in escape codes, or unchanged.
  using Paint =
      std::function<std::string(std::size_t row, std::size_t column, const std::string& padded)>;

  explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}

  /// Adds a row; missing trailing cells are empty.
  void add_row(std::vector<std::string> cells);
  /// The column that wraps its cells (onto extra lines) when the table is wider than allowed.
  void set_flexible_column(std::size_t column) { flexible_ = column; }
  /// Spaces between columns (2 unless set).
  void set_gap(std::size_t gap) { gap_ = gap; }
  /// Lays the table out in at most `width` columns (when the flexible column allows), each line
  /// starting with `indent` and ending with a newline; no header line when `show_header` is off.
  std::string render(std::size_t width, std::string_view indent, bool show_header,
                     const Paint& paint = nullptr) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
  std::size_t flexible_ = static_cast<std::size_t>(-1);
  std::size_t gap_ = 2;
};

}  // namespace computefit
