#include "sim/lambda_sim.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "sim/batch_means.hpp"
#include "sim/busiest_hour.hpp"
#include "sim/event_queue.hpp"
#include "sim/histogram.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"

namespace computefit::sim {
namespace {

constexpr Tick kTicksPerMsInt = kTicksPerSecond / 1000;
constexpr double kTicksPerMs = static_cast<double>(kTicksPerMsInt);

// An execution environment. Slots are reused; `generation` changes whenever the environment
// leaves a state, so entries queued for an earlier state are recognised as stale.
struct Environment {
  std::uint64_t creation = 0;  // creation order: newest-first routing picks the largest
  Tick idle_since = 0;
  std::uint32_t generation = 0;
  bool provisioned = false;
  bool busy = false;
  bool reclaim_scheduled = false;
};

// An idle on-demand environment, ordered newest first.
struct IdleEntry {
  std::uint64_t creation;
  std::uint32_t slot;
  std::uint32_t generation;
};

// A pending event: an environment finishing its request, or a throttled request's retry.
struct Pending {
  Tick origin = 0;  // the request's first arrival (retries only)
  std::uint32_t slot = 0;
  std::uint32_t attempt = 0;  // 0: a departure; n > 0: the n-th retry
};

class LambdaEngine {
 public:
  LambdaEngine(const LambdaSimConfig& config, double seconds, std::uint64_t seed)
      : config_(config),
        rng_(seed),
        traffic_rng_(traffic_seed(config.traffic_seed, seed)),
        end_(to_ticks(seconds)),
        keep_alive_(to_ticks(config.keep_alive_seconds)),
        timeout_(to_ticks(config.timeout_seconds)),
        window_(to_ticks(config.scaling_window_seconds)),
        limit_(config.reserved_concurrency.value_or(config.account_concurrency)),
        memory_gb_(config.memory_mb / 1024),
        recent_creations_(static_cast<std::size_t>(std::max(config.scaling_environments, 0)),
                          -kNever),
        batch_(end_),
        hour_(end_) {
    result_.simulated_seconds = seconds;
    result_.seed = seed;
    for (int i = 0; i < config.provisioned; ++i) {
      const std::uint32_t slot = new_slot(true);
      idle_provisioned_.push_back(slot);
    }
    instances_.set(0, config.provisioned);
    observe(0);
  }

  template <typename Arrivals>
  SimulationResult run(Arrivals& arrivals) {
    Tick next_arrival = arrivals.next(traffic_rng_, 0);
    while (true) {
      const Tick departure_time = pending_.empty() ? kNever : pending_.top().time;
      const Tick reclaim_time = reclaims_.empty() ? kNever : reclaims_.top().time;
      const Tick arrival_time = next_arrival < end_ ? next_arrival : kNever;
      // At one tick: departures and retries first (they free environments), then reclaims, then
      // new arrivals; each source is itself in (time, sequence) order.
      if (departure_time <= reclaim_time && departure_time <= arrival_time) {
        if (departure_time == kNever) break;
        const auto event = pending_.pop();
        advance(event.time);
        if (event.payload.attempt == 0) {
          depart(event.time, event.payload.slot);
        } else {
          ++result_.retries;
          handle_request(event.time, event.payload.origin, event.payload.attempt);
        }
        observe(event.time);
      } else if (reclaim_time <= arrival_time) {
        const auto entry = reclaims_.pop();
        advance(entry.time);
        check_reclaim(entry.time, entry.payload);
        observe(entry.time);
      } else {
        advance(arrival_time);
        ++result_.requests;
        hour_.arrival();
        handle_request(arrival_time, arrival_time, 0);
        next_arrival = arrivals.next(traffic_rng_, arrival_time);
        observe(arrival_time);
      }
      ++result_.events;
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
    Environment& env = environments_[slot];
    env.creation = next_creation_++;
    ++env.generation;
    env.provisioned = provisioned;
    env.busy = false;
    env.reclaim_scheduled = false;
    return slot;
  }

  // Records the levels after an event for the busiest hour.
  void observe(Tick now) {
    const std::int64_t instances = instances_.level();
    hour_.observe(now, instances, instances * config_.connections_per_instance, 0);
  }

  // Freezes the time-weighted levels at the end of the simulated time.
  void advance(Tick now) {
    hour_.advance(now);
    while (batch_.due(now)) batch_.step();
    if (!frozen_ && now >= end_) {
      result_.instances = {instances_.mean_until(end_), instances_.peak()};
      result_.busy_instances = {busy_.mean_until(end_), busy_.peak()};
      frozen_ = true;
    }
  }

  bool may_create(Tick now) const {
    if (recent_creations_.empty()) return false;
    return recent_creations_[creation_cursor_] <= now - window_;
  }

  // Takes an idle environment, newest first (provisioned ones before on-demand); false if none.
  bool take_idle(std::uint32_t& slot) {
    if (!idle_provisioned_.empty()) {
      slot = idle_provisioned_.back();
      idle_provisioned_.pop_back();
      return true;
    }
    while (!idle_.empty()) {
      std::pop_heap(idle_.begin(), idle_.end(), OlderFirst{});
      const IdleEntry entry = idle_.back();
      idle_.pop_back();
      Environment& env = environments_[entry.slot];
      if (env.generation != entry.generation) continue;  // reclaimed since
      ++env.generation;                                  // cancels its reclaim
      --idle_live_;
      slot = entry.slot;
      return true;
    }
    return false;
  }

  // Heap order for the idle environments: the newest on top.
  struct OlderFirst {
    bool operator()(const IdleEntry& a, const IdleEntry& b) const {
      return a.creation < b.creation;
    }
  };

  void handle_request(Tick now, Tick origin, std::uint32_t attempt) {
    if (busy_.level() >= limit_) return throttle(now, origin, attempt);
    std::uint32_t slot = 0;
    bool cold = false;
    if (!take_idle(slot)) {
      if (!may_create(now)) return throttle(now, origin, attempt);
      recent_creations_[creation_cursor_] = now;
      if (++creation_cursor_ == recent_creations_.size()) creation_cursor_ = 0;
      slot = new_slot(false);
      cold = true;
      ++result_.cold_starts;
      instances_.add(now, 1);
    }
    busy_.add(now, 1);
    environments_[slot].busy = true;
    const Tick init = cold ? to_ticks_nonnegative(config_.cold_start.sample(rng_)) : 0;
    Tick run = to_ticks_nonnegative(config_.warm_duration.sample(rng_));
    if (run > timeout_) {
      run = timeout_;
      ++result_.timed_out;
    } else {
      ++result_.completed;
    }
    const Tick done = now + init + run;
    latency_batches_[batch_.index()].record(done - origin);
    // Billed duration: rounded up to the next millisecond, the init phase included.
    const Tick billed_ms = (init + run + kTicksPerMsInt - 1) / kTicksPerMsInt;
    (environments_[slot].provisioned ? billed_ms_provisioned_ : billed_ms_) += billed_ms;
    batches_.usage[static_cast<std::size_t>(batch_.index())] += static_cast<double>(billed_ms);
    pending_.push(done, Pending{0, slot, 0});
  }

  void throttle(Tick now, Tick origin, std::uint32_t attempt) {
    Tick delay = 0;
    Tick max_age = 0;
    switch (config_.invocation) {
      case Invocation::synchronous:
        ++result_.throttled;
        return;
      case Invocation::event: {
        const double backoff =
            std::min(config_.event_retry_max_seconds,
                     config_.event_retry_initial_seconds * std::pow(2.0, std::min(attempt, 60U)));
        delay = to_ticks(backoff);
        max_age = to_ticks(config_.event_max_age_seconds);
        break;
      }
      case Invocation::queue:
        delay = to_ticks(config_.queue_redelivery_seconds);
        max_age = to_ticks(config_.queue_retention_seconds);
        break;
    }
    if (now + delay - origin > max_age) {
      ++result_.throttled;
      return;
    }
    pending_.push(now + delay, Pending{origin, 0, attempt + 1});
  }

  void depart(Tick now, std::uint32_t slot) {
    busy_.add(now, -1);
    Environment& env = environments_[slot];
    env.busy = false;
    ++env.generation;
    if (env.provisioned) {
      idle_provisioned_.push_back(slot);
      return;
    }
    idle_.push_back(IdleEntry{env.creation, slot, env.generation});
    std::push_heap(idle_.begin(), idle_.end(), OlderFirst{});
    ++idle_live_;
    env.idle_since = now;
    // At most one reclaim check per environment is pending; a check that finds the environment
    // used since moves itself to the new due time, so reused environments cost nothing here.
    if (!env.reclaim_scheduled) {
      env.reclaim_scheduled = true;
      reclaims_.push(now + keep_alive_, slot);
    }
  }

  void check_reclaim(Tick now, std::uint32_t slot) {
    Environment& env = environments_[slot];
    if (env.busy) {
      env.reclaim_scheduled = false;  // its departure schedules the next check
      return;
    }
    if (env.idle_since + keep_alive_ > now) {
      reclaims_.push(env.idle_since + keep_alive_, slot);
      return;
    }
    env.reclaim_scheduled = false;
    ++env.generation;
    --idle_live_;
    free_slots_.push_back(slot);
    instances_.add(now, -1);
    // Reclaimed entries stay in the idle heap until they surface; rebuild it when they dominate,
    // so its size stays proportional to the live idle environments.
    if (idle_.size() > 2 * idle_live_ + 64) compact_idle();
  }

  void compact_idle() {
    std::erase_if(idle_, [this](const IdleEntry& entry) {
      return environments_[entry.slot].generation != entry.generation;
    });
    std::make_heap(idle_.begin(), idle_.end(), OlderFirst{});
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
    const auto connections = static_cast<double>(config_.connections_per_instance);
    result_.db_connections = {result_.instances.mean * connections,
                              result_.instances.peak * config_.connections_per_instance};
    result_.usage.lambda_provisioned_gb_seconds = config_.provisioned * memory_gb_ * seconds;
    result_.usage.lambda_gb_seconds = static_cast<double>(billed_ms_) / 1000 * memory_gb_;
    result_.usage.lambda_provisioned_duration_gb_seconds =
        static_cast<double>(billed_ms_provisioned_) / 1000 * memory_gb_;
    result_.usage.lambda_requests = static_cast<double>(result_.completed + result_.timed_out);
    if (result_.requests > 0) {
      const auto requests = static_cast<double>(result_.requests);
      result_.throttled_fraction = static_cast<double>(result_.throttled) / requests;
      result_.cold_start_fraction = static_cast<double>(result_.cold_starts) / requests;
    }
    auto ms = [](double ticks) { return ticks / kTicksPerMs; };
    result_.latency_ms = {ms(latency_.mean()),
                          ms(latency_.quantile(0.50)),
                          ms(latency_.quantile(0.90)),
                          ms(latency_.quantile(0.95)),
                          ms(latency_.quantile(0.99)),
                          ms(latency_.quantile(0.999)),
                          ms(static_cast<double>(latency_.max()))};
    return result_;
  }

  const LambdaSimConfig& config_;
  Rng rng_;
  Rng traffic_rng_;  // arrivals only: runs that share a traffic seed see the same requests
  Tick end_;
  Tick keep_alive_;
  Tick timeout_;
  Tick window_;
  std::int64_t limit_;
  double memory_gb_;

  std::vector<Environment> environments_;
  std::vector<std::uint32_t> free_slots_;
  std::vector<std::uint32_t> idle_provisioned_;
  std::vector<IdleEntry> idle_;  // max-heap on creation, with stale entries
  std::size_t idle_live_ = 0;
  EventQueue<std::uint32_t> reclaims_;  // at most one check per on-demand environment
  EventQueue<Pending> pending_;
  std::vector<Tick> recent_creations_;  // ring of the last `scaling_environments` creations
  std::size_t creation_cursor_ = 0;
  std::uint64_t next_creation_ = 0;
  std::int64_t billed_ms_ = 0;
  std::int64_t billed_ms_provisioned_ = 0;

  TimeWeightedLevel instances_;
  TimeWeightedLevel busy_;
  LogHistogram latency_;  // the whole run, merged from the batches at the end
  std::array<LogHistogram, kBatches> latency_batches_;
  BatchValues batches_;
  BatchClock batch_;
  BusiestHourRecorder hour_;
  bool frozen_ = false;
  SimulationResult result_;
};

}  // namespace

SimulationResult simulate_lambda(const LambdaSimConfig& config, ArrivalProcess arrivals,
                                 double seconds, std::uint64_t seed) {
  LambdaEngine engine(config, seconds, seed);
  return std::visit([&engine](auto& process) { return engine.run(process); }, arrivals);
}

}  // namespace computefit::sim
