#pragma once
// JSON into a located Document (RapidJSON's SAX reader, parsed in place and iteratively: a 50 MB
// Terraform plan costs its bytes once, and nesting cannot overflow the stack).

#include <string>
#include <string_view>

#include "document/document.hpp"

namespace computefit::readers {

/// Parses `text` (the contents of `file`) as JSON. Numbers keep their text. Fails with a located
/// diagnostic on a syntax error, invalid UTF-8, or a document beyond the limits table's bounds.
DocumentResult read_json_document(std::string file, std::string_view text);

}  // namespace computefit::readers
