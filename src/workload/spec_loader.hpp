#pragma once
// The entry points: read a spec (or take a located tree already in its shape), build the model
// from it (builder.hpp: each value with its mark, defaults, runtimes merged), then validate the
// model (validate.hpp); the Spec when nothing was reported, else every problem found.

#include <optional>
#include <string>

#include "document/diagnostic.hpp"
#include "document/document.hpp"
#include "workload/file_system.hpp"
#include "workload/spec.hpp"

namespace computefit {

struct SpecLoadResult {
  std::optional<Spec> spec;  ///< set only when there are no diagnostics
  Diagnostics diagnostics;
};

/// Loads and validates the spec at `path` (trace files are read through `fs`, relative to the
/// spec's folder).
SpecLoadResult load_spec(const std::string& path, const FileSystem& fs);
/// The same for text already in memory; `path` names it in diagnostics and anchors trace paths.
SpecLoadResult parse_spec(const std::string& text, const std::string& path, const FileSystem& fs);
/// The same for a located tree already read in the spec's shape (templates imported with their
/// marks, an overlay merged over them): each value's marks keep the file they point into
/// (`document.files()`, whose first is named `path` here), and so do the diagnostics and the
/// spec's locations.
SpecLoadResult load_spec_document(const readers::Document& document, const std::string& path,
                                  const FileSystem& fs);

}  // namespace computefit
