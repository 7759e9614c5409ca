#pragma once
// `computefit import`: templates, CDK output and Terraform plans read into the workload spec they
// describe (SPEC.md "Reading infrastructure as code"). What a template says is written with its
// location; what it cannot say (traffic, durations, SLOs) is left to do; what cannot be resolved
// within the files is listed, never guessed.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document/diagnostic.hpp"
#include "readers/import/spec_draft.hpp"
#include "workload/file_system.hpp"
#include "workload/spec_loader.hpp"

namespace computefit::readers {

/// What an import read and built.
struct Imported {
  DraftNode spec;                     ///< the spec's top-level mapping
  std::vector<std::string> files;     ///< the inputs, as given
  std::vector<std::string> unknowns;  ///< values only a deployment knows, with the reason
  std::vector<std::string> skipped;   ///< resources read as no part of the model, with why
  std::vector<std::string> assumed;   ///< AWS defaults taken for properties left out
  std::vector<std::string> renamed;   ///< names made distinct across files, old -> new
};

/// How a report introduces `unknowns` and `skipped`: import's header and recommend's text,
/// Markdown and HTML say it alike, a title and what the list means ("TITLE (MEANING):").
inline constexpr std::string_view kUnknownsTitle = "Unknown within the files";
inline constexpr std::string_view kUnknownsMeaning =
    "a rule that needs one stays quiet until an overlay gives it";
inline constexpr std::string_view kSkippedTitle = "Skipped";
inline constexpr std::string_view kSkippedMeaning = "not modelled";

struct ImportResult {
  std::optional<Imported> value;
  Diagnostics diagnostics;
};

/// Reads each path (a CloudFormation or SAM template in YAML or JSON, a Terraform plan in JSON, or
/// a CDK cloud assembly folder with its manifest.json), recognised by content, and builds one
/// spec from all of them. Located errors for unreadable or malformed input.
ImportResult import_files(const std::vector<std::string>& paths, const FileSystem& files);

/// The imported spec as YAML, with a header naming the inputs and listing the unknowns.
std::string imported_spec_yaml(const Imported& imported);

/// The spec `recommend` and `validate` read from their FILEs. One workload spec without an
/// overlay is loaded as it is. Otherwise the FILEs (templates, plans, CDK folders) are imported
/// with the overlay merged over them, and the spec they give is loaded with every value's marks
/// in the file it came from: a finding or a loader error points at the template's (or the
/// overlay's) own FILE:LINE:COLUMN. A value no file gave (a constant) points at the first FILE.
SpecLoadResult load_workload(const std::vector<std::string>& paths,
                             const std::optional<std::string>& overlay, const FileSystem& files);

}  // namespace computefit::readers
