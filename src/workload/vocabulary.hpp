#pragma once
// The spec's words: how each enumerated value is spelled (SPEC.md) and which keys a spec, a
// service and each runtime block accept. The builder reads with them; a reader that writes the
// spec's shape (an importer, a draft) can name keys from the same lists.

#include <string_view>
#include <utility>
#include <vector>

#include "workload/spec.hpp"

namespace computefit {

/// Spellings of an enumerated value, in the order messages list them.
template <typename T>
using Spellings = std::vector<std::pair<std::string_view, T>>;

/// The keys one mapping accepts, in the order messages list them.
using Keys = std::vector<std::string_view>;

extern const Spellings<ServiceKind> kServiceKindNames;
extern const Spellings<Language> kLanguageNames;
extern const Spellings<Architecture> kArchitectureNames;
extern const Spellings<TrafficShape> kTrafficShapeNames;
extern const Spellings<OpsMaturity> kOpsMaturityNames;
extern const Spellings<Commitment> kCommitmentNames;
extern const Spellings<Subnet> kSubnetNames;
extern const Spellings<SecretsSource> kSecretsSourceNames;
extern const Spellings<FrontDoor> kFrontDoorNames;
extern const Spellings<DownstreamKind> kDownstreamKindNames;
extern const Spellings<NodeAutoscaler> kNodeAutoscalerNames;
extern const Spellings<Routing> kRoutingNames;
extern const Spellings<RuntimeId> kRuntimeIdNames;
/// A duration's `distribution:` (only the exponential has a name; p50/p99 is the lognormal).
extern const Spellings<bool> kDistributionNames;

/// The top level of a spec.
extern const Keys kSpecKeys;
/// One item of `services`.
extern const Keys kServiceKeys;
/// `runtimes.lambda`, at the top or in a service.
extern const Keys kLambdaBlockKeys;
/// `runtimes.ecs-fargate`.
extern const Keys kEcsFargateBlockKeys;
/// `runtimes.ecs-ec2`: Fargate's and the instances'.
extern const Keys kEcsEc2BlockKeys;
/// `runtimes.eks`: pods and nodes, the cluster's version and autoscaler.
extern const Keys kEksBlockKeys;

}  // namespace computefit
