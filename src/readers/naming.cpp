#include "readers/naming.hpp"

#include <map>
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

namespace {

// The construct names that can name a resource, outermost first: the path without its stack and
// without the names the CDK generates below the construct a user declared.
std::vector<std::string_view> telling_names(const CdkResourcePath& resource) {
  std::vector<std::string_view> parts = split(resource.path, '/');
  const std::string_view stack = parts.front();
  if (parts.size() > 1) parts.erase(parts.begin());
  const auto generated = [](std::string_view name) {
    return name == "Resource" || name == "Default";
  };
  while (parts.size() > 1 && generated(parts.back())) parts.pop_back();
  while (parts.size() > 1 && parts.back() == parts[parts.size() - 2]) parts.pop_back();
  const std::size_t type_word = resource.type.rfind("::");
  if (parts.size() > 1 && type_word != std::string_view::npos &&
      parts.back() == resource.type.substr(type_word + 2)) {
    parts.pop_back();
  }
  parts.insert(parts.begin(), stack);  // the last resort between two stacks
  return parts;
}

std::string joined_tail(const std::vector<std::string_view>& parts, std::size_t count) {
  std::string name;
  for (std::size_t i = parts.size() - count; i < parts.size(); ++i) {
    if (!name.empty()) name += '-';
    name += kebab_case(parts[i]);
  }
  return kebab_case(name);
}

}  // namespace

std::vector<std::string> cdk_service_names(const std::vector<CdkResourcePath>& resources) {
  std::vector<std::vector<std::string_view>> parts;
  std::vector<std::size_t> taken(resources.size(), 1);
  std::vector<std::string> names;
  for (const CdkResourcePath& r : resources) {
    parts.push_back(telling_names(r));
    names.push_back(joined_tail(parts.back(), 1));
  }
  // Each round lengthens every name that still collides and can grow; a round that grows none
  // leaves the rest as they are (two identical paths stay identical, and the spec says so).
  for (bool grew = true; grew;) {
    grew = false;
    std::map<std::string, std::vector<std::size_t>> holders;
    for (std::size_t i = 0; i < names.size(); ++i) holders[names[i]].push_back(i);
    for (const auto& [name, who] : holders) {
      if (who.size() < 2) continue;
      for (const std::size_t i : who) {
        if (taken[i] >= parts[i].size()) continue;
        names[i] = joined_tail(parts[i], ++taken[i]);
        grew = true;
      }
    }
  }
  return names;
}

}  // namespace computefit::readers
