#pragma once
// The builder's reading state, shared by the files that read each part of the spec
// (builder.cpp: the top level and values read alike everywhere; build_service.cpp,
// build_traffic.cpp, build_runtimes.cpp). Private to src/workload.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "document/limits.hpp"
#include "workload/file_system.hpp"
#include "workload/merge.hpp"
#include "workload/spec.hpp"
#include "workload/tree_reader.hpp"

namespace computefit {

/// A range from 0 (or above 0) to `max`.
inline Range at_most(double max, bool exclusive_zero = false) {
  return {0, exclusive_zero, max};
}

/// A service name (lowercase letters, digits, '-'), or with `allow_upper` a downstream's (also
/// capitals, '_' and '.'), at most 63 characters.
bool valid_name(const std::string& s, bool allow_upper);

class SpecBuilder {
 public:
  SpecBuilder(const FileSystem& fs, Reporter& reporter, Spec& spec)
      : fs_(fs), r_(reporter), spec_(spec) {}

  void read_spec(const NodeRef& root);

 private:
  // builder.cpp
  void read_team(const Entry& e);
  void read_existing(const Entry& e);
  void read_priorities(const Entry& e);
  void read_pricing(const Entry& e);
  void read_downstreams(const Entry& e);
  void read_suppress(const Entry& e, MarkMap& marks, const std::string& service);
  void read_iam_policies(const Entry& e);
  std::optional<DurationSpec> read_duration(const Entry& e);
  std::vector<std::string> read_endpoints(const Entry& e);
  std::vector<std::string> read_string_list(const Entry& e, std::vector<SourceMark>* marks);
  // build_service.cpp
  void read_service(const NodeRef& node, std::size_t index, const RuntimesOverlay& spec_runtimes);
  void read_uses(const Entry& e, Service& s);
  bool read_outbound(const Entry& e, Service& s);
  void check_outbound_kb(const Entry& e, const Service& s);
  void read_cpu_ms_per_request(const Entry& e, Service& s, bool duration_known);
  void read_network(const Entry& e, Service& s);
  void read_needs(const Entry& e, Service& s);
  void read_slo(const Entry& e, Service& s);
  void read_template_facts(const MapView& m, Service& s);
  void read_event_source(const Entry& e, Service& s);
  void read_task_size(const Entry& e, Service& s);
  // build_traffic.cpp
  void read_traffic(const Entry& e, Service& s);
  // build_runtimes.cpp
  RuntimesOverlay read_runtimes(const Entry& e, MarkMap& marks);
  LambdaOverlay read_lambda(const Entry& e, MarkMap& marks);
  ContainerOverlay read_container(const Entry& e, MarkMap& marks, RuntimeId id);

  // Suggestions cost an edit distance per known name: past the problems that will be printed, a
  // hostile list of thousands of unknown names is reported without them.
  bool worth_suggesting() const { return r_.count() < limits::kMaxDiagnostics; }

  const FileSystem& fs_;
  Reporter& r_;
  Spec& spec_;
};

}  // namespace computefit
