#include "pricing/price_catalog.hpp"

#include "document/limits.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <stdexcept>

namespace computefit {

const PriceEntry* PriceCatalog::find(std::string_view key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

const PriceEntry& PriceCatalog::at(std::string_view key) const {
  if (const PriceEntry* entry = find(key)) return *entry;
  throw std::out_of_range("price catalog " + region_ + " has no entry " + std::string(key));
}

std::vector<const PriceEntry*> PriceCatalog::with_prefix(std::string_view prefix) const {
  std::vector<const PriceEntry*> out;
  for (auto it = entries_.lower_bound(prefix); it != entries_.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    out.push_back(&it->second);
  }
  return out;
}

namespace {

// "1.33" -> (1, 33); nullopt when not MAJOR.MINOR[.PATCH].
std::optional<std::pair<int, int>> parse_version(std::string_view text) {
  int major = 0, minor = 0;
  char tail = 0;
  const std::string s(text);
  const int read = std::sscanf(s.c_str(), "%d.%d%c", &major, &minor, &tail);
  if (read < 2 || (read == 3 && tail != '.')) return std::nullopt;
  return std::make_pair(major, minor);
}

}  // namespace

bool PriceCatalog::eks_extended_support(std::string_view kubernetes_version) const {
  const auto wanted = parse_version(kubernetes_version);
  if (!wanted || eks_versions_.empty()) return false;
  std::optional<std::pair<int, int>> oldest, newest;
  for (const EksVersionSupport& row : eks_versions_) {
    const auto v = parse_version(row.version);
    if (!v) continue;
    if (*v == *wanted) return row.end_of_standard_support < as_of_;  // ISO dates sort as text
    if (!oldest || *v < *oldest) oldest = v;
    if (!newest || *v > *newest) newest = v;
  }
  // Not listed: a version older than every listed one left standard support before them.
  return oldest && *wanted < *oldest;
}

std::string PriceCatalog::standard_kubernetes_version() const {
  std::optional<std::pair<int, int>> newest;
  std::string text;
  for (const EksVersionSupport& row : eks_versions_) {
    const auto v = parse_version(row.version);
    if (!v || row.end_of_standard_support < as_of_) continue;
    if (!newest || *v > *newest) {
      newest = v;
      text = row.version;
    }
  }
  // A catalog without a support table: the newest version EKS offered when this was written.
  return newest ? text : std::string(kNewestKnownKubernetesVersion);
}

const std::vector<std::string>& required_price_keys() {
  static const std::vector<std::string> keys = [] {
    using namespace price_keys;
    const std::string_view all[] = {
        kLambdaRequests,
        kLambdaDurationX86,
        kLambdaDurationArm,
        kLambdaProvisionedX86,
        kLambdaProvisionedArm,
        kLambdaProvisionedDurationX86,
        kLambdaProvisionedDurationArm,
        kLambdaEphemeralStorage,
        kLambdaFreeRequests,
        kLambdaFreeGbSeconds,
        kFargateVcpuX86,
        kFargateVcpuArm,
        kFargateMemoryX86,
        kFargateMemoryArm,
        kFargateStorage,
        kFargateStorageIncluded,
        kFargateSpotDiscount,
        kEc2SpotDiscount,
        kSavingsPlan1yrEc2,
        kSavingsPlan1yrFargate,
        kSavingsPlan1yrLambda,
        kSavingsPlan3yrEc2,
        kSavingsPlan3yrFargate,
        kSavingsPlan3yrLambda,
        kEbsGp3,
        kEksStandard,
        kEksExtended,
        kAlbHour,
        kAlbLcuHour,
        kApiGatewayHttp,
        kApiGatewayRest,
        kApiGatewayHttpMeterKb,
        kNatGatewayHour,
        kNatGatewayGb,
        kVpcEndpointHour,
        kVpcEndpointGb,
        kRdsProxyVcpuHour,
        kRdsProxyMinimumVcpus,
        kLogsIngest,
        kInternetOut,
        kInternetOutFree,
    };
    return std::vector<std::string>(std::begin(all), std::end(all));
  }();
  return keys;
}

namespace {

SourceMark mark_of(const YAML::Node& node) {
  const YAML::Mark m = node.Mark();
  if (m.line < 0) return {};
  return {m.line + 1, m.column + 1};
}

bool leap_year(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// YYYY-MM-DD naming a real calendar day.
bool valid_iso_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const int year = std::stoi(text.substr(0, 4));
  const int month = std::stoi(text.substr(5, 2));
  const int day = std::stoi(text.substr(8, 2));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const int last = kDays[month - 1] + (month == 2 && leap_year(year) ? 1 : 0);
  return day <= last;
}

class CatalogParser {
 public:
  explicit CatalogParser(std::string file) : file_(std::move(file)) {}

  CatalogLoadResult parse(const std::string& text) {
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
      error({e.mark.line + 1, e.mark.column + 1}, "catalog-bad-yaml", e.msg);
      return finish();
    } catch (const YAML::Exception& e) {
      error({}, "catalog-bad-yaml", e.what());
      return finish();
    }
    if (!root.IsMap()) {
      error(mark_of(root), "catalog-bad-yaml",
            "a price catalog is a mapping with region, as_of and prices");
      return finish();
    }
    check_duplicates(root);
    for (const auto& kv : root) {
      const std::string key = kv.first.Scalar();
      if (key != "region" && key != "as_of" && key != "prices" && key != "eks_versions") {
        error(mark_of(kv.first), "catalog-unknown-key",
              "unknown key '" + key + "' (expected region, as_of, prices, eks_versions)");
      }
    }
    region_ = required_string(root, "region", mark_of(root));
    as_of_ = required_date(root, "as_of", mark_of(root));
    const YAML::Node prices = root["prices"];
    SourceMark prices_mark = mark_of(root);
    for (const auto& kv : root) {
      if (kv.first.Scalar() == "prices") prices_mark = mark_of(kv.first);
    }
    if (!prices) {
      error(mark_of(root), "catalog-missing-key", "missing 'prices'");
    } else if (!prices.IsMap()) {
      error(mark_of(prices), "catalog-bad-yaml", "'prices' must map keys to entries");
    } else {
      check_duplicates(prices);
      for (const auto& kv : prices) parse_entry(kv.first.Scalar(), kv.first, kv.second);
      for (const std::string& key : required_price_keys()) {
        if (!entries_.count(key)) {
          error(prices_mark, "catalog-missing-key", "missing required price '" + key + "'");
        }
      }
    }
    if (const YAML::Node versions = root["eks_versions"]) parse_eks_versions(versions);
    return finish();
  }

 private:
  void error(SourceMark mark, std::string code, std::string message) {
    diagnostics_.push_back({file_, mark, std::move(code), std::move(message)});
  }

  CatalogLoadResult finish() {
    CatalogLoadResult result;
    if (diagnostics_.empty()) {
      std::sort(eks_versions_.begin(), eks_versions_.end(),
                [](const EksVersionSupport& a, const EksVersionSupport& b) {
                  return parse_version(a.version) < parse_version(b.version);
                });
      result.catalog = PriceCatalog(region_, as_of_, std::move(entries_), std::move(eks_versions_));
    }
    result.diagnostics = std::move(diagnostics_);
    return result;
  }

  // yaml-cpp keeps duplicate keys silently; a duplicated price would hide one of the figures.
  void check_duplicates(const YAML::Node& map) {
    std::set<std::string> seen;
    for (const auto& kv : map) {
      if (!seen.insert(kv.first.Scalar()).second) {
        error(mark_of(kv.first), "catalog-duplicate-key",
              "key '" + kv.first.Scalar() + "' appears twice");
      }
    }
  }

  std::string required_string(const YAML::Node& map, const std::string& key, SourceMark where,
                              const std::string& context = "") {
    const YAML::Node node = map[key];
    if (!node) {
      error(where,
            key == "source"  ? "catalog-missing-source"
            : key == "as_of" ? "catalog-missing-as-of"
                             : "catalog-missing-key",
            "missing '" + key + "'" + context);
      return {};
    }
    if (!node.IsScalar() || node.Scalar().empty()) {
      error(mark_of(node), "catalog-bad-value", "'" + key + "' must be a non-empty text" + context);
      return {};
    }
    return node.Scalar();
  }

  std::string required_date(const YAML::Node& map, const std::string& key, SourceMark where,
                            const std::string& context = "") {
    std::string date = required_string(map, key, where, context);
    if (!date.empty() && !valid_iso_date(date)) {
      error(mark_of(map[key]), "catalog-bad-date",
            "'" + key + "' must be an ISO date YYYY-MM-DD, got '" + date + "'" + context);
      return {};
    }
    return date;
  }

  std::optional<double> number(const YAML::Node& node, const std::string& what,
                               bool allow_zero = true) {
    double value = 0;
    if (!node.IsScalar() || !YAML::convert<double>::decode(node, value) || !std::isfinite(value)) {
      error(mark_of(node), "catalog-not-a-number",
            what + " must be a number, got '" + (node.IsScalar() ? node.Scalar() : "?") + "'");
      return std::nullopt;
    }
    if (value < 0 || (!allow_zero && value == 0)) {
      error(mark_of(node), "catalog-negative-price",
            what + (allow_zero ? " must not be negative" : " must be positive") + ", got " +
                node.Scalar());
      return std::nullopt;
    }
    // A price in USD, or a quantity (amount, up_to): bounded so that no figure built on it
    // overflows (limits.hpp).
    const bool price = what.rfind("usd", 0) == 0 || what.rfind("tier usd", 0) == 0;
    const double most = price ? limits::kMaxUnitPriceUsd : limits::kMaxCatalogQuantity;
    if (value > most) {
      error(mark_of(node), "catalog-out-of-range",
            what + " must be at most " + (price ? "1e6 USD" : "1e15") + ", got " + node.Scalar());
      return std::nullopt;
    }
    return value;
  }

  void parse_entry(const std::string& key, const YAML::Node& key_node, const YAML::Node& node) {
    const std::string context = " in price '" + key + "'";
    if (!node.IsMap()) {
      error(mark_of(key_node), "catalog-bad-yaml", "price '" + key + "' must be a mapping");
      return;
    }
    check_duplicates(node);
    static const std::set<std::string> kFields = {"usd",    "tiers", "amount",     "unit",
                                                  "source", "as_of", "confidence", "note"};
    for (const auto& kv : node) {
      if (!kFields.count(kv.first.Scalar())) {
        error(mark_of(kv.first), "catalog-unknown-key",
              "unknown field '" + kv.first.Scalar() + "'" + context +
                  " (expected usd, tiers, amount, unit, source, as_of, confidence, note)");
      }
    }
    PriceEntry entry;
    entry.key = key;
    const SourceMark where = mark_of(key_node);
    entry.unit = required_string(node, "unit", where, context);
    entry.source = required_string(node, "source", where, context);
    entry.as_of = required_date(node, "as_of", where, context);
    entry.confidence = required_string(node, "confidence", where, context);
    if (!entry.confidence.empty() && entry.confidence != "A" && entry.confidence != "B" &&
        entry.confidence != "C") {
      error(mark_of(node["confidence"]), "catalog-bad-value",
            "confidence must be A, B or C" + context);
    }
    if (const YAML::Node note = node["note"]) entry.note = note.IsScalar() ? note.Scalar() : "";

    const int forms = (node["usd"] ? 1 : 0) + (node["tiers"] ? 1 : 0) + (node["amount"] ? 1 : 0);
    if (forms != 1) {
      error(where, forms == 0 ? "catalog-missing-key" : "catalog-bad-value",
            "price '" + key + "' needs exactly one of usd, tiers or amount");
      return;
    }
    if (const YAML::Node usd = node["usd"]) {
      if (auto value = number(usd, "usd" + context)) {
        entry.usd = *value;
        if (entry.unit == "fraction" && entry.usd >= 1) {
          error(mark_of(usd), "catalog-bad-value", "a fraction must be below 1" + context);
        }
      }
    } else if (const YAML::Node amount = node["amount"]) {
      entry.amount = number(amount, "amount" + context);
    } else {
      parse_tiers(node["tiers"], entry, context);
    }
    entries_[key] = std::move(entry);
  }

  void parse_tiers(const YAML::Node& tiers, PriceEntry& entry, const std::string& context) {
    if (!tiers.IsSequence() || tiers.size() == 0) {
      error(mark_of(tiers), "catalog-bad-value", "tiers must be a non-empty list" + context);
      return;
    }
    double previous = 0;
    for (std::size_t i = 0; i < tiers.size(); ++i) {
      const YAML::Node tier = tiers[i];
      const bool last = i + 1 == tiers.size();
      if (!tier.IsMap() || !tier["usd"]) {
        error(mark_of(tier), "catalog-missing-key", "each tier needs usd" + context);
        continue;
      }
      PriceTier parsed;
      if (auto usd = number(tier["usd"], "tier usd" + context)) parsed.usd = *usd;
      if (const YAML::Node up_to = tier["up_to"]) {
        if (last) {
          error(mark_of(up_to), "catalog-bad-value",
                "the last tier has no up_to (it covers all further usage)" + context);
        } else if (auto limit = number(up_to, "up_to" + context, false)) {
          if (*limit <= previous) {
            error(mark_of(up_to), "catalog-tiers-not-increasing",
                  "tier boundaries must increase" + context);
          }
          parsed.up_to = *limit;
          previous = *limit;
        }
      } else if (!last) {
        error(mark_of(tier), "catalog-missing-key",
              "every tier but the last needs up_to" + context);
      }
      entry.tiers.push_back(parsed);
    }
    if (!entry.tiers.empty()) entry.usd = entry.tiers.front().usd;
  }

  void parse_eks_versions(const YAML::Node& versions) {
    if (!versions.IsSequence()) {
      error(mark_of(versions), "catalog-bad-yaml", "eks_versions must be a list");
      return;
    }
    for (const YAML::Node& row : versions) {
      if (!row.IsMap()) {
        error(mark_of(row), "catalog-bad-yaml", "each eks_versions row is a mapping");
        continue;
      }
      EksVersionSupport parsed;
      const std::string context = " in eks_versions";
      parsed.version = required_string(row, "version", mark_of(row), context);
      if (!parsed.version.empty() && !parse_version(parsed.version)) {
        error(mark_of(row["version"]), "catalog-bad-value",
              "version must look like 1.33, got '" + parsed.version + "'");
      }
      parsed.end_of_standard_support =
          required_date(row, "end_of_standard_support", mark_of(row), context);
      parsed.source = required_string(row, "source", mark_of(row), context);
      parsed.as_of = required_date(row, "as_of", mark_of(row), context);
      eks_versions_.push_back(std::move(parsed));
    }
  }

  std::string file_;
  Diagnostics diagnostics_;
  std::string region_;
  std::string as_of_;
  std::map<std::string, PriceEntry, std::less<>> entries_;
  std::vector<EksVersionSupport> eks_versions_;
};

}  // namespace

CatalogLoadResult parse_price_catalog(const std::string& text, const std::string& display_name) {
  return CatalogParser(display_name).parse(text);
}

CatalogLoadResult load_price_catalog(const std::string& path, const FileSystem& fs) {
  const std::optional<std::string> text = fs.read(path);
  if (!text) {
    CatalogLoadResult result;
    result.diagnostics.push_back({path, {}, "catalog-unreadable", "cannot read the price catalog"});
    return result;
  }
  return parse_price_catalog(*text, path);
}

std::vector<TierSpan> tier_spans(const PriceEntry& price, double quantity, double already_used) {
  std::vector<TierSpan> spans;
  if (quantity <= 0) return spans;
  if (!price.tiered()) {
    spans.push_back({0, quantity, price.usd, quantity * price.usd});
    return spans;
  }
  const double start = std::max(0.0, already_used);
  const double end = start + quantity;
  double lower = 0;
  for (std::size_t i = 0; i < price.tiers.size(); ++i) {
    const PriceTier& tier = price.tiers[i];
    const double from = std::max(start, lower);
    const double to = std::min(end, tier.up_to);
    if (to > from) spans.push_back({i, to - from, tier.usd, (to - from) * tier.usd});
    lower = tier.up_to;
    if (lower >= end) break;
  }
  return spans;
}

double tiered_charge(const PriceEntry& price, double quantity, double already_used) {
  double total = 0;
  for (const TierSpan& span : tier_spans(price, quantity, already_used)) total += span.charge;
  return total;
}

}  // namespace computefit
