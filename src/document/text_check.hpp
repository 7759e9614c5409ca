#pragma once
// The bytes of a spec before YAML sees them: UTF-8 only, no control characters.

#include <optional>
#include <string>
#include <string_view>

#include "document/diagnostic.hpp"

namespace computefit {

struct TextProblem {
  SourceMark mark;
  std::string message;
};

/// The first invalid UTF-8 sequence or control character (other than tab, CR and LF), if any.
/// A UTF-8 byte-order mark at the start is allowed.
std::optional<TextProblem> check_text(std::string_view text);

}  // namespace computefit
