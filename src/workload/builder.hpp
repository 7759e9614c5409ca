#pragma once
// Fills the workload model from a located tree in the spec's shape (the spec's YAML, or templates
// and an overlay merged into that shape by src/readers): every value with the mark it was written
// at, every value checked on its own as it is read (type, range, spelling), the defaults that
// depend on other values applied (defaults.hpp) and each service's runtimes merged over the
// spec's (merge.hpp). Checks across values run on the model afterwards (validate.hpp).

#include "document/document.hpp"
#include "workload/file_system.hpp"
#include "workload/spec.hpp"
#include "workload/tree_reader.hpp"

namespace computefit {

/// Reads `root` into `spec`, whose `file` and `files` name what the marks point into; trace
/// files are read through `fs`, relative to the file that names them. Problems go to `reporter`.
void build_spec(const NodeRef& root, const FileSystem& fs, Reporter& reporter, Spec& spec);

}  // namespace computefit
