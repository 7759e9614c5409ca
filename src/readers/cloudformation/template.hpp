#pragma once
// A CloudFormation or SAM template with its intrinsic functions resolved as far as the files allow
// (SPEC.md "Reading infrastructure as code"). Parameters take their `Default`; mappings, conditions
// and the string functions are evaluated; what only a deployment knows (a resource's attributes,
// imports, a parameter without a default) stays unknown, with the reason, and keeps the names of
// the resources it refers to, so a rule can still see that an environment variable points at a
// database's endpoint.

#include <optional>
#include <string>
#include <vector>

#include "document/diagnostic.hpp"
#include "document/document.hpp"
#include "readers/value.hpp"

namespace computefit::readers {

/// One resource of the template.
struct TemplateResource {
  std::string logical_id;
  std::string type;  ///< "AWS::Lambda::Function"
  SourceMark mark;   ///< of its logical id
  /// Properties resolved (a map; SAM `Globals` merged in for Serverless resources).
  Value properties;
  /// The resource's `Condition` is known false: it is not deployed.
  bool excluded = false;
  /// A CDK resource's `aws:cdk:path` metadata, when present.
  std::string cdk_path;
  /// A CDK resource's name, from its path, distinct from the other named resources' of the
  /// template (readers/naming.hpp); empty without a path.
  std::string cdk_name;
};

/// A template read and resolved.
struct Template {
  std::string file;
  bool serverless = false;  ///< its Transform names AWS::Serverless
  std::vector<TemplateResource> resources;
  /// Parameters without a default and other things that stayed unknown, each once.
  std::vector<std::string> unknowns;
  /// Resources of a type nothing here reads are listed by the readers above, not here.
};

struct TemplateResult {
  std::optional<Template> value;
  Diagnostics diagnostics;
};

/// Resolves a parsed template. Located errors (exit 2 upstream): a resource without `Type`, a
/// `Ref` or `Fn::GetAtt` to a name the template does not define, a condition that refers to
/// itself, a malformed intrinsic.
TemplateResult resolve_template(const Document& document);

}  // namespace computefit::readers
