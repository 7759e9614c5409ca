#include "workload/schedule.hpp"
#include "workload/month.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <vector>

namespace computefit {
namespace {

// Civil-date arithmetic after Howard Hinnant's days_from_civil / civil_from_days
// (https://howardhinnant.github.io/date_algorithms.html), proleptic Gregorian, days since
// 1970-01-01.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  int year;
  int month;
  int day;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(yoe + era * 400 + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// EventBridge numbers the days of the week 1 (SUN) to 7 (SAT); 1970-01-01 was a Thursday (5).
int weekday(std::int64_t days) {
  const std::int64_t w = (days + 4) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w) + 1;
}

const std::int64_t kEpochDays = days_from_civil(2024, 1, 1);  // the simulator's second 0, a Monday
constexpr int kFirstYear = 1970;                              // EventBridge's year range
constexpr int kLastYear = 2199;

bool contains(const std::vector<int>& values, int v) {
  return std::binary_search(values.begin(), values.end(), v);
}

bool day_matches(const Schedule& s, std::int64_t days, const Civil& c) {
  const int dim = days_in_month(c.year, c.month);
  const int wd = weekday(days);
  bool dom = false;
  if (s.last_day_of_month) {
    dom = c.day == dim;
  } else if (s.nearest_weekday_to) {
    // The weekday nearest the given day, without leaving the month (AWS and Quartz semantics).
    const int target = *s.nearest_weekday_to;
    if (target <= dim) {
      const int twd = weekday(days - c.day + target);
      int pick = target;
      if (twd == 7) pick = target == 1 ? target + 2 : target - 1;
      if (twd == 1) pick = target == dim ? target - 2 : target + 1;
      dom = c.day == pick;
    }
  } else {
    dom = contains(s.days_of_month, c.day);
  }
  bool dow = false;
  if (s.nth_weekday) {
    dow = wd == s.nth_weekday->first && (c.day - 1) / 7 + 1 == s.nth_weekday->second;
  } else if (s.last_weekday_of_month) {
    dow = wd == *s.last_weekday_of_month && c.day + 7 > dim;
  } else {
    dow = contains(s.days_of_week, wd);
  }
  return dom && dow;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::optional<int> parse_int(std::string_view s) {
  if (s.empty() || s.size() > 6) return std::nullopt;
  int v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return std::nullopt;
    v = v * 10 + (ch - '0');
  }
  return v;
}

struct Field {
  std::string_view name;
  int lo;
  int hi;
  std::vector<std::string_view> names;  // names[i] stands for lo + i
};

std::optional<int> parse_value(std::string_view s, const Field& f) {
  if (auto v = parse_int(s)) return v;
  const std::string u = upper(s);
  for (std::size_t i = 0; i < f.names.size(); ++i) {
    if (u == f.names[i]) return f.lo + static_cast<int>(i);
  }
  return std::nullopt;
}

// One comma-separated cron field of values, ranges and steps: "*", "*/5", "1-5", "MON-FRI", "0/15".
bool parse_field(std::string_view text, const Field& f, std::vector<int>& out, std::string& error) {
  const std::string where = std::string(f.name) + " field '" + std::string(text) + "'";
  std::vector<bool> on(static_cast<std::size_t>(f.hi - f.lo + 1), false);
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::string_view item = text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    start = comma == std::string_view::npos ? text.size() + 1 : comma + 1;
    if (item.empty()) {
      error = "empty value in the " + where;
      return false;
    }
    std::string_view range = item;
    int step = 1;
    if (const auto slash = item.find('/'); slash != std::string_view::npos) {
      range = item.substr(0, slash);
      const auto s = parse_int(item.substr(slash + 1));
      if (!s || *s < 1) {
        error = "bad step in the " + where + ": expected a positive whole number after '/'";
        return false;
      }
      step = *s;
    }
    int a = f.lo;
    int b = f.hi;
    if (range != "*") {
      const auto dash = range.find('-');
      const auto first = parse_value(range.substr(0, dash), f);
      std::optional<int> last = first;
      if (dash != std::string_view::npos) {
        last = parse_value(range.substr(dash + 1), f);
      } else if (step != 1 || item.find('/') != std::string_view::npos) {
        last = f.hi;  // "5/15": from 5 to the end in steps of 15
      }
      if (!first || !last) {
        error = "bad value '" + std::string(range) + "' in the " + where;
        return false;
      }
      a = *first;
      b = *last;
      if (a < f.lo || a > f.hi || b < f.lo || b > f.hi) {
        error = "value out of range in the " + where + ": " + std::string(f.name) + " goes from " +
                std::to_string(f.lo) + " to " + std::to_string(f.hi);
        return false;
      }
      if (a > b) {
        error = "range '" + std::string(range) + "' runs backwards in the " + where;
        return false;
      }
    }
    for (int v = a; v <= b; v += step) on[static_cast<std::size_t>(v - f.lo)] = true;
  }
  out.clear();
  for (int v = f.lo; v <= f.hi; ++v) {
    if (on[static_cast<std::size_t>(v - f.lo)]) out.push_back(v);
  }
  return true;
}

std::vector<int> every(int lo, int hi) {
  std::vector<int> out;
  for (int v = lo; v <= hi; ++v) out.push_back(v);
  return out;
}

ScheduleParse fail(std::string message) {
  return {std::nullopt, std::move(message)};
}

ScheduleParse parse_rate(std::string_view body, std::string expression) {
  body = trim(body);
  const auto space = body.find_first_of(" \t");
  if (space == std::string_view::npos) {
    return fail("rate() needs a value and a unit, e.g. rate(5 minutes)");
  }
  const auto value = parse_int(body.substr(0, space));
  const std::string_view unit = trim(body.substr(space));
  if (!value || *value < 1)
    return fail("rate() needs a positive whole number, e.g. rate(5 minutes)");
  double unit_seconds = 0;
  bool singular = false;
  if (unit == "minute" || unit == "minutes") unit_seconds = 60;
  if (unit == "hour" || unit == "hours") unit_seconds = 3600;
  if (unit == "day" || unit == "days") unit_seconds = 86400;
  singular = !unit.empty() && unit.back() != 's';
  if (unit_seconds == 0) {
    return fail("unknown rate() unit '" + std::string(unit) +
                "': expected minute, minutes, hour, hours, day or days");
  }
  if (singular != (*value == 1)) {
    return fail(*value == 1 ? "rate(1 ...) takes the singular unit, e.g. rate(1 hour)"
                            : "rate() with a value above 1 takes the plural unit, e.g. rate(" +
                                  std::to_string(*value) + " " + std::string(unit) + "s)");
  }
  Schedule s;
  s.expression = std::move(expression);
  s.is_rate = true;
  s.rate_seconds = *value * unit_seconds;
  return {s, {}};
}

ScheduleParse parse_cron(std::string_view body, std::string expression) {
  std::vector<std::string_view> fields;
  body = trim(body);
  while (!body.empty()) {
    const auto end = body.find_first_of(" \t");
    fields.push_back(body.substr(0, end));
    body = end == std::string_view::npos ? std::string_view{} : trim(body.substr(end));
  }
  if (fields.size() != 6) {
    return fail("cron() takes 6 fields (minutes hours day-of-month month day-of-week year), got " +
                std::to_string(fields.size()));
  }
  static const Field kMinutes{"minutes", 0, 59, {}};
  static const Field kHours{"hours", 0, 23, {}};
  static const Field kDom{"day-of-month", 1, 31, {}};
  static const Field kMonth{
      "month",
      1,
      12,
      {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}};
  static const Field kDow{"day-of-week", 1, 7, {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}};
  static const Field kYear{"year", kFirstYear, kLastYear, {}};

  Schedule s;
  s.expression = std::move(expression);
  std::string error;
  if (!parse_field(fields[0], kMinutes, s.minutes, error) ||
      !parse_field(fields[1], kHours, s.hours, error) ||
      !parse_field(fields[3], kMonth, s.months, error) ||
      !parse_field(fields[5], kYear, s.years, error)) {
    return fail(error);
  }
  const std::string_view dom = fields[2];
  const std::string_view dow = fields[4];
  if ((dom == "?") == (dow == "?")) {
    return fail(
        "one of day-of-month and day-of-week must be '?' (EventBridge cannot combine them)");
  }
  s.day_of_month_any = dom == "?" || dom == "*";
  s.day_of_week_any = dow == "?" || dow == "*";
  s.days_of_month = every(1, 31);
  s.days_of_week = every(1, 7);
  if (dom == "L") {
    s.last_day_of_month = true;
  } else if (dom.size() >= 2 && dom.back() == 'W') {
    const auto day = parse_int(dom.substr(0, dom.size() - 1));
    if (!day || *day < 1 || *day > 31) {
      return fail("bad day-of-month '" + std::string(dom) + "': 'W' follows a day from 1 to 31");
    }
    s.nearest_weekday_to = *day;
  } else if (!s.day_of_month_any && !parse_field(dom, kDom, s.days_of_month, error)) {
    return fail(error);
  }
  if (dow == "L") {
    s.days_of_week = {7};  // the last day of the week: Saturday
  } else if (dow.size() >= 2 && dow.back() == 'L') {
    const auto day = parse_value(dow.substr(0, dow.size() - 1), kDow);
    if (!day || *day < 1 || *day > 7) {
      return fail("bad day-of-week '" + std::string(dow) + "': 'L' follows a day from 1 to 7");
    }
    s.last_weekday_of_month = *day;
  } else if (const auto hash = dow.find('#'); hash != std::string_view::npos) {
    const auto day = parse_value(dow.substr(0, hash), kDow);
    const auto nth = parse_int(dow.substr(hash + 1));
    if (!day || *day < 1 || *day > 7 || !nth || *nth < 1 || *nth > 5) {
      return fail("bad day-of-week '" + std::string(dow) +
                  "': expected DAY#N with a day from 1 to 7 (or SUN-SAT) and N from 1 to 5");
    }
    s.nth_weekday = std::make_pair(*day, *nth);
  } else if (!s.day_of_week_any && !parse_field(dow, kDow, s.days_of_week, error)) {
    return fail(error);
  }
  return {s, {}};
}

}  // namespace

ScheduleParse parse_schedule(std::string_view expression) {
  const std::string_view e = trim(expression);
  if (e.size() < 7 || e.back() != ')') {
    return fail("expected cron(...) or rate(...), e.g. cron(0 3 * * ? *) or rate(5 minutes)");
  }
  if (e.substr(0, 5) == "rate(") return parse_rate(e.substr(5, e.size() - 6), std::string(e));
  if (e.substr(0, 5) == "cron(") return parse_cron(e.substr(5, e.size() - 6), std::string(e));
  return fail("expected cron(...) or rate(...), e.g. cron(0 3 * * ? *) or rate(5 minutes)");
}

std::optional<double> next_run_seconds(const Schedule& s, double after_seconds) {
  if (!std::isfinite(after_seconds)) return std::nullopt;
  if (s.is_rate) {
    if (s.rate_seconds <= 0) return std::nullopt;
    const double n = std::floor(after_seconds / s.rate_seconds) + 1;
    return std::max(0.0, n) * s.rate_seconds;
  }
  if (s.minutes.empty() || s.hours.empty() || s.years.empty()) return std::nullopt;
  const double limit = (days_from_civil(kLastYear + 1, 1, 1) - kEpochDays) * 86400.0;
  if (after_seconds >= limit) return std::nullopt;
  const auto first_minute = static_cast<std::int64_t>(std::floor(after_seconds / 60)) + 1;
  std::int64_t day = first_minute >= 0 ? first_minute / 1440 : -((-first_minute + 1439) / 1440);
  int from_minute = static_cast<int>(first_minute - day * 1440);
  const int last_year = s.years.back();
  while (true) {
    const std::int64_t days = kEpochDays + day;
    const Civil c = civil_from_days(days);
    if (c.year > last_year) return std::nullopt;
    if (!contains(s.years, c.year)) {  // skip to the next year
      day = days_from_civil(c.year + 1, 1, 1) - kEpochDays;
      from_minute = 0;
      continue;
    }
    if (!contains(s.months, c.month)) {  // skip to the next month
      day = (c.month == 12 ? days_from_civil(c.year + 1, 1, 1)
                           : days_from_civil(c.year, static_cast<unsigned>(c.month + 1), 1)) -
            kEpochDays;
      from_minute = 0;
      continue;
    }
    if (day_matches(s, days, c)) {
      for (int h : s.hours) {
        for (int m : s.minutes) {
          if (h * 60 + m >= from_minute) return (static_cast<double>(day) * 1440 + h * 60 + m) * 60;
        }
      }
    }
    ++day;
    from_minute = 0;
  }
}

long long runs_between(const Schedule& s, double from_seconds, double to_seconds) {
  if (!(to_seconds > from_seconds)) return 0;
  if (s.is_rate) {
    if (s.rate_seconds <= 0) return 0;
    // Runs at k * period for every whole k with from <= k * period < to.
    const double first = std::ceil(from_seconds / s.rate_seconds);
    const double last = std::ceil(to_seconds / s.rate_seconds) - 1;
    return last >= first ? static_cast<long long>(last - first + 1) : 0;
  }
  long long runs = 0;
  const auto first_day = static_cast<std::int64_t>(std::floor(from_seconds / 86400));
  const auto last_day = static_cast<std::int64_t>(std::floor(to_seconds / 86400));
  for (std::int64_t day = first_day; day <= last_day; ++day) {
    const std::int64_t days = kEpochDays + day;
    const Civil c = civil_from_days(days);
    if (!contains(s.years, c.year) || !contains(s.months, c.month) || !day_matches(s, days, c)) {
      continue;
    }
    for (int h : s.hours) {
      for (int m : s.minutes) {
        const double t = (static_cast<double>(day) * 1440 + h * 60 + m) * 60;
        if (t >= from_seconds && t < to_seconds) ++runs;
      }
    }
  }
  return runs;
}

double runs_per_month(const Schedule& s) {
  if (s.is_rate) return s.rate_seconds > 0 ? kSecondsPerMonth / s.rate_seconds : 0;
  // The runs of the non-leap year 2025 as if its year field allowed it: a month's cost is the
  // schedule's typical month, whichever years it names.
  Schedule any_year = s;
  any_year.years = {2025};
  const double from = (days_from_civil(2025, 1, 1) - kEpochDays) * 86400.0;
  const double to = (days_from_civil(2026, 1, 1) - kEpochDays) * 86400.0;
  return static_cast<double>(runs_between(any_year, from, to)) / kHoursPerYear * kHoursPerMonth;
}

}  // namespace computefit
