#include "readers/naming.hpp"

#include <vector>

#include "readers/terraform/plan.hpp"

namespace computefit::readers {
namespace {

bool upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool lower_or_digit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

constexpr std::size_t kMaxNameLength = 63;

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (;;) {
    const std::size_t at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 1);
  }
  return parts;
}

}  // namespace

std::string kebab_case(std::string_view id) {
  std::string out;
  const auto dash = [&] {
    if (!out.empty() && out.back() != '-') out += '-';
  };
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    if (upper(c)) {
      const bool after_lower = i > 0 && lower_or_digit(id[i - 1]);
      const bool ends_capital_run =
          i > 0 && upper(id[i - 1]) && i + 1 < id.size() && id[i + 1] >= 'a' && id[i + 1] <= 'z';
      if (after_lower || ends_capital_run) dash();
      out += static_cast<char>(c - 'A' + 'a');
    } else if (lower_or_digit(c)) {
      out += c;
    } else {
      dash();
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > kMaxNameLength) {
    out.resize(kMaxNameLength);
    while (!out.empty() && out.back() == '-') out.pop_back();
  }
  return out;
}

std::string terraform_service_name(std::string_view address) {
  const std::string plain = configuration_address(address);
  const std::vector<std::string_view> parts = split(plain, '.');
  std::string name;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (parts[i] == "module") {
      name += std::string(parts[i + 1]) + "-";
      ++i;
    }
  }
  name += std::string(parts.back());
  return kebab_case(name);
}

std::string cdk_service_name(std::string_view cdk_path) {
  std::vector<std::string_view> parts = split(cdk_path, '/');
  while (parts.size() > 1 && (parts.back() == "Resource" || parts.back() == "Default")) {
    parts.pop_back();
  }
  return kebab_case(parts.back());
}

}  // namespace computefit::readers
