// Fuzzes the spec reader: any bytes as a spec file -> load, validate, default, merge. The reader
// must answer every input with a Spec or located diagnostics, never a crash, a hang or a sanitizer
// report. A trace file sits beside the spec so `trace:` specs reach the trace reader too.
#include <cstddef>
#include <cstdint>
#include <string>

#include "workload/spec_loader.hpp"

namespace {

const computefit::MemoryFileSystem& files() {
  static const computefit::MemoryFileSystem fs = [] {
    computefit::MemoryFileSystem f;
    f.add("fuzz/trace.csv", "seconds_from_start,count\n0,60\n60,120\n120,600\n180,120\n");
    f.add("fuzz/one-row.csv", "0,5\n");
    return f;
  }();
  return fs;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const computefit::SpecLoadResult result = computefit::parse_spec(text, "fuzz/spec.yaml", files());
  // Every diagnostic must format (the CLI prints each one); a spec comes only without them.
  std::size_t length = 0;
  for (const computefit::Diagnostic& d : result.diagnostics) {
    length += computefit::format_diagnostic(d).size();
  }
  if (result.spec.has_value() == !result.diagnostics.empty()) __builtin_trap();
  return length == static_cast<std::size_t>(-1);
}
