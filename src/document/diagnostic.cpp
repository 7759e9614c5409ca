#include "document/diagnostic.hpp"

#include <fmt/format.h>

namespace computefit {

std::string format_diagnostic(const Diagnostic& diagnostic) {
  if (!diagnostic.mark.known())
    return fmt::format("{}: error: {}", diagnostic.file, diagnostic.message);
  return fmt::format("{}:{}:{}: error: {}", diagnostic.file, diagnostic.mark.line,
                     diagnostic.mark.column, diagnostic.message);
}

}  // namespace computefit
