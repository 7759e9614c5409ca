#include "readers/database_defaults.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

namespace computefit::readers {
namespace {

// Where each figure comes from. AWS's pages were read in December 2026 through their public
// documentation; a figure that AWS changes later is corrected here, with its new date.
constexpr std::string_view kReadOn = "2026-12";
constexpr std::string_view kClassSpecs =
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Summary.html";
// The previous generations (db.t2, db.m4, db.r4) have left that table; their classes are the EC2
// instance types of the same name, whose figures AWS keeps on its previous-generation page.
constexpr std::string_view kPreviousGenerationSpecs =
    "https://aws.amazon.com/ec2/previous-generation/";
constexpr std::string_view kAuroraMysqlTable =
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/"
    "AuroraMySQL.Managing.Performance.html#AuroraMySQL.Managing.MaxConnections";
constexpr std::string_view kServerlessV2Table =
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/"
    "aurora-serverless-v2.setting-capacity.html#aurora-serverless-v2.max-connections";

// The nominal memory (GiB) and vCPUs of each class, from AWS's "Hardware specifications for DB
// instance classes" table. db.t* sizes run micro..2xlarge with 2, 2, 2, 2, 4, 8 vCPUs; db.m*
// classes have 4 GiB a vCPU and db.r* classes 8 GiB a vCPU, from large (2 vCPUs) to the largest
// size AWS sells in that family (24xlarge for db.m5/db.r5, 32xlarge for db.m6i/db.r6i, 16xlarge
// for the Graviton families).
constexpr std::array kInstanceClasses = {
    // db.t3
    DbInstanceClass{"db.t3.micro", 1, 2, kClassSpecs, kReadOn},
    DbInstanceClass{"db.t3.small", 2, 2, kClassSpecs, kReadOn},
    DbInstanceClass{"db.t3.medium", 4, 2, kClassSpecs, kReadOn},
    DbInstanceClass{"db.t3.large", 8, 2, kClassSpecs, kReadOn},
    DbInstanceClass{"db.t3.xlarge", 16, 4, kClassSpecs, kReadOn},
    DbInstanceClass{"db.t3.2xlarge", 32, 8, kClassSpecs, kReadOn},
    // db.t2 (previous generation: older templates still name it); micro and small have 1 vCPU
    DbInstanceClass{"db.t2.micro", 1, 1, kPreviousGenerationSpecs, kReadOn},
    DbInstanceClass{"db.t2.small", 2, 1, kPreviousGenerationSpecs, kReadOn},
    DbInstanceClass{"db.t2.medium", 4, 2, kPreviousGenerationSpecs, kReadOn},
    DbInstanceClass{"db.t2.large", 8, 2, kPreviousGenerationSpecs, kReadOn},
    DbInstanceClass{"db.t2.xlarge", 16, 4, kPreviousGenerationSpecs, kReadOn},
    DbInstanceClass{"db.t2.2xlarge", 32, 8, kPreviousGenerationSpecs, kReadOn},
    // db.t4g
    DbInstanceClass{"db.t4g.micro", 1, 2, kClassSpecs, kReadOn},
    DbInstanceClass{"db.t4g.small", 2, 2, kClassSpecs, kReadOn},
    DbInstanceClass{"db.t4g.medium", 4, 2, kClassSpecs, kReadOn},
    DbInstanceClass{"db.t4g.large", 8, 2, kClassSpecs, kReadOn},
    DbInstanceClass{"db.t4g.xlarge", 16, 4, kClassSpecs, kReadOn},
    DbInstanceClass{"db.t4g.2xlarge", 32, 8, kClassSpecs, kReadOn},
    // db.m4 (previous generation): 4 GiB a vCPU, 10xlarge has 40 vCPUs
    DbInstanceClass{"db.m4.large", 8, 2, kPreviousGenerationSpecs, kReadOn},
    DbInstanceClass{"db.m4.xlarge", 16, 4, kPreviousGenerationSpecs, kReadOn},
    DbInstanceClass{"db.m4.2xlarge", 32, 8, kPreviousGenerationSpecs, kReadOn},
    DbInstanceClass{"db.m4.4xlarge", 64, 16, kPreviousGenerationSpecs, kReadOn},
    DbInstanceClass{"db.m4.10xlarge", 160, 40, kPreviousGenerationSpecs, kReadOn},
    DbInstanceClass{"db.m4.16xlarge", 256, 64, kPreviousGenerationSpecs, kReadOn},
    // db.m5
    DbInstanceClass{"db.m5.large", 8, 2, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m5.xlarge", 16, 4, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m5.2xlarge", 32, 8, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m5.4xlarge", 64, 16, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m5.8xlarge", 128, 32, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m5.12xlarge", 192, 48, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m5.16xlarge", 256, 64, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m5.24xlarge", 384, 96, kClassSpecs, kReadOn},
    // db.m6g
    DbInstanceClass{"db.m6g.large", 8, 2, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m6g.xlarge", 16, 4, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m6g.2xlarge", 32, 8, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m6g.4xlarge", 64, 16, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m6g.8xlarge", 128, 32, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m6g.12xlarge", 192, 48, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m6g.16xlarge", 256, 64, kClassSpecs, kReadOn},
    // db.m6i
    DbInstanceClass{"db.m6i.large", 8, 2, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m6i.xlarge", 16, 4, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m6i.2xlarge", 32, 8, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m6i.4xlarge", 64, 16, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m6i.8xlarge", 128, 32, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m6i.12xlarge", 192, 48, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m6i.16xlarge", 256, 64, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m6i.24xlarge", 384, 96, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m6i.32xlarge", 512, 128, kClassSpecs, kReadOn},
    // db.m7g
    DbInstanceClass{"db.m7g.large", 8, 2, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m7g.xlarge", 16, 4, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m7g.2xlarge", 32, 8, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m7g.4xlarge", 64, 16, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m7g.8xlarge", 128, 32, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m7g.12xlarge", 192, 48, kClassSpecs, kReadOn},
    DbInstanceClass{"db.m7g.16xlarge", 256, 64, kClassSpecs, kReadOn},
    // db.r4 (previous generation): 7.625 GiB a vCPU
    DbInstanceClass{"db.r4.large", 15.25, 2, kPreviousGenerationSpecs, kReadOn},
    DbInstanceClass{"db.r4.xlarge", 30.5, 4, kPreviousGenerationSpecs, kReadOn},
    DbInstanceClass{"db.r4.2xlarge", 61, 8, kPreviousGenerationSpecs, kReadOn},
    DbInstanceClass{"db.r4.4xlarge", 122, 16, kPreviousGenerationSpecs, kReadOn},
    DbInstanceClass{"db.r4.8xlarge", 244, 32, kPreviousGenerationSpecs, kReadOn},
    DbInstanceClass{"db.r4.16xlarge", 488, 64, kPreviousGenerationSpecs, kReadOn},
    // db.r5
    DbInstanceClass{"db.r5.large", 16, 2, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r5.xlarge", 32, 4, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r5.2xlarge", 64, 8, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r5.4xlarge", 128, 16, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r5.8xlarge", 256, 32, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r5.12xlarge", 384, 48, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r5.16xlarge", 512, 64, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r5.24xlarge", 768, 96, kClassSpecs, kReadOn},
    // db.r6g
    DbInstanceClass{"db.r6g.large", 16, 2, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r6g.xlarge", 32, 4, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r6g.2xlarge", 64, 8, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r6g.4xlarge", 128, 16, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r6g.8xlarge", 256, 32, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r6g.12xlarge", 384, 48, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r6g.16xlarge", 512, 64, kClassSpecs, kReadOn},
    // db.r6i
    DbInstanceClass{"db.r6i.large", 16, 2, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r6i.xlarge", 32, 4, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r6i.2xlarge", 64, 8, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r6i.4xlarge", 128, 16, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r6i.8xlarge", 256, 32, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r6i.12xlarge", 384, 48, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r6i.16xlarge", 512, 64, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r6i.24xlarge", 768, 96, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r6i.32xlarge", 1024, 128, kClassSpecs, kReadOn},
    // db.r7g
    DbInstanceClass{"db.r7g.large", 16, 2, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r7g.xlarge", 32, 4, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r7g.2xlarge", 64, 8, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r7g.4xlarge", 128, 16, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r7g.8xlarge", 256, 32, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r7g.12xlarge", 384, 48, kClassSpecs, kReadOn},
    DbInstanceClass{"db.r7g.16xlarge", 512, 64, kClassSpecs, kReadOn},
};

// AWS's per-class default max_connections for Aurora MySQL ("Maximum connections to an Aurora
// MySQL DB instance"), re-expressed for the classes of kInstanceClasses that Aurora offers. AWS
// derives them from GREATEST(log2(DBInstanceClassMemory/805306368)*45,
// log2(DBInstanceClassMemory/8187281408)*1000) and rounds them down to the step (45 or 1000);
// the table is the authority, so computefit reads it rather than evaluating the formula.
constexpr std::array kAuroraMysqlMaxConnections = {
    PublishedMaxConnections{"db.t3.small", 0, 45, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.t3.medium", 0, 90, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.t3.large", 0, 135, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.t4g.medium", 0, 90, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.t4g.large", 0, 135, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r5.large", 0, 1000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r5.xlarge", 0, 2000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r5.2xlarge", 0, 3000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r5.4xlarge", 0, 4000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r5.8xlarge", 0, 5000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r5.12xlarge", 0, 6000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r5.16xlarge", 0, 6000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r5.24xlarge", 0, 7000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r6g.large", 0, 1000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r6g.xlarge", 0, 2000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r6g.2xlarge", 0, 3000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r6g.4xlarge", 0, 4000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r6g.8xlarge", 0, 5000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r6g.12xlarge", 0, 6000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r6g.16xlarge", 0, 6000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r6i.large", 0, 1000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r6i.xlarge", 0, 2000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r6i.2xlarge", 0, 3000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r6i.4xlarge", 0, 4000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r6i.8xlarge", 0, 5000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r6i.12xlarge", 0, 6000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r6i.16xlarge", 0, 6000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r6i.24xlarge", 0, 7000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r6i.32xlarge", 0, 7000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r7g.large", 0, 1000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r7g.xlarge", 0, 2000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r7g.2xlarge", 0, 3000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r7g.4xlarge", 0, 4000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r7g.8xlarge", 0, 5000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r7g.12xlarge", 0, 6000, 0, kAuroraMysqlTable, kReadOn},
    PublishedMaxConnections{"db.r7g.16xlarge", 0, 6000, 0, kAuroraMysqlTable, kReadOn},
};

// AWS's default max_connections for Aurora Serverless v2 by the cluster's maximum ACUs ("Maximum
// connections for Aurora Serverless v2"): Aurora evaluates the engine's formula on the memory of
// the maximum capacity, not the current one.
constexpr std::array kServerlessV2MaxConnections = {
    PublishedMaxConnections{"", 1, 90, 189, kServerlessV2Table, kReadOn},
    PublishedMaxConnections{"", 4, 135, 823, kServerlessV2Table, kReadOn},
    PublishedMaxConnections{"", 8, 1000, 1669, kServerlessV2Table, kReadOn},
    PublishedMaxConnections{"", 16, 2000, 3360, kServerlessV2Table, kReadOn},
    PublishedMaxConnections{"", 32, 3000, 5000, kServerlessV2Table, kReadOn},
    PublishedMaxConnections{"", 64, 4000, 5000, kServerlessV2Table, kReadOn},
    PublishedMaxConnections{"", 128, 5000, 5000, kServerlessV2Table, kReadOn},
};

// The engines' default formulas ("Maximum number of database connections" in AWS's RDS quotas
// page, https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html, and "Maximum
// connections to an Aurora PostgreSQL DB instance",
// https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.Managing.html):
//   PostgreSQL and Aurora PostgreSQL: LEAST({DBInstanceClassMemory/9531392}, 5000)
//   MySQL and MariaDB:                {DBInstanceClassMemory/12582880}
// Both divisions truncate. MySQL and MariaDB refuse a max_connections above 100,000 (the
// variable's maximum in the MySQL 8.0 reference manual and MariaDB's system-variable page), which
// the formula reaches only beyond ~1.2 TiB.
constexpr long long kPostgresBytesPerConnection = 9'531'392;
constexpr int kPostgresFormulaCap = 5'000;
constexpr long long kMysqlBytesPerConnection = 12'582'880;
constexpr int kMysqlVariableMaximum = 100'000;

// DBInstanceClassMemory is the nominal memory less what RDS reserves for the OS and the processes
// that manage the instance; AWS does not publish that reserve. computefit models it as a fixed
// part plus a share of the nominal memory, fitted to published figures:
// - RDS (postgres, mysql, mariadb): 200 MiB + 2% of the nominal memory. Fitted to the
//   max_connections RDS for PostgreSQL reports with its default parameter group, published at
//   https://gist.github.com/guizmaii/1cacffef793c2ba9645083c3e18b3d8c: db.t2.small (2 GiB) 198,
//   db.t2.medium (4 GiB) 413, db.t2.large and db.m4.large (8 GiB) 856, db.r4.large (15.25 GiB)
//   1660. The model gives 198, 419, 861 and 1661: within 1.5%, and on the high side by at most
//   6 connections at 4 GiB.
// - Aurora (aurora-postgresql): 200 MiB + 6.17% of the nominal memory. Fitted to AWS's own
//   Aurora Serverless v2 table for Aurora PostgreSQL (1, 4, 8 and 16 ACUs of 2 GiB each give 189,
//   823, 1,669 and 3,360), which this model reproduces exactly; AWS says Aurora and RDS have
//   different memory overheads (the Aurora MySQL page above).
constexpr long long kMiB = 1LL << 20;
constexpr long long kGiB = 1LL << 30;
constexpr long long kReservedFixedBytes = 200 * kMiB;
constexpr long long kRdsReservedPerTenThousand = 200;
constexpr long long kAuroraReservedPerTenThousand = 617;

// Aurora Serverless v2 bounds (ServerlessV2ScalingConfiguration in the RDS API reference): the
// maximum capacity is at least 1 ACU and at most 256, in steps of 0.5; with a minimum of 0 or
// 0.5 ACUs, Aurora PostgreSQL caps max_connections at 2,000 (note under AWS's Serverless v2 table).
constexpr double kMinMaxAcu = 1;
constexpr double kMaxMaxAcu = 256;
constexpr double kAcuStep = 0.5;
constexpr double kLowMinAcu = 0.5;
constexpr int kPostgresLowMinAcuCap = 2'000;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

enum class Engine { kPostgres, kAuroraPostgresql, kMysql, kMariadb, kAuroraMysql };

std::optional<Engine> parse_engine(std::string_view engine) {
  const std::string name = lower(engine);
  if (name == "postgres") return Engine::kPostgres;
  if (name == "aurora-postgresql") return Engine::kAuroraPostgresql;
  if (name == "mysql") return Engine::kMysql;
  if (name == "mariadb") return Engine::kMariadb;
  if (name == "aurora-mysql") return Engine::kAuroraMysql;
  return std::nullopt;
}

DefaultMaxConnections unknown(std::string reason) {
  return {std::nullopt, std::move(reason)};
}

std::string acu_text(double acu) {
  return fmt::format("{:g}", acu);
}

DefaultMaxConnections serverless_v2(Engine engine, std::string_view engine_name,
                                    const std::optional<ServerlessV2Capacity>& capacity) {
  if (engine != Engine::kAuroraMysql && engine != Engine::kAuroraPostgresql) {
    return unknown(
        fmt::format("db.serverless is Aurora Serverless v2, which engine '{}' does "
                    "not run; it needs aurora-mysql or aurora-postgresql",
                    engine_name));
  }
  if (!capacity) {
    return unknown(
        "a db.serverless instance's max_connections depends on its cluster's maximum "
        "capacity (ServerlessV2ScalingConfiguration MaxCapacity), which is not known");
  }
  const double max_acu = capacity->max_acu;
  if (!(max_acu >= kMinMaxAcu && max_acu <= kMaxMaxAcu) || std::fmod(max_acu, kAcuStep) != 0) {
    return unknown(
        fmt::format("a maximum capacity of {} ACUs is not one Aurora Serverless v2 "
                    "accepts (1 to 256, in steps of 0.5)",
                    acu_text(max_acu)));
  }
  // The largest row at or below the maximum: AWS gives no figure between rows, and the lower
  // one never claims connections the database might refuse.
  const PublishedMaxConnections* row = nullptr;
  for (const PublishedMaxConnections& candidate : kServerlessV2MaxConnections) {
    if (candidate.max_acu <= max_acu) row = &candidate;
  }
  const bool postgres = engine == Engine::kAuroraPostgresql;
  int value = postgres ? row->aurora_postgresql : row->aurora_mysql;
  std::string how =
      row->max_acu == max_acu
          ? fmt::format(
                "AWS's Aurora Serverless v2 table gives {} connections for {} at a "
                "maximum of {} ACUs",
                value, engine_name, acu_text(max_acu))
          : fmt::format(
                "AWS's Aurora Serverless v2 table has no row for a maximum of {} ACUs; "
                "its row for {} ACUs, the largest below, gives {} for {}, a lower bound",
                acu_text(max_acu), acu_text(row->max_acu), value, engine_name);
  if (postgres && capacity->min_acu && *capacity->min_acu <= kLowMinAcu &&
      value > kPostgresLowMinAcuCap) {
    value = kPostgresLowMinAcuCap;
    how += fmt::format(", capped at {} because the minimum capacity is {} ACUs",
                       kPostgresLowMinAcuCap, acu_text(*capacity->min_acu));
  }
  return {value, fmt::format("{} ({}, read {}).", how, kServerlessV2Table, kReadOn)};
}

DefaultMaxConnections from_formula(Engine engine, std::string_view engine_name,
                                   const DbInstanceClass& cls) {
  const bool aurora = engine == Engine::kAuroraPostgresql;
  const bool postgres = engine == Engine::kPostgres || aurora;
  const long long memory = db_instance_class_memory_bytes(cls.memory_gib, aurora);
  const long long divisor = postgres ? kPostgresBytesPerConnection : kMysqlBytesPerConnection;
  const long long quotient = memory / divisor;
  const int cap = postgres ? kPostgresFormulaCap : kMysqlVariableMaximum;
  const int value = static_cast<int>(std::min<long long>(quotient, cap));
  const std::string formula =
      postgres ? "LEAST(DBInstanceClassMemory/9531392, 5000)" : "DBInstanceClassMemory/12582880";
  const long long share = aurora ? kAuroraReservedPerTenThousand : kRdsReservedPerTenThousand;
  std::string how = fmt::format(
      "{} default {} on {}: DBInstanceClassMemory {} bytes (the nominal {:g} GiB less {} MiB and "
      "{:g}% of it, computefit's fit of what {} reserves, which AWS does not publish) gives {}",
      engine_name, formula, cls.name, memory, cls.memory_gib, kReservedFixedBytes / kMiB,
      static_cast<double>(share) / 100, aurora ? "Aurora" : "RDS", quotient);
  if (quotient > cap) {
    how += fmt::format(", capped at {}", cap);
    if (!postgres) how += " (the variable's maximum)";
  }
  return {value, fmt::format("{} (memory from {}, read {}).", how, cls.source, cls.read_on)};
}

}  // namespace

std::span<const DbInstanceClass> rds_instance_classes() {
  return kInstanceClasses;
}

const DbInstanceClass* find_db_instance_class(std::string_view instance_class) {
  const std::string name = lower(instance_class);
  for (const DbInstanceClass& cls : kInstanceClasses) {
    if (cls.name == name) return &cls;
  }
  return nullptr;
}

std::span<const PublishedMaxConnections> aurora_mysql_max_connections() {
  return kAuroraMysqlMaxConnections;
}

std::span<const PublishedMaxConnections> aurora_serverless_v2_max_connections() {
  return kServerlessV2MaxConnections;
}

long long db_instance_class_memory_bytes(double nominal_memory_gib, bool aurora) {
  const long long nominal = std::llround(nominal_memory_gib * static_cast<double>(kGiB));
  const long long share = aurora ? kAuroraReservedPerTenThousand : kRdsReservedPerTenThousand;
  return nominal - kReservedFixedBytes - nominal * share / 10'000;
}

DefaultMaxConnections default_max_connections(std::string_view engine,
                                              std::string_view instance_class,
                                              std::optional<ServerlessV2Capacity> serverless) {
  const std::optional<Engine> parsed = parse_engine(engine);
  if (!parsed) {
    return unknown(
        fmt::format("engine '{}' has no default max_connections in computefit; it "
                    "knows postgres, aurora-postgresql, mysql, mariadb and "
                    "aurora-mysql",
                    engine));
  }
  const std::string engine_name = lower(engine);
  const std::string class_name = lower(instance_class);
  if (class_name == "db.serverless") return serverless_v2(*parsed, engine_name, serverless);

  if (*parsed == Engine::kAuroraMysql) {
    for (const PublishedMaxConnections& row : kAuroraMysqlMaxConnections) {
      if (row.instance_class == class_name) {
        return {row.aurora_mysql,
                fmt::format("AWS's Aurora MySQL table gives {} connections for {} ({}, read {}).",
                            row.aurora_mysql, row.instance_class, row.source, row.read_on)};
      }
    }
    return unknown(
        fmt::format("AWS's Aurora MySQL max_connections table has no row for '{}' "
                    "(Aurora MySQL does not offer it, or computefit lacks it)",
                    instance_class));
  }

  const DbInstanceClass* cls = find_db_instance_class(class_name);
  if (!cls) {
    return unknown(
        fmt::format("instance class '{}' is not in computefit's table of DB instance "
                    "classes, so its memory is unknown",
                    instance_class));
  }
  return from_formula(*parsed, engine_name, *cls);
}

}  // namespace computefit::readers
