#pragma once
// The narrow door through which the library reads files, so tests can use an in-memory fake.

#include <map>
#include <optional>
#include <string>

namespace computefit {

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  /// The whole file, or nullopt when it cannot be read.
  virtual std::optional<std::string> read(const std::string& path) const = 0;
};

/// Reads the real disk. Refuses files larger than `max_bytes` (a spec or trace is never that big;
/// this keeps hostile input from exhausting memory).
class DiskFileSystem final : public FileSystem {
 public:
  explicit DiskFileSystem(std::size_t max_bytes = 256u << 20) : max_bytes_(max_bytes) {}
  std::optional<std::string> read(const std::string& path) const override;

 private:
  std::size_t max_bytes_;
};

/// Files held in memory, for tests.
class MemoryFileSystem final : public FileSystem {
 public:
  void add(const std::string& path, std::string contents) { files_[path] = std::move(contents); }
  std::optional<std::string> read(const std::string& path) const override {
    auto it = files_.find(path);
    if (it == files_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace computefit
