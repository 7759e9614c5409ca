#pragma once
// What the import tests share: one file imported from memory, and an imported spec loaded with
// the traffic and duration its TODO lines ask for, as an overlay would give them.

#include <string>

#include "readers/import/import.hpp"
#include "workload/spec_loader.hpp"

namespace computefit::readers::testing {

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

inline ImportResult import_one(const std::string& path, const std::string& text) {
  MemoryFileSystem files;
  files.add(path, text);
  return import_files({path}, files);
}

/// The imported YAML with each service's traffic and duration TODOs filled, loaded by the spec
/// loader: what import writes must be a spec the loader takes once those are added.
inline SpecLoadResult load_with_traffic(const std::string& yaml) {
  std::string filled;
  std::size_t start = 0;
  while (start < yaml.size()) {
    std::size_t end = yaml.find('\n', start);
    if (end == std::string::npos) end = yaml.size();
    const std::string line = yaml.substr(start, end - start);
    const std::size_t traffic = line.find("# TODO traffic:");
    const std::size_t duration = line.find("# TODO duration_ms:");
    if (traffic != std::string::npos) {
      filled += line.substr(0, traffic) + "traffic: { rps: 5 }\n";
    } else if (duration != std::string::npos) {
      filled += line.substr(0, duration) + "duration_ms: 100\n";
    } else {
      filled += line + "\n";
    }
    start = end + 1;
  }
  return parse_spec(filled, "imported.yaml", MemoryFileSystem{});
}

}  // namespace computefit::readers::testing
