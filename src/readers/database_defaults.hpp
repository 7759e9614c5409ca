#pragma once
// What a template says about a database's connection limit when its parameter group does not set
// `max_connections` (SPEC.md "Reading infrastructure as code", "Databases"): the DB instance
// classes' nominal memory, the engines' default formulas over DBInstanceClassMemory, and AWS's
// per-class and per-ACU tables for Aurora. Every figure names the AWS page it comes from.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace computefit::readers {

/// One RDS/Aurora DB instance class as AWS's hardware specifications list it.
struct DbInstanceClass {
  std::string_view name;  ///< "db.r6g.large"
  double memory_gib = 0;  ///< nominal memory, before what RDS reserves
  int vcpu = 0;
  std::string_view source;   ///< the AWS page the figures were read from
  std::string_view read_on;  ///< when they were read, "YYYY-MM"
};

/// The DB instance classes computefit knows: db.t2, db.t3 and db.t4g (micro to 2xlarge), db.m4,
/// db.m5, db.m6g, db.m6i, db.m7g, db.r4, db.r5, db.r6g, db.r6i and db.r7g (large to the largest
/// size AWS sells or sold).
std::span<const DbInstanceClass> rds_instance_classes();

/// The class named `instance_class` (case-insensitive), or nullptr when the table lacks it.
const DbInstanceClass* find_db_instance_class(std::string_view instance_class);

/// One row of a table AWS publishes of default `max_connections` by a key (an instance class, or
/// an Aurora Serverless v2 maximum capacity in ACUs).
struct PublishedMaxConnections {
  std::string_view instance_class;  ///< empty in the Serverless v2 table
  double max_acu = 0;               ///< 0 in the per-class table
  int aurora_mysql = 0;
  int aurora_postgresql = 0;  ///< 0 where AWS's table gives no PostgreSQL figure
  std::string_view source;
  std::string_view read_on;
};

/// AWS's "Maximum connections to an Aurora MySQL DB instance" rows for the classes above that
/// Aurora offers (db.t3.small..large, db.t4g.medium..large, db.r5, db.r6g, db.r6i, db.r7g).
std::span<const PublishedMaxConnections> aurora_mysql_max_connections();

/// AWS's "Maximum connections for Aurora Serverless v2" rows, by maximum ACUs (1 to 128).
std::span<const PublishedMaxConnections> aurora_serverless_v2_max_connections();

/// An Aurora Serverless v2 cluster's capacity range (`ServerlessV2ScalingConfiguration`).
struct ServerlessV2Capacity {
  double max_acu = 0;
  std::optional<double> min_acu;  ///< absent when the template does not say
};

/// The default `max_connections`, or why there is none. `explanation` is the sentence that says
/// how the value was derived, or, without a value, the reason.
struct DefaultMaxConnections {
  std::optional<int> max_connections;
  std::string explanation;
};

/// The engine's default `max_connections` on `instance_class`. `engine` is the CloudFormation
/// `Engine` / Terraform `engine` value: postgres, aurora-postgresql, mysql, mariadb or
/// aurora-mysql (case-insensitive). For `db.serverless`, `serverless` carries the cluster's
/// capacity range; it is ignored for other classes.
DefaultMaxConnections default_max_connections(
    std::string_view engine, std::string_view instance_class,
    std::optional<ServerlessV2Capacity> serverless = std::nullopt);

/// DBInstanceClassMemory in bytes as computefit derives it from a nominal memory: RDS and Aurora
/// reserve memory for the OS and their own processes, and AWS does not publish how much (see the
/// .cpp for the figures the reserve is fitted to). `aurora` selects Aurora's larger reserve.
long long db_instance_class_memory_bytes(double nominal_memory_gib, bool aurora);

}  // namespace computefit::readers
