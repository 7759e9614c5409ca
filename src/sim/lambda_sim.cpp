#include "sim/lambda_sim.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <utility>
#include <vector>

#include "sim/batch_means.hpp"
#include "sim/busiest_hour.hpp"
#include "sim/event_queue.hpp"
#include "sim/histogram.hpp"
#include "sim/newest_idle_set.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"
#include "sim/variate_stream.hpp"

namespace computefit::sim {
namespace {

constexpr Tick kTicksPerMsInt = kTicksPerSecond / 1000;
constexpr double kTicksPerMs = static_cast<double>(kTicksPerMsInt);

// An execution environment; slots are reused once an environment is reclaimed.
struct Environment {
  Tick busy_until = 0;         // the end of its current or last request: idle from then on
  std::uint32_t position = 0;  // its place in the small-fleet arrays (small-fleet mode)
  bool provisioned = false;
  bool reclaim_scheduled = false;
};

// Events or messages waiting for an invocation, oldest first, by arrival time. Arrivals close
// together are kept as one run (its first and last arrival and how many), spread evenly over it
// when taken. A run grows only while it spans at most 1/1024 of the line's age, so a wait is off by
// at most 0.1% of itself, while the runs kept follow how long the backlog is, not how many wait
// (tens of thousands at most for a 6-hour backlog, whatever the rate). No run spans the start of
// the measured span, so an arrival of the burn-in is never taken as a measured one.
class WaitingLine {
 public:
  explicit WaitingLine(Tick measured_from) : measured_from_(measured_from) {}
  bool empty() const { return size_ == 0; }
  std::int64_t size() const { return size_; }
  Tick front() const { return runs_.front().at(runs_.front().taken); }
  void push(Tick origin) {
    ++size_;
    if (!runs_.empty()) {
      Run& back = runs_.back();
      if (back.taken == 0 && back.count < kMaxRun &&
          (origin - back.first) * kSpanDivisor <= origin - front() &&
          (back.first < measured_from_) == (origin < measured_from_)) {
        back.last = origin;
        ++back.count;
        return;
      }
    }
    runs_.push_back({origin, origin, 1, 0});
  }
  Tick pop() {
    Run& run = runs_.front();
    const Tick origin = run.at(run.taken);
    if (++run.taken == run.count) runs_.pop_front();
    --size_;
    return origin;
  }

 private:
  static constexpr Tick kSpanDivisor = 1024;
  static constexpr std::uint32_t kMaxRun = 1U << 30;
  struct Run {
    Tick first = 0;
    Tick last = 0;
    std::uint32_t count = 0;
    std::uint32_t taken = 0;
    Tick at(std::uint32_t i) const {
      if (count <= 1 || last == first) return first;
      const double share = static_cast<double>(i) / static_cast<double>(count - 1);
      return first + std::llround(static_cast<double>(last - first) * share);
    }
  };
  Tick measured_from_;
  std::deque<Run> runs_;
  std::int64_t size_ = 0;
};

// The environments are kept in one of two ways, with the same results (a test runs both):
// - a small fleet (at most kSmallFleet on-demand and provisioned environments each) keeps every
//   environment's busy-until time in an array in creation order: the newest idle one is a short
//   scan from the top, the busy count one pass taken only when it matters, and completions need
//   no events at all;
// - a larger fleet schedules each completion as an event and keeps the idle environments in a
//   NewestIdleSet, which costs a heap operation per request but nothing per live environment.
// A run starts small, switches when the fleet outgrows the arrays, and switches back when it has
// shrunk to half of them.
constexpr int kSmallFleet = 64;

// The concurrent invocations allowed: reserved concurrency, else the account's; for a queue, the
// event source mapping's maximum concurrency when it is lower.
std::int64_t concurrency_limit(const LambdaSimConfig& config) {
  std::int64_t limit = config.reserved_concurrency.value_or(config.account_concurrency);
  if (config.invocation == Invocation::queue && config.max_concurrency) {
    limit = std::min<std::int64_t>(limit, *config.max_concurrency);
  }
  return limit;
}

class LambdaEngine {
 public:
  LambdaEngine(const LambdaSimConfig& config, double seconds, std::uint64_t seed)
      : config_(config),
        rng_(seed),
        warm_duration_(config.warm_duration,
                       config.duration_seed.value_or(stream_seed(seed, kDurationStream)),
                       config.recorded_durations),
        traffic_rng_(traffic_seed(config.traffic_seed, seed)),
        start_(to_ticks(config.measure_from_seconds)),
        end_(start_ + to_ticks(seconds)),
        keep_alive_(to_ticks(config.keep_alive_seconds)),
        timeout_(to_ticks(config.timeout_seconds)),
        front_door_(config.front_door_timeout_seconds &&
                            config.invocation == Invocation::synchronous
                        ? to_ticks(*config.front_door_timeout_seconds)
                        : kNever),
        window_(to_ticks(config.scaling_window_seconds)),
        limit_(concurrency_limit(config)),
        memory_gb_(config.memory_mb / 1024),
        line_(start_),
        recent_creations_(static_cast<std::size_t>(std::max(config.scaling_environments, 0)),
                          -kNever),
        batch_(start_, end_),
        hour_(start_, end_) {
    const bool queue = config.invocation == Invocation::queue;
    max_age_ = to_ticks(queue ? config.queue_retention_seconds : config.event_max_age_seconds);
    batching_window_ = queue ? to_ticks(std::max(config.batching_window_seconds, 0.0)) : 0;
    batch_size_ = queue ? std::max(config.batch_size, 1) : 1;
    batching_ = batch_size_ > 1 || batching_window_ > 0;
    result_.simulated_seconds = seconds;
    result_.seed = seed;
    dormant_ = std::max(config.initial_environments, 0) > config.idle_environment_objects
                   ? config.initial_environments
                   : 0;
    small_fleet_ = config.small_fleet_arrays && config.provisioned <= kSmallFleet && dormant_ == 0;
    for (int i = 0; i < config.provisioned; ++i) {
      const std::uint32_t slot = new_slot(true);
      if (small_fleet_) {
        environments_[slot].position = static_cast<std::uint32_t>(provisioned_count_);
        provisioned_until_[static_cast<std::size_t>(provisioned_count_)] = 0;
        provisioned_slot_[static_cast<std::size_t>(provisioned_count_)] = slot;
        ++provisioned_count_;
      } else {
        idle_provisioned_.push_back(slot);
      }
    }
    // The warm start: environments the opening traffic keeps, idle and reclaimable.
    for (int i = 0; i < (dormant_ > 0 ? 0 : std::max(config.initial_environments, 0)); ++i) {
      if (small_fleet_ && on_demand_positions_ == kSmallFleet) make_room(0);
      std::uint32_t slot = 0;
      if (small_fleet_) {
        slot = new_slot(false);
        const auto position = static_cast<std::size_t>(on_demand_positions_++);
        environments_[slot].position = static_cast<std::uint32_t>(position);
        on_demand_slot_[position] = slot;
        on_demand_until_[position] = 0;
        ++on_demand_live_;
      } else {
        slot = new_slot(false);
        idle_.add_newest(slot);
        idle_.set_idle(slot);
      }
      environments_[slot].reclaim_scheduled = true;
      reclaims_.push(keep_alive_, slot);
    }
    instances_.set(0, config.provisioned + std::max(config.initial_environments, 0));
    measuring_ = start_ == 0;
    observe(0);
  }

  template <typename Arrivals>
  SimulationResult run(Arrivals& arrivals) {
    ArrivalBuffer<Arrivals> upcoming(arrivals, traffic_rng_);
    Tick next_arrival = upcoming.next();
    while (true) {
      const Tick arrival_time = next_arrival < end_ ? next_arrival : kNever;
      const Tick completion_time = completions_.empty() ? kNever : completions_.top().time;
      const Tick retry_time = drain_at_;
      const Tick dormant_time = dormant_ > 0 ? keep_alive_ : kNever;
      const Tick reclaim_time =
          std::min(reclaims_.empty() ? kNever : reclaims_.top().time, dormant_time);
      const Tick other_time = std::min({completion_time, retry_time, reclaim_time});
      // At one tick: completions first (they free environments), then the waiting line, then
      // reclaims, then new arrivals; each source is itself in (time, sequence) order.
      if (arrival_time < other_time) {
        advance(arrival_time);
        ++result_.events;
        if (measuring_) {
          ++result_.requests;
          hour_.arrival();
        }
        arrive(arrival_time);
        next_arrival = upcoming.next();
      } else if (other_time == kNever) {
        break;
      } else if (completion_time == other_time) {
        const auto event = completions_.pop();
        advance(event.time);
        complete(event.payload);
      } else if (retry_time == other_time) {
        advance(retry_time);
        ++result_.events;
        drain(retry_time);
      } else if (dormant_time == other_time) {
        // The warm start's never-used environments reach their keep-alive together.
        advance(dormant_time);
        instances_.add(dormant_time, -dormant_);
        dormant_ = 0;
        observe(dormant_time);
      } else {
        const auto event = reclaims_.pop();
        advance(event.time);
        ++result_.events;
        check_reclaim(event.time, event.payload);
      }
    }
    advance(end_);
    return finish();
  }

 private:
  std::uint32_t new_slot(bool provisioned) {
    std::uint32_t slot = 0;
    if (!free_slots_.empty()) {
      slot = free_slots_.back();
      free_slots_.pop_back();
    } else {
      slot = static_cast<std::uint32_t>(environments_.size());
      environments_.emplace_back();
    }
    environments_[slot] = Environment{0, 0, provisioned, false};
    return slot;
  }

  // Records the levels for the busiest hour; called whenever the instance count changes (the
  // only level it keeps for Lambda), which is when its peaks can move.
  void observe(Tick now) {
    const std::int64_t instances = instances_.level();
    hour_.observe(now, instances, instances * config_.connections_per_instance, 0);
  }

  // Moves the clock to `now`: one comparison unless a minute, a batch or the end is crossed.
  void advance(Tick now) {
    if (now >= next_boundary_) cross_boundaries(now);
  }

  // Starts the measured span, closes minutes and batches, and freezes the instance level at the
  // end.
  void cross_boundaries(Tick now) {
    if (!measuring_ && now >= start_) start_measuring();
    hour_.advance(now);
    while (batch_.due(now)) batch_.step();
    if (!frozen_ && now >= end_) {
      result_.instances = {instances_.mean_until(end_), instances_.peak()};
      frozen_ = true;
    }
    current_latency_ = &latency_batches_[static_cast<std::size_t>(batch_.index())];
    current_usage_ = &batches_.usage[static_cast<std::size_t>(batch_.index())];
    next_boundary_ = std::min({measuring_ ? kNever : start_, hour_.next_boundary(),
                               batch_.next_boundary(), frozen_ ? kNever : end_});
  }

  // The burn-in is over: what happened before is discarded (requests that arrived before now are
  // never counted, whenever they finish), and the levels measure from here.
  void start_measuring() {
    measuring_ = true;
    instances_.start_measuring(start_);
    busy_peak_ = 0;
    observe(start_);
  }

  bool may_create(Tick now) const {
    if (recent_creations_.empty()) return false;
    return recent_creations_[creation_cursor_] <= now - window_;
  }

  void note_creation(Tick now) {
    recent_creations_[creation_cursor_] = now;
    if (++creation_cursor_ == recent_creations_.size()) creation_cursor_ = 0;
  }

  // A new arrival: invoked at once, or for a queue with batching, into the line the event source
  // mapping takes batches from; behind a line that waits for concurrency, at its end.
  void arrive(Tick now) {
    if (limit_ <= 0) return throttle(now, now);
    if (blocked_ || batching_) {
      line_.push(now);
      ++pushed_;
      if (blocked_) {
        waited_through_ = pushed_;  // it waits for concurrency too
      } else {
        drain(now);
      }
      return;
    }
    std::uint32_t slot = 0;
    std::int64_t busy = 0;
    bool cold = false;
    if (!acquire(now, slot, cold, busy)) return throttle(now, now);
    start(now, &now, 1, slot, cold, busy + 1);
  }

  // Takes an environment for an invocation at `now` within the limit and the scaling rate; false
  // when every environment the limit allows is busy or no new one may start yet. `busy` counts the
  // environments busy before it.
  bool acquire(Tick now, std::uint32_t& slot, bool& cold, std::int64_t& busy) {
    if (small_fleet_ && on_demand_positions_ == kSmallFleet) make_room(now);
    busy = 0;
    cold = false;
    if (small_fleet_) {
      // The busy count matters only if it could reach the limit or a new peak: every live
      // environment busy (then no idle one is found and the count is known) or, for a warm start,
      // more live environments than the peak so far.
      const std::int64_t live = provisioned_count_ + on_demand_live_;
      const bool count = live >= limit_ || (live > busy_peak_ && now < end_);
      busy = count ? count_busy_small(now) : 0;
      if (busy >= limit_) return false;
      if (!take_idle_small(now, slot)) {
        if (!may_create(now)) return false;
        slot = create_small(now);
        cold = true;
        busy = live;  // every environment was busy
      }
    } else {
      busy = busy_count_;
      if (busy >= limit_) return false;
      if (!idle_provisioned_.empty()) {
        slot = idle_provisioned_.back();
        idle_provisioned_.pop_back();
      } else if (idle_.take_newest(slot)) {
        // the newest idle environment
      } else if (dormant_ > 0) {
        slot = wake_dormant();
      } else {
        if (!may_create(now)) return false;
        slot = new_slot(false);
        idle_.add_newest(slot);
        note_creation(now);
        cold = true;
      }
    }
    return true;
  }

  // The first time after `now` at which an invocation might start: the next completion or the
  // next environment the scaling rate allows (kNever when neither comes).
  Tick next_capacity(Tick now) const {
    Tick next = kNever;
    if (small_fleet_) {
      for (int i = 0; i < provisioned_count_; ++i) {
        if (provisioned_until_[i] > now) next = std::min(next, provisioned_until_[i]);
      }
      for (int p = 0; p < on_demand_positions_; ++p) {
        if (on_demand_until_[p] > now) next = std::min(next, on_demand_until_[p]);  // gaps: never
      }
    } else if (!completions_.empty()) {
      next = completions_.top().time;
    }
    if (!recent_creations_.empty()) {
      const Tick allowed = recent_creations_[creation_cursor_] + window_;
      if (allowed > now) next = std::min(next, allowed);
    }
    return next;
  }

  // The waiting line at `now`: drops what is past its maximum age, then starts invocations while
  // concurrency allows, each with up to batch_size of the oldest (a queue's mapping first gathers
  // a batch for up to its batching window), and sets when to look again.
  void drain(Tick now) {
    drain_at_ = kNever;
    while (!line_.empty() && line_.front() < now - max_age_) {
      const Tick origin = line_.pop();
      const bool waited = popped_++ < waited_through_;
      if (origin >= start_) {
        ++result_.throttled;
        result_.waited += waited;
      }
    }
    while (!line_.empty()) {
      if (line_.size() < batch_size_ && line_.front() + batching_window_ > now) {
        blocked_ = false;
        drain_at_ = line_.front() + batching_window_;
        return;
      }
      std::uint32_t slot = 0;
      std::int64_t busy = 0;
      bool cold = false;
      if (!acquire(now, slot, cold, busy)) {
        blocked_ = true;
        waited_through_ = pushed_;
        drain_at_ = std::min(next_capacity(now), line_.front() + max_age_ + 1);
        return;
      }
      const auto n = static_cast<std::size_t>(std::min(line_.size(), batch_size_));
      batch_origins_.clear();
      for (std::size_t i = 0; i < n; ++i) {
        const Tick origin = line_.pop();
        const bool waited = popped_++ < waited_through_;
        batch_origins_.push_back(origin);
        if (origin < start_) continue;
        result_.waited += waited;
        const Tick wait = now - origin;
        if (wait > 0) waits_.record(wait);
      }
      start(now, batch_origins_.data(), n, slot, cold, busy + 1);
    }
    blocked_ = false;
  }

  // One of the warm start's environments held as a count (idle since 0, reclaimed at the
  // keep-alive unless used) made an object for a request.
  std::uint32_t wake_dormant() {
    --dormant_;
    const std::uint32_t slot = new_slot(false);
    idle_.add_newest(slot);
    environments_[slot].reclaim_scheduled = true;
    reclaims_.push(keep_alive_, slot);
    return slot;
  }

  // Takes an idle environment at `now`: a provisioned one first, else the newest on-demand one
  // (scanned from the newest down; under newest-first routing an idle one is usually near the
  // top). Which provisioned one is taken changes nothing: they are alike and never reclaimed.
  bool take_idle_small(Tick now, std::uint32_t& slot) const {
    for (int i = provisioned_count_; i-- > 0;) {
      if (provisioned_until_[i] <= now) {
        slot = provisioned_slot_[i];
        return true;
      }
    }
    for (int p = on_demand_positions_; p-- > 0;) {
      if (on_demand_until_[p] <= now) {
        slot = on_demand_slot_[p];
        return true;
      }
    }
    return false;
  }

  // The environments busy at `now`, in one pass without branches (gaps count as busy there).
  std::int64_t count_busy_small(Tick now) const {
    std::int64_t busy = 0;
    for (int i = 0; i < provisioned_count_; ++i) busy += provisioned_until_[i] > now;
    for (int p = 0; p < on_demand_positions_; ++p) busy += on_demand_until_[p] > now;
    return busy - (on_demand_positions_ - on_demand_live_);
  }

  // A new on-demand environment at the top of the small-fleet arrays.
  std::uint32_t create_small(Tick now) {
    const std::uint32_t slot = new_slot(false);
    const auto position = static_cast<std::size_t>(on_demand_positions_++);
    environments_[slot].position = static_cast<std::uint32_t>(position);
    on_demand_slot_[position] = slot;
    ++on_demand_live_;
    note_creation(now);
    return slot;
  }

  // Closes the gaps in the on-demand arrays, keeping creation order.
  void compact_small() {
    int kept = 0;
    for (int p = 0; p < on_demand_positions_; ++p) {
      if (on_demand_until_[p] == kGap) continue;
      on_demand_until_[kept] = on_demand_until_[p];
      on_demand_slot_[kept] = on_demand_slot_[p];
      environments_[on_demand_slot_[kept]].position = static_cast<std::uint32_t>(kept);
      ++kept;
    }
    on_demand_positions_ = kept;
  }

  // The arrays are full: close the gaps left by reclaimed environments, or, when they are few,
  // move to the large-fleet structures for the rest of the run.
  void make_room(Tick now) {
    if (on_demand_live_ < kSmallFleet * 3 / 4) return compact_small();
    busy_count_ = 0;
    for (int i = 0; i < provisioned_count_; ++i) {
      const std::uint32_t slot = provisioned_slot_[i];
      if (provisioned_until_[i] > now) {
        completions_.push(provisioned_until_[i], slot);
        ++busy_count_;
      } else {
        idle_provisioned_.push_back(slot);
      }
    }
    for (int p = 0; p < on_demand_positions_; ++p) {
      if (on_demand_until_[p] == kGap) continue;
      const std::uint32_t slot = on_demand_slot_[p];
      idle_.add_newest(slot);  // in creation order
      if (on_demand_until_[p] > now) {
        completions_.push(on_demand_until_[p], slot);
        ++busy_count_;
      } else {
        idle_.set_idle(slot);
      }
    }
    small_fleet_ = false;
  }

  // Runs an invocation carrying the `n` requests or messages that arrived at `origins` (oldest
  // first) on `slot` from `now`; `busy` counts the environments busy with it. It is billed when
  // its newest request is measured; each measured request counts its own outcome and latency.
  void start(Tick now, const Tick* origins, std::size_t n, std::uint32_t slot, bool cold,
             std::int64_t busy) {
    const bool measured = origins[n - 1] >= start_;
    if (cold) {
      instances_.add(now, 1);
      observe(now);
    }
    const Tick init = cold ? to_ticks_nonnegative(config_.cold_start.sample(rng_)) : 0;
    Tick run = to_ticks_nonnegative(warm_duration_.next());
    bool timed_out = false;
    if (run > timeout_) {
      run = timeout_;
      timed_out = true;
    }
    ++result_.events;  // its completion
    const Tick done = now + init + run;
    Environment& env = environments_[slot];
    for (std::size_t i = 0; i < n; ++i) {
      const Tick origin = origins[i];
      if (origin < start_) continue;
      if (cold) ++result_.cold_starts;
      // Past the front door's limit the client got a 504 at that limit; the function runs on.
      bool late = timed_out;
      if (done - origin > front_door_) {
        late = true;
        current_latency_->record(front_door_);
      } else {
        current_latency_->record(done - origin);
      }
      ++(late ? result_.timed_out : result_.completed);
    }
    if (measured) {
      ++invocations_;
      // Billed duration: rounded up to the next millisecond, the init phase included.
      const Tick billed_ms = (init + run + kTicksPerMsInt - 1) / kTicksPerMsInt;
      (env.provisioned ? billed_ms_provisioned_ : billed_ms_) += billed_ms;
      *current_usage_ += static_cast<double>(billed_ms);
    }
    // The busy level's area over the measured span is the sum of the busy spans inside it; its
    // peak is reached at a start.
    if (now < end_ && done > start_) {
      busy_area_ += static_cast<double>(std::min(done, end_) - std::max(now, start_));
      if (now >= start_) busy_peak_ = std::max(busy_peak_, busy);
    }
    env.busy_until = done;
    if (small_fleet_) {
      (env.provisioned ? provisioned_until_ : on_demand_until_)[env.position] = done;
    } else {
      completions_.push(done, slot);
      ++busy_count_;
    }
    // At most one reclaim check per environment is pending; a check that finds the environment
    // used since moves itself to the new due time, so reused environments cost nothing here.
    if (!env.provisioned && !env.reclaim_scheduled) {
      env.reclaim_scheduled = true;
      reclaims_.push(done + keep_alive_, slot);
    }
  }

  // The delay before retry number `attempt` + 1 of a throttled request and the age past which it
  // is given up (nothing is retried for a synchronous one).
  std::pair<Tick, Tick> retry_delay(std::uint32_t attempt) const {
    switch (config_.invocation) {
      case Invocation::synchronous:
        break;
      case Invocation::event:
        return {to_ticks(std::min(
                    config_.event_retry_max_seconds,
                    config_.event_retry_initial_seconds * std::pow(2.0, std::min(attempt, 60U)))),
                to_ticks(config_.event_max_age_seconds)};
      case Invocation::queue:
        return {to_ticks(config_.queue_redelivery_seconds),
                to_ticks(config_.queue_retention_seconds)};
    }
    return {0, -1};
  }

  // A function whose concurrency limit is 0 (reserved concurrency 0: AWS's switch that stops it)
  // throttles every attempt, so each request is retried the same number of times, found once
  // here: the same counts as retrying each one, without simulating the retries (an SQS message
  // redelivered every 30 s for the 4-day retention is 11,520 of them, each a pop of a queue that
  // holds every message of those days). `events` counts only what was simulated.
  std::int64_t retries_until_given_up() const {
    std::int64_t retries = 0;
    Tick age = 0;
    for (std::uint32_t attempt = 0;; ++attempt) {
      const auto [delay, max_age] = retry_delay(attempt);
      if (age + delay > max_age || delay <= 0) return retries;
      age += delay;
      ++retries;
    }
  }

  // A request that found no free environment on arrival: a synchronous one is refused; an
  // asynchronous event or a queue message waits in the line until concurrency frees.
  void throttle(Tick now, Tick origin) {
    const bool measured = origin >= start_;
    if (limit_ <= 0) {
      if (never_runs_retries_ < 0) never_runs_retries_ = retries_until_given_up();
      if (measured) {
        result_.retries += never_runs_retries_;
        ++result_.throttled;
      }
      return;
    }
    if (config_.invocation == Invocation::synchronous) {
      if (measured) ++result_.throttled;
      return;
    }
    line_.push(origin);
    waited_through_ = ++pushed_;
    blocked_ = true;
    drain_at_ = std::min(next_capacity(now), line_.front() + max_age_ + 1);
  }

  // A request finished (large-fleet mode only; small fleets read busy_until instead).
  void complete(std::uint32_t slot) {
    --busy_count_;
    if (environments_[slot].provisioned) {
      idle_provisioned_.push_back(slot);
    } else {
      idle_.set_idle(slot);
    }
  }

  void check_reclaim(Tick now, std::uint32_t slot) {
    Environment& env = environments_[slot];
    const Tick due = env.busy_until + keep_alive_;
    if (due > now) {  // busy, or used since the check was scheduled
      reclaims_.push(due, slot);
      return;
    }
    env.reclaim_scheduled = false;
    if (small_fleet_) {
      on_demand_until_[env.position] = kGap;
      --on_demand_live_;
      // Keep the scans short: gaps (mostly the oldest, reclaimed first) never outnumber the live.
      if (on_demand_positions_ - on_demand_live_ > on_demand_live_ + 4) compact_small();
    } else {
      idle_.remove_idle(slot);
    }
    free_slots_.push_back(slot);
    instances_.add(now, -1);
    observe(now);
    if (!small_fleet_ && dormant_ == 0 && config_.small_fleet_arrays &&
        config_.provisioned <= kSmallFleet && idle_.live() <= kSmallFleet / 2) {
      return_to_small_fleet();
    }
  }

  // The fleet shrank back: the arrays again, rebuilt from each environment's busy-until time in
  // creation order (the completion events pending are those times, so nothing is lost).
  void return_to_small_fleet() {
    for (int i = 0; i < provisioned_count_; ++i) {
      provisioned_until_[i] = environments_[provisioned_slot_[i]].busy_until;
    }
    on_demand_positions_ = 0;
    idle_.for_each_live([this](std::uint32_t slot) {
      const auto position = static_cast<std::size_t>(on_demand_positions_++);
      on_demand_until_[position] = environments_[slot].busy_until;
      on_demand_slot_[position] = slot;
      environments_[slot].position = static_cast<std::uint32_t>(position);
    });
    on_demand_live_ = on_demand_positions_;
    idle_.clear();
    idle_provisioned_.clear();
    completions_.clear();
    busy_count_ = 0;
    small_fleet_ = true;
  }

  SimulationResult finish() {
    result_.busiest_hour = hour_.finish();
    for (std::size_t b = 0; b < latency_batches_.size(); ++b) {
      latency_.merge(latency_batches_[b]);
      batches_.requests[b] = latency_batches_[b].count();
      batches_.p99_ms[b] = latency_batches_[b].quantile(0.99) / kTicksPerMs;
    }
    set_batch_intervals(batches_, result_);
    const double seconds = result_.simulated_seconds;
    const double busy_mean = end_ > start_ ? busy_area_ / static_cast<double>(end_ - start_) : 0.0;
    result_.busy_instances = {busy_mean, busy_peak_};
    const auto connections = static_cast<double>(config_.connections_per_instance);
    result_.db_connections = {result_.instances.mean * connections,
                              result_.instances.peak * config_.connections_per_instance};
    result_.usage.lambda_provisioned_gb_seconds = config_.provisioned * memory_gb_ * seconds;
    result_.usage.lambda_gb_seconds = static_cast<double>(billed_ms_) / 1000 * memory_gb_;
    result_.usage.lambda_provisioned_duration_gb_seconds =
        static_cast<double>(billed_ms_provisioned_) / 1000 * memory_gb_;
    result_.usage.lambda_requests = static_cast<double>(invocations_);
    auto ms = [](double ticks) { return ticks / kTicksPerMs; };
    if (result_.requests > 0) {
      const auto requests = static_cast<double>(result_.requests);
      result_.throttled_fraction = static_cast<double>(result_.throttled) / requests;
      result_.cold_start_fraction = static_cast<double>(result_.cold_starts) / requests;
      result_.waited_fraction = static_cast<double>(result_.waited) / requests;
    }
    // The waits above zero are recorded; the p99 over every started request is the quantile of
    // those that leaves 1% of all above it (0 when fewer than 1% waited at all).
    const auto started = static_cast<double>(result_.completed + result_.timed_out);
    const auto waiting = static_cast<double>(waits_.count());
    if (waiting > 0 && waiting >= 0.01 * started) {
      result_.p99_wait_ms = ms(waits_.quantile(std::max(0.0, 1 - 0.01 * started / waiting)));
    }
    result_.max_wait_ms = ms(static_cast<double>(waits_.max()));
    result_.latency_ms = {ms(latency_.mean()),
                          ms(latency_.quantile(0.50)),
                          ms(latency_.quantile(0.90)),
                          ms(latency_.quantile(0.95)),
                          ms(latency_.quantile(0.99)),
                          ms(latency_.quantile(0.999)),
                          ms(static_cast<double>(latency_.max()))};
    result_.latency_histogram = std::move(latency_);
    return result_;
  }

  // A reclaimed environment's place in the small-fleet arrays: never idle, never counted.
  static constexpr Tick kGap = kNever;

  const LambdaSimConfig& config_;
  Rng rng_;                      // cold starts
  VariateStream warm_duration_;  // every request's own duration
  Rng traffic_rng_;  // arrivals only: runs that share a traffic seed see the same requests
  Tick start_;       // the measured span is [start_, end_); before it, the burn-in
  Tick end_;
  Tick keep_alive_;
  Tick timeout_;
  Tick front_door_;  // kNever without a front-door limit
  Tick window_;
  std::int64_t limit_;
  std::int64_t never_runs_retries_ = -1;  // limit_ 0: the retries of every request, once known
  double memory_gb_;

  std::vector<Environment> environments_;
  std::vector<std::uint32_t> free_slots_;
  EventQueue<std::uint32_t> reclaims_;  // at most one check per on-demand environment
  // The waiting line (asynchronous events, queue messages) and when it is next looked at.
  WaitingLine line_;
  Tick drain_at_ = kNever;
  Tick max_age_ = 0;
  Tick batching_window_ = 0;
  std::int64_t batch_size_ = 1;
  bool batching_ = false;  // a queue gathering batches: every message passes through the line
  bool blocked_ = false;   // the line waits for concurrency
  // Messages pushed into and taken from the line so far; those pushed before `waited_through_`
  // had to wait for concurrency (first in, first out, so a count marks them).
  std::int64_t pushed_ = 0;
  std::int64_t popped_ = 0;
  std::int64_t waited_through_ = 0;
  std::vector<Tick> batch_origins_;
  LogHistogram waits_;                  // measured waits above zero before an invocation started
  std::int64_t invocations_ = 0;        // measured (billed) invocations
  std::vector<Tick> recent_creations_;  // ring of the last `scaling_environments` creations
  std::size_t creation_cursor_ = 0;

  // Small-fleet mode: busy-until times by position (on-demand ones in creation order).
  bool small_fleet_ = true;
  std::int64_t dormant_ = 0;  // warm-start environments held as a count (wake_dormant)
  int provisioned_count_ = 0;
  int on_demand_positions_ = 0;  // positions in use, gaps included
  std::int64_t on_demand_live_ = 0;
  std::array<Tick, kSmallFleet> provisioned_until_{};
  std::array<std::uint32_t, kSmallFleet> provisioned_slot_{};
  std::array<Tick, kSmallFleet> on_demand_until_{};
  std::array<std::uint32_t, kSmallFleet> on_demand_slot_{};

  // Large-fleet mode: completions as events, idle environments in sets.
  EventQueue<std::uint32_t> completions_;
  std::vector<std::uint32_t> idle_provisioned_;
  NewestIdleSet idle_;  // the on-demand environments, in creation order
  std::int64_t busy_count_ = 0;

  std::int64_t billed_ms_ = 0;
  std::int64_t billed_ms_provisioned_ = 0;
  double busy_area_ = 0;  // busy environments x ticks over the measured span
  std::int64_t busy_peak_ = 0;
  TimeWeightedLevel instances_;
  LogHistogram latency_;  // the whole run, merged from the batches at the end
  std::array<LogHistogram, kBatches> latency_batches_;
  BatchValues batches_;
  BatchClock batch_;
  BusiestHourRecorder hour_;
  bool measuring_ = false;  // past the burn-in
  bool frozen_ = false;
  Tick next_boundary_ = 0;  // the next start, minute, batch or end: advance() acts only there
  LogHistogram* current_latency_ = &latency_batches_[0];
  double* current_usage_ = &batches_.usage[0];
  SimulationResult result_;
};

}  // namespace

SimulationResult simulate_lambda(const LambdaSimConfig& config, ArrivalProcess arrivals,
                                 double seconds, std::uint64_t seed) {
  LambdaEngine engine(config, seconds, seed);
  return std::visit([&engine](auto& process) { return engine.run(process); }, arrivals);
}

}  // namespace computefit::sim
