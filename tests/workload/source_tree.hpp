#pragma once
// Reads files by paths relative to the source tree, so diagnostics name them the way the
// corpus' .expected files do ("tests/workload/bad/x.yaml") whatever the working directory.

#include <string>

#include "workload/file_system.hpp"

namespace computefit::testing {

class SourceTreeFileSystem final : public FileSystem {
 public:
  std::optional<std::string> read(const std::string& path) const override {
    if (!path.empty() && path.front() == '/') return disk_.read(path);
    return disk_.read(std::string(COMPUTEFIT_SOURCE_DIR) + "/" + path);
  }

 private:
  DiskFileSystem disk_;
};

}  // namespace computefit::testing
