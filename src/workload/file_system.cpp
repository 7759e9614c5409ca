#include "workload/file_system.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <memory>

namespace computefit {

std::optional<std::string> DiskFileSystem::read(const std::string& path) const {
  // Only regular files: a FIFO or device could block forever or never end.
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  if (static_cast<unsigned long long>(info.st_size) > max_bytes_) return std::nullopt;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) return std::nullopt;
  std::string contents;
  char buffer[65536];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    contents.append(buffer, got);
    if (contents.size() > max_bytes_) return std::nullopt;  // the file grew while being read
  }
  if (std::ferror(file.get())) return std::nullopt;
  return contents;
}

}  // namespace computefit
