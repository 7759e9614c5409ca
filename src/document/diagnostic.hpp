#pragma once
// Problems found in user input, collected as values and printed as FILE:LINE:COLUMN: error: ...

#include <cstdint>
#include <string>
#include <vector>

namespace computefit {

/// A 1-based position in a source file; line 0 means "no position known". `file` tells which
/// file when values from several meet (a template and its overlay): an index into the file table
/// of whatever holds the mark (a document's files(), a spec's files), 0 for its own file.
struct SourceMark {
  int line = 0;
  int column = 0;
  std::uint16_t file = 0;
  bool known() const { return line > 0; }
};

/// One problem in an input file. `code` is stable (e.g. "unknown-key") so tests and tools can
/// match on it; `message` is for people.
struct Diagnostic {
  std::string file;
  SourceMark mark;
  std::string code;
  std::string message;
};

/// "FILE:LINE:COLUMN: error: message" (or "FILE: error: message" without a position).
std::string format_diagnostic(const Diagnostic& diagnostic);

using Diagnostics = std::vector<Diagnostic>;

}  // namespace computefit
