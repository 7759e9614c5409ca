#pragma once
// Escaping shared by the formats that embed text in HTML (html, and markdown's <details>).

#include <string>
#include <string_view>

namespace computefit {

/// `text` safe in HTML element content and attribute values: & < > " ' as entities.
std::string escape_html(std::string_view text);

}  // namespace computefit
