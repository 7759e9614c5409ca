// The instance table and the host choice over it: every CPU row follows its family's shape
// (vCPU by size, GiB per vCPU by family letter, arm64 for Graviton), has the VPC CNI's pod
// density (aws/amazon-vpc-cni-k8s vpc_ip_resource_limit.go), and is priced in us-east-1; prices
// are linear in size within a family in each region (AWS prices a size at its multiple of the
// large size); a fleet that needs bigger hosts gets them; CPU services never land on GPU hosts.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "pricing/ec2_instance_types.hpp"
#include "pricing/price_catalog.hpp"
#include "runtimes/container_capacity.hpp"
#include "runtimes/fixtures.hpp"

namespace computefit {
namespace {

std::string family_of(const std::string& name) {
  return name.substr(0, name.find('.'));
}
std::string size_of(const std::string& name) {
  return name.substr(name.find('.') + 1);
}

bool is_cpu_host(const Ec2InstanceType& type) {
  return type.gpus == 0 && type.kind != InstanceFamilyKind::burstable;
}

/// vCPUs of a Nitro size: large 2, xlarge 4, Nxlarge 4N.
int vcpus_of_size(const std::string& size) {
  if (size == "large") return 2;
  if (size == "xlarge") return 4;
  return 4 * std::stoi(size.substr(0, size.find("xlarge")));
}

// The families a 2026 user picks, each at every size from large to 16xlarge (plus m5).
TEST(InstanceTypes, TableHasTheCurrentFamiliesAtEverySize) {
  for (const char* family :
       {"c6i", "c7i", "m6i", "m7i", "r6i", "r7i", "m6g", "c7g", "m7g", "r7g"}) {
    for (const char* size :
         {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"}) {
      const std::string name = std::string(family) + "." + size;
      EXPECT_NE(find_instance_type(name), nullptr) << name;
    }
  }
}

TEST(InstanceTypes, TableIsSortedByNameWithoutDuplicates) {
  const std::vector<Ec2InstanceType>& types = ec2_instance_types().types;
  for (std::size_t i = 1; i < types.size(); ++i) {
    EXPECT_LT(types[i - 1].name, types[i].name);
  }
}

TEST(InstanceTypes, CpuRowsFollowTheirFamilyShape) {
  const std::map<char, std::pair<InstanceFamilyKind, double>> by_letter = {
      {'c', {InstanceFamilyKind::compute, 2}},
      {'m', {InstanceFamilyKind::general, 4}},
      {'r', {InstanceFamilyKind::memory, 8}},
  };
  int rows = 0;
  for (const Ec2InstanceType& type : ec2_instance_types().types) {
    if (!is_cpu_host(type)) continue;
    ++rows;
    const std::string family = family_of(type.name);
    const auto shape = by_letter.find(family[0]);
    ASSERT_NE(shape, by_letter.end()) << type.name;
    EXPECT_EQ(type.kind, shape->second.first) << type.name;
    EXPECT_DOUBLE_EQ(type.memory_gib / type.vcpu, shape->second.second) << type.name;
    EXPECT_DOUBLE_EQ(type.vcpu, vcpus_of_size(size_of(type.name))) << type.name;
    // Graviton families end in g (m6g, c7g); the others are x86_64 (c6i, m5).
    EXPECT_EQ(type.architecture == Architecture::arm64, family.back() == 'g') << type.name;
    EXPECT_TRUE(type.gpu_model.empty()) << type.name;
  }
  EXPECT_GE(rows, 72);  // 10 families x 7 sizes, plus m5.large and m5.xlarge
}

// amazon-vpc-cni-k8s gives every Nitro family the same ENI limits by size; max pods
// ENIs x (IPv4 per ENI - 1) + 2 as awslabs/amazon-eks-ami eni-max-pods.txt lists them.
TEST(InstanceTypes, CpuRowsHaveTheVpcCniPodDensity) {
  const std::map<std::string, int> pods = {
      {"large", 29},    {"xlarge", 58},    {"2xlarge", 58},   {"4xlarge", 234},
      {"8xlarge", 234}, {"12xlarge", 234}, {"16xlarge", 737},
  };
  for (const Ec2InstanceType& type : ec2_instance_types().types) {
    if (!is_cpu_host(type)) continue;
    EXPECT_EQ(type.eks_max_pods(), pods.at(size_of(type.name))) << type.name;
  }
}

TEST(InstanceTypes, EveryRowIsPricedInUsEast1AndCpuRowsInEveryRegion) {
  const PriceCatalog us_east_1 = builtin_price_catalog();
  ASSERT_EQ(us_east_1.region(), "us-east-1");
  for (const Ec2InstanceType& type : ec2_instance_types().types) {
    EXPECT_NE(us_east_1.find("ec2.on_demand." + type.name), nullptr) << type.name;
  }
  // All these CPU families are sold in the three regions computefit has catalogs for.
  for (const std::string& region : builtin_regions()) {
    const std::optional<PriceCatalog> catalog = builtin_price_catalog_for(region);
    ASSERT_TRUE(catalog) << region;
    for (const Ec2InstanceType& type : ec2_instance_types().types) {
      if (type.gpus > 0) continue;
      EXPECT_NE(catalog->find("ec2.on_demand." + type.name), nullptr) << region << " " << type.name;
    }
  }
}

// A size costs its vCPU multiple of the family's smallest listed size, within a cent an hour
// (AWS rounds each size's price on its own to 4-5 decimals, so exact equality is too strict).
TEST(InstanceTypes, PricesAreLinearInSizeWithinAFamily) {
  for (const std::string& region : builtin_regions()) {
    const std::optional<PriceCatalog> catalog = builtin_price_catalog_for(region);
    ASSERT_TRUE(catalog) << region;
    std::map<std::string, std::pair<double, double>> smallest;  // family -> vCPU, $/h
    for (const Ec2InstanceType& type : ec2_instance_types().types) {
      if (!is_cpu_host(type)) continue;
      const PriceEntry* price = catalog->find("ec2.on_demand." + type.name);
      if (!price) continue;
      auto [it, inserted] = smallest.try_emplace(family_of(type.name), type.vcpu, price->usd);
      if (!inserted && type.vcpu < it->second.first) it->second = {type.vcpu, price->usd};
    }
    for (const Ec2InstanceType& type : ec2_instance_types().types) {
      if (!is_cpu_host(type)) continue;
      const PriceEntry* price = catalog->find("ec2.on_demand." + type.name);
      if (!price) continue;
      const auto [vcpu, usd] = smallest.at(family_of(type.name));
      EXPECT_NEAR(price->usd, usd * type.vcpu / vcpu, 0.01) << region << " " << type.name;
    }
  }
}

Service worker(double vcpu, double memory_mb) {
  Service s = testing::http_service(1, 100);
  s.vcpu = vcpu;
  s.memory_mb = memory_mb;
  return s;
}

// A 4 vCPU / 8 GB transcoder at a steady 60 tasks on at most 20 hosts: 1-2 per host (the 4- and
// 8-vCPU types) cannot hold them, so the choice is the cheapest host that holds 3 or more.
TEST(HostChoice, BigFleetGetsHostsThatHoldMoreThanTwoTasks) {
  const Service s = worker(4, 8192);
  const PriceCatalog catalog = builtin_price_catalog();
  const ContainerConfig config;  // max_hosts 20
  for (RuntimeId runtime : {RuntimeId::ecs_ec2, RuntimeId::eks}) {
    std::string reason;
    const std::optional<HostChoice> choice =
        choose_instance_type(s, runtime, config, catalog, {{60, 1.0}}, {60 * s.vcpu}, &reason);
    ASSERT_TRUE(choice) << reason;
    EXPECT_GT(choice->per_host, 2) << choice->type->name;
    EXPECT_LE((60 + choice->per_host - 1) / choice->per_host, config.max_hosts)
        << choice->type->name;
    EXPECT_EQ(choice->type->gpus, 0) << choice->type->name;
  }
  // ECS, at 60 steady tasks: c6i.16xlarge (64 vCPU, 128 GiB less the agent's 256 MiB) holds 15,
  // 4 hosts at $2.72/h = $10.88/h; m6i.4xlarge holds 4, 15 x $0.768 = $11.52/h; c6i.4xlarge
  // holds 3, 20 x $0.68 = $13.60/h; the 1- and 2-task types need 30-60 hosts.
  std::string reason;
  const std::optional<HostChoice> ecs = choose_instance_type(s, RuntimeId::ecs_ec2, config, catalog,
                                                             {{60, 1.0}}, {60 * s.vcpu}, &reason);
  ASSERT_TRUE(ecs);
  EXPECT_EQ(ecs->type->name, "c6i.16xlarge");
  EXPECT_EQ(ecs->per_host, 15);
}

// Near miss: a fleet that one-task hosts hold within max hosts keeps the cheapest fit, a host a
// task, so no capacity is paid for unused.
TEST(HostChoice, SmallFleetKeepsTheSmallestHostThatFits) {
  const Service s = worker(4, 8192);
  const PriceCatalog catalog = builtin_price_catalog();
  std::string reason;
  const std::optional<HostChoice> choice = choose_instance_type(
      s, RuntimeId::ecs_ec2, ContainerConfig{}, catalog, {{5, 1.0}}, {5 * s.vcpu}, &reason);
  ASSERT_TRUE(choice) << reason;
  // m5.xlarge and m6i.xlarge tie at $0.192/h for one task (ties go by name).
  EXPECT_EQ(choice->type->name, "m5.xlarge");
  EXPECT_EQ(choice->per_host, 1);
}

// A CPU fleet larger than any CPU type holds within max hosts still runs on CPU hosts: the
// 192-vCPU GPU hosts would hold it, but their price buys GPUs the service does not use.
TEST(HostChoice, CpuServiceNeverLandsOnAGpuHost) {
  const Service s = worker(1, 2048);
  const PriceCatalog catalog = builtin_price_catalog();
  ContainerConfig config;
  for (RuntimeId runtime : {RuntimeId::ecs_ec2, RuntimeId::eks}) {
    int most_per_cpu_host = 0;
    for (const Ec2InstanceType& type : ec2_instance_types().types) {
      if (type.gpus == 0)
        most_per_cpu_host = std::max(most_per_cpu_host, tasks_per_host(type, runtime, s));
    }
    const int peak = config.max_hosts * most_per_cpu_host + 1;  // no CPU type holds it
    std::string reason;
    const std::optional<HostChoice> choice =
        choose_instance_type(s, runtime, config, catalog, {{peak, 1.0}}, {peak * s.vcpu}, &reason);
    ASSERT_TRUE(choice) << reason;
    EXPECT_EQ(choice->type->gpus, 0) << choice->type->name;
  }
}

// A GPU service still gets a GPU host; case 04's model server (1 GPU, 24 GiB) lands on the L4.
TEST(HostChoice, GpuServiceStillGetsTheCheapestGpuHostThatFits) {
  Service s = worker(4, 24576);
  s.needs.gpu = 1;
  std::string reason;
  const std::optional<HostChoice> choice = choose_instance_type(
      s, RuntimeId::ecs_ec2, ContainerConfig{}, builtin_price_catalog(), {{2, 1.0}}, {0}, &reason);
  ASSERT_TRUE(choice) << reason;
  EXPECT_EQ(choice->type->name, "g6.2xlarge");
}

}  // namespace
}  // namespace computefit
