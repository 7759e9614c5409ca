// Default max_connections of RDS and Aurora databases: AWS's published figures where AWS gives
// them, the engine formulas on chosen classes worked by hand, and what stays unknown.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "readers/database_defaults.hpp"

namespace computefit::readers {
namespace {

std::optional<int> value(std::string_view engine, std::string_view instance_class) {
  return default_max_connections(engine, instance_class).max_connections;
}

std::optional<int> serverless(std::string_view engine, double max_acu,
                              std::optional<double> min_acu = std::nullopt) {
  return default_max_connections(engine, "db.serverless", ServerlessV2Capacity{max_acu, min_acu})
      .max_connections;
}

TEST(DatabaseDefaults, EveryTableRowNamesItsSourceAndDate) {
  for (const DbInstanceClass& cls : rds_instance_classes()) {
    SCOPED_TRACE(std::string(cls.name));
    const std::string_view family = cls.name.substr(0, cls.name.find('.', 3));
    const bool previous = family == "db.t2" || family == "db.m4" || family == "db.r4";
    EXPECT_EQ(cls.source, previous ? "https://aws.amazon.com/ec2/previous-generation/"
                                   : "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"
                                     "Concepts.DBInstanceClass.Summary.html");
    EXPECT_EQ(cls.read_on, "2026-12");
    EXPECT_GT(cls.memory_gib, 0);
    EXPECT_GT(cls.vcpu, 0);
  }
  for (const auto table :
       {aurora_mysql_max_connections(), aurora_serverless_v2_max_connections()}) {
    for (const PublishedMaxConnections& row : table) {
      SCOPED_TRACE(std::string(row.instance_class) + " " + std::to_string(row.max_acu));
      EXPECT_TRUE(row.source.rfind("https://docs.aws.amazon.com/AmazonRDS/", 0) == 0);
      EXPECT_EQ(row.read_on, "2026-12");
      EXPECT_GT(row.aurora_mysql, 0);
    }
  }
}

TEST(DatabaseDefaults, ClassTableCoversTheFamiliesOnce) {
  std::set<std::string_view> names;
  for (const DbInstanceClass& cls : rds_instance_classes()) {
    EXPECT_TRUE(names.insert(cls.name).second) << cls.name << " twice";
    const std::string_view family = cls.name.substr(0, cls.name.rfind('.'));
    // db.m* classes have 4 GiB a vCPU and db.r* classes 8 (db.r4: 7.625), as AWS's
    // specifications list them.
    if (family.rfind("db.m", 0) == 0) {
      EXPECT_EQ(cls.memory_gib, 4.0 * cls.vcpu) << cls.name;
    }
    if (family.rfind("db.r", 0) == 0) {
      EXPECT_EQ(cls.memory_gib, (family == "db.r4" ? 7.625 : 8.0) * cls.vcpu) << cls.name;
    }
  }
  for (const char* family : {"db.t2", "db.t3", "db.t4g"}) {
    for (const char* size : {"micro", "small", "medium", "large", "xlarge", "2xlarge"}) {
      EXPECT_NE(find_db_instance_class(std::string(family) + "." + size), nullptr)
          << family << "." << size;
    }
  }
  for (const char* family :
       {"db.m5", "db.m6g", "db.m6i", "db.m7g", "db.r5", "db.r6g", "db.r6i", "db.r7g"}) {
    for (const char* size :
         {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"}) {
      EXPECT_NE(find_db_instance_class(std::string(family) + "." + size), nullptr)
          << family << "." << size;
    }
  }
  EXPECT_NE(find_db_instance_class("db.m5.24xlarge"), nullptr);
  EXPECT_NE(find_db_instance_class("db.r6i.32xlarge"), nullptr);
  EXPECT_EQ(find_db_instance_class("db.m6g.24xlarge"), nullptr);  // Graviton2 stops at 16xlarge

  const DbInstanceClass* t3_micro = find_db_instance_class("db.t3.micro");
  ASSERT_NE(t3_micro, nullptr);
  EXPECT_EQ(t3_micro->memory_gib, 1);
  EXPECT_EQ(t3_micro->vcpu, 2);
  const DbInstanceClass* r6i_32 = find_db_instance_class("DB.R6I.32XLARGE");
  ASSERT_NE(r6i_32, nullptr);
  EXPECT_EQ(r6i_32->memory_gib, 1024);
  EXPECT_EQ(r6i_32->vcpu, 128);
}

// AWS's "Maximum connections to an Aurora MySQL DB instance" table, row by row where it names a
// class of computefit's table.
TEST(DatabaseDefaults, AuroraMysqlIsAwsTable) {
  EXPECT_EQ(value("aurora-mysql", "db.t3.small"), 45);
  EXPECT_EQ(value("aurora-mysql", "db.t3.medium"), 90);
  EXPECT_EQ(value("aurora-mysql", "db.t3.large"), 135);
  EXPECT_EQ(value("aurora-mysql", "db.t4g.medium"), 90);
  EXPECT_EQ(value("aurora-mysql", "db.t4g.large"), 135);
  EXPECT_EQ(value("aurora-mysql", "db.r5.large"), 1000);
  EXPECT_EQ(value("aurora-mysql", "db.r5.12xlarge"), 6000);
  EXPECT_EQ(value("aurora-mysql", "db.r5.24xlarge"), 7000);
  EXPECT_EQ(value("aurora-mysql", "db.r6g.large"), 1000);
  EXPECT_EQ(value("aurora-mysql", "db.r6g.xlarge"), 2000);
  EXPECT_EQ(value("aurora-mysql", "db.r6g.16xlarge"), 6000);
  EXPECT_EQ(value("aurora-mysql", "db.r6i.8xlarge"), 5000);
  EXPECT_EQ(value("aurora-mysql", "db.r6i.32xlarge"), 7000);
  EXPECT_EQ(value("aurora-mysql", "db.r7g.2xlarge"), 3000);
  EXPECT_EQ(value("aurora-mysql", "db.r7g.4xlarge"), 4000);
  // Every row is a class of the class table.
  for (const PublishedMaxConnections& row : aurora_mysql_max_connections()) {
    EXPECT_NE(find_db_instance_class(row.instance_class), nullptr) << row.instance_class;
  }
  const DefaultMaxConnections r6g = default_max_connections("aurora-mysql", "db.r6g.large");
  EXPECT_NE(r6g.explanation.find("Aurora MySQL table"), std::string::npos) << r6g.explanation;
  EXPECT_NE(r6g.explanation.find("AuroraMySQL.Managing.Performance.html"), std::string::npos);
}

TEST(DatabaseDefaults, AuroraMysqlClassOutsideAwsTableIsUnknown) {
  const DefaultMaxConnections m5 = default_max_connections("aurora-mysql", "db.m5.large");
  EXPECT_FALSE(m5.max_connections);
  EXPECT_NE(m5.explanation.find("no row for 'db.m5.large'"), std::string::npos) << m5.explanation;
  EXPECT_FALSE(value("aurora-mysql", "db.t3.micro"));  // Aurora starts at db.t3.small
}

// RDS for PostgreSQL: LEAST(DBInstanceClassMemory/9531392, 5000), DBInstanceClassMemory =
// nominal - 200 MiB - 2% of nominal (integer bytes, the 2% truncated).
TEST(DatabaseDefaults, PostgresFormulaByHand) {
  // db.t3.micro, 1 GiB: 1,073,741,824 - 209,715,200 - 21,474,836 = 842,551,788;
  // 9,531,392 x 88 = 838,762,496 <= 842,551,788 < 848,293,888 = 9,531,392 x 89, so 88.
  EXPECT_EQ(db_instance_class_memory_bytes(1, false), 842'551'788);
  EXPECT_EQ(value("postgres", "db.t3.micro"), 88);
  // db.m5.large, 8 GiB: 8,589,934,592 - 209,715,200 - 171,798,691 = 8,208,420,701;
  // 9,531,392 x 861 = 8,206,528,512, so 861.
  EXPECT_EQ(db_instance_class_memory_bytes(8, false), 8'208'420'701);
  EXPECT_EQ(value("postgres", "db.m5.large"), 861);
  // db.r6g.large, 16 GiB: 17,179,869,184 - 209,715,200 - 343,597,383 = 16,626,556,601;
  // 9,531,392 x 1,744 = 16,622,747,648, so 1,744.
  EXPECT_EQ(value("postgres", "db.r6g.large"), 1744);
  // db.r5.2xlarge, 64 GiB: 67,135,372,002 / 9,531,392 = 7,043, above the formula's 5,000.
  EXPECT_EQ(value("postgres", "db.r5.2xlarge"), 5000);
  EXPECT_EQ(value("postgres", "db.r6i.32xlarge"), 5000);

  const DefaultMaxConnections t3 = default_max_connections("postgres", "db.t3.micro");
  EXPECT_NE(t3.explanation.find("LEAST(DBInstanceClassMemory/9531392, 5000)"), std::string::npos)
      << t3.explanation;
  EXPECT_NE(t3.explanation.find("842551788"), std::string::npos) << t3.explanation;
  EXPECT_NE(t3.explanation.find("200 MiB and 2% of it, computefit's fit of what RDS reserves"),
            std::string::npos)
      << t3.explanation;
  EXPECT_NE(t3.explanation.find("Concepts.DBInstanceClass.Summary.html"), std::string::npos);
  const DefaultMaxConnections r5 = default_max_connections("postgres", "db.r5.2xlarge");
  EXPECT_NE(r5.explanation.find("capped at 5000"), std::string::npos) << r5.explanation;
}

// RDS for MySQL and MariaDB: DBInstanceClassMemory/12582880, same DBInstanceClassMemory.
TEST(DatabaseDefaults, MysqlAndMariadbFormulaByHand) {
  // db.t3.micro: 842,551,788 / 12,582,880: 12,582,880 x 66 = 830,470,080, so 66.
  EXPECT_EQ(value("mysql", "db.t3.micro"), 66);
  EXPECT_EQ(value("mariadb", "db.t3.micro"), 66);
  // db.m5.large: 8,208,420,701 / 12,582,880: 12,582,880 x 652 = 8,204,037,760, so 652.
  EXPECT_EQ(value("mysql", "db.m5.large"), 652);
  EXPECT_EQ(value("mariadb", "db.m5.large"), 652);
  // db.r5.24xlarge, 768 GiB: 824,633,720,832 - 209,715,200 - 16,492,674,416 = 807,931,331,216;
  // 12,582,880 x 64,208 = 807,921,559,040 <= it < 807,934,141,920 = 12,582,880 x 64,209.
  EXPECT_EQ(db_instance_class_memory_bytes(768, false), 807'931'331'216);
  EXPECT_EQ(value("mysql", "db.r5.24xlarge"), 64208);
  const DefaultMaxConnections my = default_max_connections("MySQL", "db.m5.large");
  EXPECT_NE(my.explanation.find("DBInstanceClassMemory/12582880"), std::string::npos)
      << my.explanation;
}

// The RDS reserve is fitted to max_connections that RDS for PostgreSQL reported with its default
// parameter group (published at gist.github.com/guizmaii/1cacffef793c2ba9645083c3e18b3d8c):
// within 1.5% of each, read through the class table by the classes' names.
TEST(DatabaseDefaults, RdsReserveMatchesPublishedPostgresFigures) {
  struct Published {
    std::string_view instance_class;
    int max_connections;
  };
  for (const Published p : {Published{"db.t2.small", 198}, Published{"db.t2.medium", 413},
                            Published{"db.t2.large", 856}, Published{"db.m4.large", 856},
                            Published{"db.r4.large", 1660}}) {
    const std::optional<int> derived = value("postgres", p.instance_class);
    ASSERT_TRUE(derived) << p.instance_class;
    EXPECT_LE(std::abs(static_cast<double>(*derived - p.max_connections)),
              0.015 * p.max_connections)
        << p.instance_class << ": " << *derived << " vs " << p.max_connections;
  }
  // The previous generations' memory is AWS's EC2 previous-generation figures.
  const DbInstanceClass* t2 = find_db_instance_class("DB.T2.MICRO");
  ASSERT_NE(t2, nullptr);
  EXPECT_EQ(t2->memory_gib, 1);
  EXPECT_EQ(t2->vcpu, 1);
  EXPECT_EQ(t2->source, "https://aws.amazon.com/ec2/previous-generation/");
  EXPECT_EQ(value("mysql", "db.t2.micro"), 66);         // the same 1 GiB as db.t3.micro
  EXPECT_FALSE(value("aurora-mysql", "db.t2.medium"));  // not in AWS's Aurora MySQL table
}

// Aurora PostgreSQL: same formula, Aurora's reserve (200 MiB + 6.17%), fitted to AWS's own
// Aurora Serverless v2 PostgreSQL figures, which it reproduces exactly at 2 GiB an ACU.
TEST(DatabaseDefaults, AuroraPostgresFormulaReproducesAwsServerlessTable) {
  for (const PublishedMaxConnections& row : aurora_serverless_v2_max_connections()) {
    const long long derived =
        std::min(db_instance_class_memory_bytes(2 * row.max_acu, true) / 9'531'392, 5'000LL);
    EXPECT_EQ(derived, row.aurora_postgresql) << row.max_acu << " ACUs";
  }
  // db.r6g.large, 16 GiB: 17,179,869,184 - 209,715,200 - 1,059,997,928 = 15,910,156,056;
  // 9,531,392 x 1,669 = 15,907,893,248, so 1,669 (AWS's figure for 8 ACUs, also 16 GiB).
  EXPECT_EQ(db_instance_class_memory_bytes(16, true), 15'910'156'056);
  EXPECT_EQ(value("aurora-postgresql", "db.r6g.large"), 1669);
  // db.t4g.medium, 4 GiB: 4,294,967,296 - 209,715,200 - 264,999,482 = 3,820,252,614;
  // 9,531,392 x 400 = 3,812,556,800, so 400.
  EXPECT_EQ(value("aurora-postgresql", "db.t4g.medium"), 400);
  // db.r6g.xlarge, 32 GiB: 32,030,027,311 / 9,531,392 = 3,360 (AWS's figure for 16 ACUs).
  EXPECT_EQ(value("aurora-postgresql", "db.r6g.xlarge"), 3360);
  EXPECT_EQ(value("aurora-postgresql", "db.r7g.2xlarge"), 5000);
  const DefaultMaxConnections apg = default_max_connections("aurora-postgresql", "db.r6g.large");
  EXPECT_NE(
      apg.explanation.find("200 MiB and 6.17% of it, computefit's fit of what Aurora reserves"),
      std::string::npos)
      << apg.explanation;
}

// AWS's "Maximum connections for Aurora Serverless v2" table by maximum ACUs.
TEST(DatabaseDefaults, ServerlessV2IsAwsTableByMaximumAcu) {
  EXPECT_EQ(serverless("aurora-mysql", 1), 90);
  EXPECT_EQ(serverless("aurora-postgresql", 1), 189);
  EXPECT_EQ(serverless("aurora-mysql", 4), 135);
  EXPECT_EQ(serverless("aurora-postgresql", 4), 823);
  EXPECT_EQ(serverless("aurora-mysql", 8), 1000);
  EXPECT_EQ(serverless("aurora-postgresql", 8), 1669);
  EXPECT_EQ(serverless("aurora-mysql", 16), 2000);
  EXPECT_EQ(serverless("aurora-postgresql", 16), 3360);
  EXPECT_EQ(serverless("aurora-mysql", 32), 3000);
  EXPECT_EQ(serverless("aurora-mysql", 64), 4000);
  EXPECT_EQ(serverless("aurora-mysql", 128), 5000);
  EXPECT_EQ(serverless("aurora-postgresql", 128), 5000);

  // Between rows: the row below, said to be a lower bound.
  const DefaultMaxConnections six = default_max_connections("aurora-postgresql", "db.serverless",
                                                            ServerlessV2Capacity{6, std::nullopt});
  EXPECT_EQ(six.max_connections, 823);
  EXPECT_NE(six.explanation.find("no row for a maximum of 6 ACUs"), std::string::npos)
      << six.explanation;
  EXPECT_NE(six.explanation.find("lower bound"), std::string::npos);
  EXPECT_EQ(serverless("aurora-mysql", 256), 5000);
  EXPECT_EQ(serverless("aurora-mysql", 1.5), 90);

  // Aurora PostgreSQL with a minimum of 0 or 0.5 ACUs caps max_connections at 2,000.
  EXPECT_EQ(serverless("aurora-postgresql", 32, 0.5), 2000);
  EXPECT_EQ(serverless("aurora-postgresql", 32, 0), 2000);
  EXPECT_EQ(serverless("aurora-postgresql", 32, 1), 5000);
  EXPECT_EQ(serverless("aurora-postgresql", 8, 0.5), 1669);
  EXPECT_EQ(serverless("aurora-mysql", 32, 0.5), 3000);
  const DefaultMaxConnections capped =
      default_max_connections("aurora-postgresql", "db.serverless", ServerlessV2Capacity{32, 0.5});
  EXPECT_NE(capped.explanation.find("capped at 2000"), std::string::npos) << capped.explanation;
  EXPECT_NE(capped.explanation.find("aurora-serverless-v2.setting-capacity.html"),
            std::string::npos);
}

TEST(DatabaseDefaults, ServerlessV2WithoutAUsableCapacityIsUnknown) {
  const DefaultMaxConnections none = default_max_connections("aurora-postgresql", "db.serverless");
  EXPECT_FALSE(none.max_connections);
  EXPECT_NE(none.explanation.find("MaxCapacity"), std::string::npos) << none.explanation;
  EXPECT_FALSE(serverless("aurora-mysql", 0.5));
  EXPECT_FALSE(serverless("aurora-mysql", 1.25));
  EXPECT_FALSE(serverless("aurora-mysql", 512));
  EXPECT_FALSE(serverless("aurora-mysql", std::nan("")));
  const DefaultMaxConnections rds =
      default_max_connections("postgres", "db.serverless", ServerlessV2Capacity{16, std::nullopt});
  EXPECT_FALSE(rds.max_connections);
  EXPECT_NE(rds.explanation.find("Aurora Serverless v2"), std::string::npos) << rds.explanation;
}

TEST(DatabaseDefaults, UnknownEngineOrClassSaysWhy) {
  const DefaultMaxConnections oracle = default_max_connections("oracle-ee", "db.m5.large");
  EXPECT_FALSE(oracle.max_connections);
  EXPECT_NE(oracle.explanation.find("engine 'oracle-ee'"), std::string::npos) << oracle.explanation;
  const DefaultMaxConnections x9 = default_max_connections("postgres", "db.x9.large");
  EXPECT_FALSE(x9.max_connections);
  EXPECT_NE(x9.explanation.find("'db.x9.large' is not in computefit's table"), std::string::npos)
      << x9.explanation;
  EXPECT_FALSE(value("mysql", ""));
  EXPECT_FALSE(value("", "db.m5.large"));
  EXPECT_FALSE(value("aurora", "db.r5.large"));  // Aurora MySQL 1 (5.6), retired
  // Engine and class names compare without case, as RDS accepts them.
  EXPECT_EQ(value("Postgres", "DB.M5.LARGE"), 861);
}

}  // namespace
}  // namespace computefit::readers
