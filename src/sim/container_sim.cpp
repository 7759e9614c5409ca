#include "sim/container_sim.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <limits>
#include <tuple>

#include "sim/batch_means.hpp"
#include "sim/busiest_hour.hpp"
#include "sim/event_queue.hpp"
#include "sim/histogram.hpp"
#include "sim/processor_sharing.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"
#include "sim/variate_stream.hpp"

namespace computefit::sim {

double ContainerSimConfig::effective_host_launch_seconds() const {
  if (host_launch_seconds) return *host_launch_seconds;
  switch (provisioner) {
    case HostProvisioner::ecs_capacity_provider:
      return kContainerDefaults.ecs_host_seconds;
    case HostProvisioner::karpenter:
      return kContainerDefaults.karpenter_node_seconds;
    case HostProvisioner::cluster_autoscaler:
      return kContainerDefaults.cluster_autoscaler_node_seconds;
  }
  return kContainerDefaults.ecs_host_seconds;
}

double ContainerSimConfig::effective_host_scale_in_seconds() const {
  if (host_scale_in_seconds) return *host_scale_in_seconds;
  switch (provisioner) {
    case HostProvisioner::ecs_capacity_provider:
      return kContainerDefaults.ecs_host_scale_in_seconds;
    case HostProvisioner::karpenter:
      return kContainerDefaults.karpenter_consolidate_after_seconds;
    case HostProvisioner::cluster_autoscaler:
      return kContainerDefaults.cluster_autoscaler_unneeded_seconds;
  }
  return kContainerDefaults.ecs_host_scale_in_seconds;
}

namespace {

// One target tracking policy (or HPA metric) and its alarms' state.
struct Policy {
  ScalingMetric metric = ScalingMetric::busy_slots;
  double value = 0;  // the last datapoint
  int high_run = 0;  // consecutive datapoints above the target
  int low_run = 0;   // consecutive datapoints below it
};

// The policies in effect: the configured metric, else SPEC.md's choice for the workload
// (workers on messages, and on CPU too when it is modelled; http on CPU when modelled, else on
// busy slots).
std::vector<Policy> scaling_policies(const ContainerSimConfig& config, bool cpu_modelled) {
  if (config.scaling_metric) {
    const bool cpu = *config.scaling_metric == ScalingMetric::cpu;
    return {Policy{cpu && !cpu_modelled ? ScalingMetric::busy_slots : *config.scaling_metric}};
  }
  if (config.workload == ContainerWorkload::worker) {
    if (cpu_modelled) return {Policy{ScalingMetric::messages}, Policy{ScalingMetric::cpu}};
    return {Policy{ScalingMetric::messages}};
  }
  return {Policy{cpu_modelled ? ScalingMetric::cpu : ScalingMetric::busy_slots}};
}

// The time-averages of one metric period.
struct PeriodAverages {
  double busy = 0;      // busy slots x ticks
  double serving = 0;   // serving instances x ticks
  double cpu = 0;       // vCPU in use x ticks
  double messages = 0;  // visible + in-flight messages, mean
};

constexpr Tick kTicksPerMs = kTicksPerSecond / 1000;
constexpr std::uint32_t kNoHost = std::numeric_limits<std::uint32_t>::max();
// ceil() of a ratio that is an integer in exact arithmetic must not round up on a last-bit error.
constexpr double kCeilSlack = 1e-9;

enum class InstanceState : std::uint8_t { stopped, waiting_host, starting, serving, draining };

// A FIFO of arrival times that allocates nothing while empty (a std::deque allocates a 512-byte
// block as it is made, which a fleet of 10^6 instances with one request each would pay for).
class TickQueue {
 public:
  bool empty() const { return head_ == items_.size(); }
  std::size_t size() const { return items_.size() - head_; }
  Tick front() const { return items_[head_]; }
  void push_back(Tick t) { items_.push_back(t); }
  void pop_front() {
    if (++head_ == items_.size()) {
      items_.clear();
      head_ = 0;
    } else if (head_ >= 64 && 2 * head_ >= items_.size()) {
      items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
  }
  void clear() {
    items_.clear();
    head_ = 0;
  }
  void shrink_to_fit() { items_.shrink_to_fit(); }

 private:
  std::vector<Tick> items_;
  std::size_t head_ = 0;
};

struct Instance {
  InstanceState state = InstanceState::stopped;
  bool job = false;
  int busy = 0;
  std::int32_t serving_pos = -1;  // index in the routing list while serving
  std::uint32_t host = kNoHost;
  std::uint32_t generation = 0;  // changes when the instance leaves a state: stale events skip
  std::int32_t active_pos = -1;  // index in active_ while in the desired fleet
  bool dormant_origin = false;   // one of the warm fleet held as a count, woken for work
  Tick launched = 0;
  Tick bill_start = -1;     // Fargate: start of the image pull; EC2: start on its host
  bool carried_in = false;  // alive when the burn-in ended: billed from then, no minimum
  Tick job_origin = 0;
  Tick idle_since = 0;
  bool idle_check_scheduled = false;
  TickQueue queue;  // http: arrival times of the requests waiting here
};

enum class HostState : std::uint8_t { stopped, launching, ready };

struct Host {
  HostState state = HostState::stopped;
  int az = 0;    // availability zone, 0 .. azs - 1
  int used = 0;  // instances placed (waiting, starting or running)
  std::uint32_t generation = 0;
  bool has_image = false;
  Tick image_ready = 0;  // the first pull on this host ends here; later instances reuse its layers
};

enum class EventKind : std::uint8_t {
  departure,
  instance_ready,
  host_ready,
  scaling_tick,
  host_check,
  job_start,
  idle_check,
  io_done,  // a request's I/O share ends (id: the request's CPU job)
  cpu_done  // an instance's first CPU-phase request finishes (generation: its CPU epoch)
};

struct Payload {
  EventKind kind = EventKind::departure;
  std::uint32_t id = 0;
  std::uint32_t generation = 0;
};

// A request in service when the CPU is modelled: its I/O, then its CPU phase.
struct CpuJob {
  Tick origin = 0;  // arrival
  double work = 0;  // vCPU-seconds
  std::uint32_t instance = 0;
  bool counts = false;  // measured and not timed out: completed, its latency recorded at the end
};

// One instance's CPU: the requests in their CPU phase and the one pending completion event.
struct InstanceCpu {
  ProcessorSharing sharing;
  std::uint32_t epoch = 0;  // moves on whenever the pending completion changes: stale ones skip
  Tick due = kNever;
};

// An instance as it was at one generation (a free worker slot, or an instance waiting for room
// on a host): stale once the generation moved on.
struct InstanceRef {
  std::uint32_t instance;
  std::uint32_t generation;
};

// Workers: `count` idle slots of one instance (as it was at one generation), so that an instance
// of 10^7 slots is one entry, not 10^7.
struct FreeSlots {
  std::uint32_t instance;
  std::uint32_t generation;
  int count;
};

class ContainerEngine {
 public:
  ContainerEngine(const ContainerSimConfig& config, double seconds, std::uint64_t seed,
                  ContainerTrace* trace)
      : config_(config),
        rng_(seed),
        duration_(config.duration,
                  config.duration_seed.value_or(stream_seed(seed, kDurationStream)),
                  config.recorded_durations),
        traffic_rng_(traffic_seed(config.traffic_seed, seed)),
        trace_(trace),
        start_(to_ticks(config.measure_from_seconds)),
        end_(start_ + to_ticks(seconds)),
        slots_(std::max(config.concurrency_per_instance, 1)),
        // Workers have no front door, and scheduled runs are started by the scheduler.
        timeout_(config.workload == ContainerWorkload::http && config.run_times_seconds.empty() &&
                         config.front_door_timeout_seconds
                     ? to_ticks(*config.front_door_timeout_seconds)
                     : kNever),
        pull_(to_ticks(config.image_pull_seconds())),
        startup_(to_ticks(config.startup_seconds)),
        scheduled_(!config.run_times_seconds.empty()),
        min_instances_(scheduled_ ? 0 : std::max(config.min_instances, 0)),
        max_instances_(std::max(config.max_instances, min_instances_)),
        hosts_enabled_(config.platform == ContainerPlatform::ec2),
        per_host_(std::max(config.instances_per_host, 1)),
        scale_to_zero_(config.workload == ContainerWorkload::http && !scheduled_ &&
                       min_instances_ == 0 && max_instances_ > 0 &&
                       config.idle_stop_seconds.has_value()),
        idle_stop_(scale_to_zero_ ? to_ticks(*config.idle_stop_seconds) : kNever),
        azs_(std::max(config.azs, 1)),
        cpu_(config.cpu_use != CpuUse::none && config.task_vcpu > 0),
        cpu_cap_(1.0),  // a request is one thread: at most one vCPU (SPEC.md "CPU")
        policies_(scaling_policies(config, cpu_)) {
    result_.simulated_seconds = seconds;
    result_.seed = seed;
    const int initial = scheduled_ ? 0
                                   : std::clamp(config.initial_instances.value_or(min_instances_),
                                                min_instances_, max_instances_);
    if (hosts_enabled_) start_initial_hosts(initial);
    // A warm fleet larger than the idle-instance limit is held as a count (dormant_): identical
    // idle instances, each made an object only while it has work (wake_dormant) and returned to
    // the count when idle again, so memory follows the instances busy at once, not min_tasks.
    // Hosts and scale to zero keep per-instance state while idle, so they keep objects.
    dormant_mode_ = !hosts_enabled_ && !scale_to_zero_ && !scheduled_ &&
                    initial > std::max(config.idle_instance_objects, 0);
    if (dormant_mode_) {
      dormant_ = initial;
      instances_level_.add(0, initial);
      running_.add(0, initial);
      serving_level_.add(0, initial);
    } else {
      for (int i = 0; i < initial; ++i) launch_instance(0, false, true);
    }
    desired_ = initial;
    measuring_ = start_ == 0;
    autoscaling_ = !scheduled_ && min_instances_ < max_instances_;
    period_ = to_ticks(config.scaler == ContainerScaler::hpa ? config.hpa_sync_seconds
                                                             : config.metric_period_seconds);
    if (autoscaling_ && period_ > 0 && period_ < end_) {
      events_.push(period_, Payload{EventKind::scaling_tick, 0, 0});
    }
    if (scheduled_) schedule_next_run();
  }

  template <typename Arrivals>
  SimulationResult run(Arrivals& arrivals) {
    ArrivalBuffer<Arrivals> upcoming(arrivals, traffic_rng_);
    Tick next_arrival = scheduled_ ? kNever : upcoming.next();
    observe(0);
    while (true) {
      const Tick event_time = events_.empty() ? kNever : events_.top().time;
      const Tick arrival_time = next_arrival < end_ ? next_arrival : kNever;
      // At one tick, pending events (departures free slots) come before new arrivals.
      if (event_time <= arrival_time) {
        if (event_time == kNever) break;
        const auto event = events_.pop();
        advance(event.time);
        handle(event.time, event.payload);
        observe(event.time);
      } else {
        advance(arrival_time);
        if (measuring_) {
          ++result_.requests;
          hour_.arrival();
        }
        if (config_.workload == ContainerWorkload::http) {
          route(arrival_time);
        } else {
          enqueue_message(arrival_time);
        }
        next_arrival = upcoming.next();
        observe(arrival_time);
      }
      ++result_.events;
    }
    advance(end_);
    return finish();
  }

 private:
  // ---- requests -------------------------------------------------------------------------------

  void route(Tick now) {
    if (serving_.empty() && dormant_ == 0) {
      if (!scale_to_zero_) {
        if (now >= start_) ++result_.throttled;  // no healthy target: the load balancer's 503
        return;
      }
      // Held at the front door until an instance serves; the first one starts it.
      if (now >= start_) ++result_.cold_starts;
      front_door_.push_back(now);
      queued_.add(now, 1);
      if (active_.empty()) {
        desired_ = 1;
        launch_instance(now, false, false);
        log(now, FleetChange::scale_out, 0);
      }
      return;
    }
    dispatch(now, now);
  }

  // Sends a request that arrived at `origin` to a serving instance.
  void dispatch(Tick now, Tick origin) {
    const std::uint32_t id = pick_instance();
    Instance& inst = instances_[id];
    if (inst.busy < slots_) {
      take_slot(now, inst);
      begin_service(now, origin, id);
    } else {
      inst.queue.push_back(origin);
      queued_.add(now, 1);
    }
  }

  std::uint32_t pick_instance() {
    if (dormant_ > 0) return pick_with_dormant();
    const std::size_t n = serving_.size();
    switch (config_.routing) {
      case ContainerRouting::round_robin:
        if (cursor_ >= n) cursor_ = 0;
        return serving_[cursor_++];
      case ContainerRouting::least_outstanding: {
        // Scan from a rotating start, so ties spread like round robin.
        if (cursor_ >= n) cursor_ = 0;
        std::size_t best = cursor_;
        std::size_t best_load = outstanding(serving_[best]);
        for (std::size_t k = 1; k < n && best_load > 0; ++k) {
          std::size_t i = cursor_ + k;
          if (i >= n) i -= n;
          const std::size_t load = outstanding(serving_[i]);
          if (load < best_load) {
            best = i;
            best_load = load;
          }
        }
        ++cursor_;
        return serving_[best];
      }
      case ContainerRouting::random: {
        auto i = static_cast<std::size_t>(rng_.uniform() * static_cast<double>(n));
        return serving_[i < n ? i : n - 1];
      }
    }
    return serving_.front();
  }

  // Routing over the serving objects followed by the dormant instances (all idle): round robin
  // and random reach a dormant one by its place in that list, least outstanding whenever no
  // object is idle.
  std::uint32_t pick_with_dormant() {
    const std::size_t objects = serving_.size();
    const std::size_t n = objects + static_cast<std::size_t>(dormant_);
    switch (config_.routing) {
      case ContainerRouting::round_robin: {
        if (cursor_ >= n) cursor_ = 0;
        const std::size_t at = cursor_++;
        return at < objects ? serving_[at] : wake_dormant();
      }
      case ContainerRouting::least_outstanding: {
        for (std::size_t k = 0; k < objects; ++k) {
          if (outstanding(serving_[k]) == 0) return serving_[k];
        }
        return wake_dormant();
      }
      case ContainerRouting::random: {
        auto i = static_cast<std::size_t>(rng_.uniform() * static_cast<double>(n));
        return i < objects ? serving_[i] : wake_dormant();
      }
    }
    return wake_dormant();
  }

  // Makes one dormant instance an object: serving, idle, billed as the warm fleet is.
  std::uint32_t wake_dormant() {
    --dormant_;
    const std::uint32_t id = new_instance_slot();
    Instance& inst = instances_[id];
    inst.state = InstanceState::serving;
    inst.job = false;
    inst.busy = 0;
    inst.host = kNoHost;
    inst.launched = 0;
    inst.queue.clear();
    ++inst.generation;
    inst.dormant_origin = true;
    // The warm fleet bills from time 0, or from the end of the burn-in once it is over.
    inst.carried_in = measuring_ && start_ > 0;
    inst.bill_start = inst.carried_in ? start_ : 0;
    inst.active_pos = static_cast<std::int32_t>(active_.size());
    active_.push_back(id);
    inst.serving_pos = static_cast<std::int32_t>(serving_.size());
    serving_.push_back(id);
    return id;
  }

  // Returns a woken instance that is idle again to the dormant count.
  void sleep_if_idle(std::uint32_t id) {
    Instance& inst = instances_[id];
    if (!dormant_mode_ || !inst.dormant_origin || inst.state != InstanceState::serving ||
        inst.busy > 0 || !inst.queue.empty()) {
      return;
    }
    remove_from_serving(inst);
    remove_active(id);
    inst.state = InstanceState::stopped;
    inst.dormant_origin = false;
    inst.bill_start = -1;
    ++inst.generation;
    inst.queue.shrink_to_fit();
    free_ids_.push_back(id);
    ++dormant_;
  }

  std::size_t outstanding(std::uint32_t id) const {
    const Instance& inst = instances_[id];
    return static_cast<std::size_t>(inst.busy) + inst.queue.size();
  }

  void enqueue_message(Tick now) {
    while (!free_slots_.empty()) {
      FreeSlots& slots = free_slots_.back();
      const std::uint32_t id = slots.instance;
      Instance& inst = instances_[id];
      if (inst.generation != slots.generation || inst.state != InstanceState::serving) {
        free_slots_.pop_back();
        continue;
      }
      if (--slots.count == 0) free_slots_.pop_back();
      take_slot(now, inst);
      begin_service(now, now, id);
      return;
    }
    if (dormant_ > 0) {
      const std::uint32_t id = wake_dormant();
      Instance& inst = instances_[id];
      if (slots_ > 1) free_slots_.push_back(FreeSlots{id, inst.generation, slots_ - 1});
      take_slot(now, inst);
      begin_service(now, now, id);
      return;
    }
    shared_queue_.push_back(now);
    queued_.add(now, 1);
  }

  void take_slot(Tick now, Instance& inst) {
    if (inst.busy++ == 0) busy_instances_.add(now, 1);
    busy_.add(now, 1);
  }

  void release_slot(Tick now, Instance& inst) {
    if (--inst.busy == 0) busy_instances_.add(now, -1);
    busy_.add(now, -1);
  }

  // Starts a request that arrived at `origin` on a slot already taken.
  void begin_service(Tick now, Tick origin, std::uint32_t id) {
    if (cpu_) {
      begin_cpu_service(now, origin, id);
      return;
    }
    const Tick run = to_ticks_nonnegative(duration_.next());
    const Tick done = now + run;
    if (origin < start_) {
      // Arrived in the burn-in: simulated, never counted.
    } else if (now - origin > timeout_) {
      ++result_.timed_out;
      latency_batches_[batch_.index()].record(timeout_);  // the caller saw the front door give up
    } else {
      ++result_.completed;
      latency_batches_[batch_.index()].record(done - origin);
    }
    events_.push(done, Payload{EventKind::departure, id, 0});
  }

  // ---- CPU by processor sharing ---------------------------------------------------------------

  // The request's I/O share first (an event), then its CPU work on the instance's shared vCPUs.
  void begin_cpu_service(Tick now, Tick origin, std::uint32_t id) {
    const double sampled = duration_.next();
    double work = 0;
    double io = 0;
    if (config_.cpu_use == CpuUse::per_request) {
      work = std::min(config_.cpu_seconds_per_request, sampled);
      io = sampled - work;
    } else {
      // Measured at cpu_measured_vcpu, of which one request could use at most one vCPU.
      work = sampled * std::min(config_.cpu_measured_vcpu, 1.0);
    }
    bool counts = false;  // its latency is recorded when it finishes
    if (origin < start_) {
      // Arrived in the burn-in: simulated, never counted.
    } else if (now - origin > timeout_) {
      ++result_.timed_out;
      latency_batches_[batch_.index()].record(timeout_);  // the caller saw the front door give up
    } else {
      counts = true;
    }
    const std::uint32_t job = new_job(CpuJob{origin, work, id, counts});
    const Tick io_ticks = to_ticks_nonnegative(io);
    if (io_ticks > 0) {
      events_.push(now + io_ticks, Payload{EventKind::io_done, job, 0});
    } else {
      enter_cpu(now, job);
    }
  }

  std::uint32_t new_job(const CpuJob& job) {
    if (!free_jobs_.empty()) {
      const std::uint32_t j = free_jobs_.back();
      free_jobs_.pop_back();
      jobs_[j] = job;
      return j;
    }
    jobs_.push_back(job);
    return static_cast<std::uint32_t>(jobs_.size() - 1);
  }

  void enter_cpu(Tick now, std::uint32_t job) {
    const std::uint32_t id = jobs_[job].instance;
    ProcessorSharing& sharing = cpus_[id].sharing;
    const double before = sharing.vcpu_in_use();
    sharing.add(now, jobs_[job].work, job);
    account_cpu(now, sharing.vcpu_in_use() - before);
    schedule_cpu(id);
  }

  // Keeps one completion event pending per instance, at its CPU's next completion.
  void schedule_cpu(std::uint32_t id) {
    InstanceCpu& cpu = cpus_[id];
    const Tick due = cpu.sharing.next_completion();
    if (due == cpu.due) return;
    ++cpu.epoch;
    cpu.due = due;
    if (due != kNever) events_.push(due, Payload{EventKind::cpu_done, id, cpu.epoch});
  }

  void cpu_done(Tick now, std::uint32_t id, std::uint32_t epoch) {
    InstanceCpu& cpu = cpus_[id];
    if (cpu.epoch != epoch) return;
    cpu.due = kNever;
    const double before = cpu.sharing.vcpu_in_use();
    const std::uint32_t job = cpu.sharing.pop(now);
    account_cpu(now, cpu.sharing.vcpu_in_use() - before);
    schedule_cpu(id);
    const CpuJob done = jobs_[job];
    free_jobs_.push_back(job);
    if (done.counts) {
      ++result_.completed;
      latency_batches_[batch_.index()].record(now - done.origin);
    }
    depart(now, id);
  }

  // The vCPU in use over time, integrated (vCPU x ticks) for the CPU utilisation metric.
  void account_cpu(Tick now, double delta) {
    cpu_area_ += cpu_in_use_ * static_cast<double>(now - cpu_last_);
    cpu_last_ = now;
    cpu_in_use_ = std::max(0.0, cpu_in_use_ + delta);
  }

  double cpu_area_until(Tick now) const {
    return cpu_area_ + cpu_in_use_ * static_cast<double>(now - cpu_last_);
  }

  void depart(Tick now, std::uint32_t id) {
    Instance& inst = instances_[id];
    if (inst.job) {
      release_slot(now, inst);
      stop_instance(now, id);
      return;
    }
    if (!inst.queue.empty()) {
      const Tick origin = inst.queue.front();
      inst.queue.pop_front();
      queued_.add(now, -1);
      begin_service(now, origin, id);
      return;
    }
    if (config_.workload == ContainerWorkload::worker && inst.state == InstanceState::serving &&
        !shared_queue_.empty()) {
      const Tick origin = shared_queue_.front();
      shared_queue_.pop_front();
      queued_.add(now, -1);
      begin_service(now, origin, id);
      return;
    }
    release_slot(now, inst);
    if (inst.state == InstanceState::draining) {
      if (inst.busy == 0) stop_instance(now, id);
    } else if (config_.workload == ContainerWorkload::worker) {
      push_free_slots(id, 1);
    } else if (scale_to_zero_ && inst.busy == 0) {
      start_idle_timer(now, id);
    }
    sleep_if_idle(id);
  }

  // Workers: `count` more idle slots of instance `id`, on top of the stack.
  void push_free_slots(std::uint32_t id, int count) {
    if (count <= 0) return;
    const std::uint32_t generation = instances_[id].generation;
    if (!free_slots_.empty() && free_slots_.back().instance == id &&
        free_slots_.back().generation == generation) {
      free_slots_.back().count += count;
      return;
    }
    free_slots_.push_back(FreeSlots{id, generation, count});
  }

  // Scale to zero: at most one idle check per instance is pending; a check that finds the
  // instance used since moves to its new due time (as the Lambda model's reclaim checks).
  void start_idle_timer(Tick now, std::uint32_t id) {
    Instance& inst = instances_[id];
    inst.idle_since = now;
    if (inst.idle_check_scheduled) return;
    inst.idle_check_scheduled = true;
    events_.push(now + idle_stop_, Payload{EventKind::idle_check, id, inst.generation});
  }

  void idle_check(Tick now, std::uint32_t id, std::uint32_t generation) {
    Instance& inst = instances_[id];
    if (inst.generation != generation) return;  // stopped or draining since
    if (inst.busy > 0 || !inst.queue.empty()) {
      inst.idle_check_scheduled = false;  // its next idle moment schedules the next check
      return;
    }
    if (inst.idle_since + idle_stop_ > now) {
      events_.push(inst.idle_since + idle_stop_, Payload{EventKind::idle_check, id, generation});
      return;
    }
    inst.idle_check_scheduled = false;
    stop_instance(now, id);
    desired_ = static_cast<int>(active_.size());
    log(now, FleetChange::scale_in, 0);
  }

  // ---- instances ------------------------------------------------------------------------------

  std::uint32_t new_instance_slot() {
    std::uint32_t id = 0;
    if (!free_ids_.empty()) {
      id = free_ids_.back();
      free_ids_.pop_back();
    } else {
      id = static_cast<std::uint32_t>(instances_.size());
      instances_.emplace_back();
      if (cpu_) cpus_.push_back(InstanceCpu{ProcessorSharing(config_.task_vcpu, cpu_cap_)});
    }
    return id;
  }

  std::uint32_t new_host(int az) {
    std::uint32_t h = 0;
    for (; h < hosts_.size(); ++h) {
      if (hosts_[h].state == HostState::stopped) break;
    }
    if (h == hosts_.size()) hosts_.emplace_back();
    Host& host = hosts_[h];
    host.az = az;
    host.used = 0;
    host.has_image = false;
    host.image_ready = 0;
    ++host.generation;
    ++live_hosts_;
    return h;
  }

  Tick platform_delay(double median_seconds) {
    if (median_seconds <= 0) return 0;
    if (config_.start_p99_over_p50 <= 1) return to_ticks_nonnegative(median_seconds);
    return to_ticks_nonnegative(
        lognormal_p50_p99(rng_, median_seconds, median_seconds * config_.start_p99_over_p50));
  }

  // Launches an instance; `warm` ones (the fleet at time 0) serve at once.
  std::uint32_t launch_instance(Tick now, bool job, bool warm) {
    const std::uint32_t id = new_instance_slot();
    Instance& inst = instances_[id];
    inst.job = job;
    inst.busy = 0;
    inst.serving_pos = -1;
    inst.host = kNoHost;
    inst.launched = now;
    inst.bill_start = -1;
    inst.queue.clear();
    ++inst.generation;
    inst.carried_in = false;
    inst.dormant_origin = false;
    inst.active_pos = static_cast<std::int32_t>(active_.size());
    active_.push_back(id);
    instances_level_.add(now, 1);
    if (!warm && now >= start_) ++result_.instance_starts;
    if (hosts_enabled_) {
      inst.state = InstanceState::waiting_host;
      place(now, id, warm);
      return id;
    }
    if (warm) {
      inst.bill_start = now;
      become_serving(now, id);
      return id;
    }
    inst.state = InstanceState::starting;
    const Tick provisioning = platform_delay(config_.fargate_provisioning_seconds);
    inst.bill_start = now + provisioning;
    events_.push(now + provisioning + pull_ + startup_,
                 Payload{EventKind::instance_ready, id, inst.generation});
    return id;
  }

  // The hosts at time 0 for a warm fleet of `instances`: dealt over the zones, each zone's share
  // bin-packed, and at least min_hosts (added to the zones with the fewest); at most max_hosts,
  // dealt one per zone in turn.
  void start_initial_hosts(int instances) {
    std::vector<int> wanted(static_cast<std::size_t>(azs_), 0);
    int total = 0;
    for (int a = 0; a < azs_; ++a) {
      const int in_zone = instances / azs_ + (a < instances % azs_ ? 1 : 0);
      wanted[a] = (in_zone + per_host_ - 1) / per_host_;
      total += wanted[a];
    }
    while (total < config_.min_hosts) {
      ++*std::min_element(wanted.begin(), wanted.end());
      ++total;
    }
    int started = 0;
    for (bool more = true; more;) {
      more = false;
      for (int a = 0; a < azs_ && started < config_.max_hosts; ++a) {
        if (wanted[a] == 0) continue;
        --wanted[a];
        const std::uint32_t h = new_host(a);
        hosts_[h].state = HostState::ready;
        hosts_[h].has_image = true;
        ++started;
        more = true;
      }
    }
    hosts_level_.set(0, started);
  }

  // A host with room in zone `az` (any zone when negative): a ready one first, else one still
  // launching; kNoHost when none has room.
  std::uint32_t find_host(int az, bool ready_only) const {
    std::uint32_t launching = kNoHost;
    for (std::uint32_t h = 0; h < hosts_.size(); ++h) {
      const Host& host = hosts_[h];
      if (host.state == HostState::stopped || host.used >= per_host_) continue;
      if (az >= 0 && host.az != az) continue;
      if (host.state == HostState::ready) return h;
      if (launching == kNoHost) launching = h;
    }
    return ready_only ? kNoHost : launching;
  }

  // The zone for the next instance: the fewest instances; among those, one with a ready host
  // with room, then one with a launching host with room, then the first.
  int zone_for_next_instance() const {
    int best = 0;
    std::pair<int, int> best_key{std::numeric_limits<int>::max(), 0};
    for (int a = 0; a < azs_; ++a) {
      const std::uint32_t h = find_host(a, false);
      const int room = h == kNoHost ? 2 : (hosts_[h].state == HostState::ready ? 0 : 1);
      const std::pair<int, int> key{az_instances_[static_cast<std::size_t>(a)], room};
      if (key < best_key) {
        best_key = key;
        best = a;
      }
    }
    return best;
  }

  std::uint32_t launch_host(Tick now, int az) {
    const std::uint32_t h = new_host(az);
    hosts_[h].state = HostState::launching;
    hosts_level_.add(now, 1);
    events_.push(now + platform_delay(config_.effective_host_launch_seconds()),
                 Payload{EventKind::host_ready, h, hosts_[h].generation});
    log(now, FleetChange::host_launched, 0);
    return h;
  }

  // Puts a waiting instance on a host, spread over the zones: in the zone with the fewest
  // instances, on a host with room there or a new one; at max_hosts, on any host with room (the
  // spread is a preference, as ECS's spread strategy is); else it waits for room. A `warm`
  // instance (the fleet at time 0) on a ready host serves at once.
  void place(Tick now, std::uint32_t id, bool warm = false) {
    Instance& inst = instances_[id];
    const int az = zone_for_next_instance();
    std::uint32_t h = find_host(az, false);
    if (h == kNoHost && live_hosts_ < config_.max_hosts) h = launch_host(now, az);
    if (h == kNoHost) h = find_host(-1, false);
    if (h == kNoHost) {
      unplaced_.push_back(InstanceRef{id, inst.generation});  // waits for room
      return;
    }
    Host& host = hosts_[h];
    if (host.used++ == 0) ++host.generation;  // cancels a pending empty-host check
    ++az_instances_[static_cast<std::size_t>(host.az)];
    inst.host = h;
    if (host.state != HostState::ready) return;
    if (warm) {
      inst.bill_start = now;
      become_serving(now, id);
    } else {
      start_on_host(now, id);
    }
  }

  void start_on_host(Tick now, std::uint32_t id) {
    Instance& inst = instances_[id];
    Host& host = hosts_[inst.host];
    const Tick on_host = now + platform_delay(config_.task_on_host_seconds);
    if (!host.has_image) {
      host.has_image = true;
      host.image_ready = on_host + pull_;
    }
    inst.state = InstanceState::starting;
    inst.bill_start = now;
    events_.push(std::max(on_host, host.image_ready) + startup_,
                 Payload{EventKind::instance_ready, id, inst.generation});
  }

  void host_ready(Tick now, std::uint32_t h) {
    Host& host = hosts_[h];
    host.state = HostState::ready;
    log(now, FleetChange::host_ready, 0);
    if (host.used == 0) {  // its instances were retired while it launched
      events_.push(now + to_ticks(config_.effective_host_scale_in_seconds()),
                   Payload{EventKind::host_check, h, host.generation});
    }
    for (const std::uint32_t id : active_) {
      const Instance& inst = instances_[id];
      if (inst.state == InstanceState::waiting_host && inst.host == h) start_on_host(now, id);
    }
  }

  void place_unplaced(Tick now) {
    while (!unplaced_.empty()) {
      const InstanceRef entry = unplaced_.front();
      const Instance& inst = instances_[entry.instance];
      if (inst.generation != entry.generation || inst.state != InstanceState::waiting_host) {
        unplaced_.pop_front();
        continue;
      }
      if (find_host(-1, false) == kNoHost && live_hosts_ >= config_.max_hosts) return;
      unplaced_.pop_front();
      place(now, entry.instance);
    }
  }

  void become_serving(Tick now, std::uint32_t id) {
    Instance& inst = instances_[id];
    inst.state = InstanceState::serving;
    running_.add(now, 1);
    serving_level_.add(now, 1);
    if (inst.job) {
      take_slot(now, inst);
      begin_service(now, inst.job_origin, id);
      return;
    }
    if (config_.workload == ContainerWorkload::http) {
      inst.serving_pos = static_cast<std::int32_t>(serving_.size());
      serving_.push_back(id);
      if (scale_to_zero_) {
        inst.idle_check_scheduled = false;
        while (!front_door_.empty()) {
          const Tick origin = front_door_.front();
          front_door_.pop_front();
          queued_.add(now, -1);
          dispatch(now, origin);
        }
        if (inst.busy == 0) start_idle_timer(now, id);
      }
      return;
    }
    int s = 0;
    for (; s < slots_ && !shared_queue_.empty(); ++s) {
      const Tick origin = shared_queue_.front();
      shared_queue_.pop_front();
      queued_.add(now, -1);
      take_slot(now, inst);
      begin_service(now, origin, id);
    }
    push_free_slots(id, slots_ - s);
  }

  void instance_ready(Tick now, std::uint32_t id) {
    become_serving(now, id);
    if (!instances_[id].job) log(now, FleetChange::instance_ready, 0);
  }

  // Takes an instance out of the serving list in O(1): the last entry moves into its place.
  void remove_from_serving(Instance& inst) {
    if (inst.serving_pos < 0) return;
    const auto pos = static_cast<std::size_t>(inst.serving_pos);
    const std::uint32_t moved = serving_.back();
    serving_[pos] = moved;
    instances_[moved].serving_pos = inst.serving_pos;
    serving_.pop_back();
    inst.serving_pos = -1;
  }

  void leave_routing(Tick now, Instance& inst) {
    serving_level_.add(now, -1);
    remove_from_serving(inst);
  }

  // Swaps the last of active_ into its place (positions kept, so no search).
  void remove_active(std::uint32_t id) {
    Instance& inst = instances_[id];
    if (inst.active_pos < 0) return;
    const auto pos = static_cast<std::size_t>(inst.active_pos);
    const std::uint32_t moved = active_.back();
    active_[pos] = moved;
    instances_[moved].active_pos = inst.active_pos;
    active_.pop_back();
    inst.active_pos = -1;
  }

  // Instances in the desired fleet: objects and the dormant count.
  std::int64_t active_count() const { return static_cast<std::int64_t>(active_.size()) + dormant_; }

  // Takes one instance out of the desired fleet: one not yet serving (the newest) first, else
  // a serving one from the zone with the most instances (ECS keeps its spread on scale-in), the
  // one with the fewest outstanding requests, which drains (no new requests; what it holds
  // finishes, as under the ALB's deregistration delay) and then stops.
  void retire_one(Tick now) {
    std::size_t best = active_.size();
    // The zones' active instances: one already draining still holds its host's slot (counted in
    // az_instances_) but no longer counts for the spread, or two retirements in a row would both
    // come from one zone and leave the other without a task.
    std::vector<int>& zone_active = zone_scratch_;
    zone_active.assign(static_cast<std::size_t>(azs_), 0);
    for (const std::uint32_t id : active_) {
      const Instance& inst = instances_[id];
      if (inst.host != kNoHost) ++zone_active[static_cast<std::size_t>(hosts_[inst.host].az)];
    }
    // (serving, -instances in its zone, outstanding, -launched): lower is retired first.
    using Key = std::tuple<bool, int, std::size_t, Tick>;
    Key best_key{true, 0, std::numeric_limits<std::size_t>::max(), 0};
    for (std::size_t k = 0; k < active_.size(); ++k) {
      const Instance& inst = instances_[active_[k]];
      if (inst.job) continue;
      const bool serving = inst.state == InstanceState::serving;
      const int zone_instances =
          inst.host == kNoHost ? 0 : zone_active[static_cast<std::size_t>(hosts_[inst.host].az)];
      const Key key{serving, serving ? -zone_instances : 0, serving ? outstanding(active_[k]) : 0,
                    -inst.launched};
      if (best == active_.size() || key < best_key) {
        best_key = key;
        best = k;
      }
    }
    // A dormant instance is serving, idle, in no zone and launched at 0.
    if (dormant_ > 0 && (best == active_.size() || Key{true, 0, 0, 0} < best_key)) {
      best = active_.size();
      wake_dormant();  // pushed last, so `best` indexes it
    }
    if (best == active_.size()) return;
    const std::uint32_t id = active_[best];
    Instance& inst = instances_[id];
    if (inst.state != InstanceState::serving) {
      stop_instance(now, id);
      return;
    }
    leave_routing(now, inst);
    inst.state = InstanceState::draining;
    ++inst.generation;  // its free worker slots go stale
    remove_active(id);
    if (inst.busy == 0 && inst.queue.empty()) stop_instance(now, id);
  }

  void stop_instance(Tick now, std::uint32_t id) {
    Instance& inst = instances_[id];
    // Instances live at the end were billed up to it when the levels froze; those that stop in
    // the burn-in are not billed.
    if (measuring_ && !frozen_ && inst.bill_start >= 0 && inst.bill_start < end_) {
      const Tick stop = std::max(std::min(now, end_), inst.bill_start);
      Tick billed = stop - inst.bill_start;
      if (config_.platform == ContainerPlatform::fargate && now <= end_ && !inst.carried_in) {
        // Per second, rounded up, with the 1-minute minimum.
        billed = (billed + kTicksPerSecond - 1) / kTicksPerSecond * kTicksPerSecond;
        billed = std::max(billed, to_ticks(config_.fargate_minimum_billed_seconds));
      }
      task_ticks_ += billed;
    }
    inst.bill_start = -1;
    if (inst.state == InstanceState::serving) leave_routing(now, inst);
    if (inst.state == InstanceState::serving || inst.state == InstanceState::draining) {
      running_.add(now, -1);
    }
    if (inst.state != InstanceState::draining) remove_active(id);
    inst.state = InstanceState::stopped;
    ++inst.generation;
    inst.queue.clear();
    inst.queue.shrink_to_fit();
    instances_level_.add(now, -1);
    free_ids_.push_back(id);
    if (!inst.job) log(now, FleetChange::instance_stopped, 0);
    if (inst.host != kNoHost) {
      Host& host = hosts_[inst.host];
      --az_instances_[static_cast<std::size_t>(host.az)];
      if (--host.used == 0) {
        ++host.generation;
        const Tick delay = to_ticks(config_.effective_host_scale_in_seconds());
        events_.push(now + delay, Payload{EventKind::host_check, inst.host, host.generation});
      }
      inst.host = kNoHost;
      place_unplaced(now);
    }
  }

  void host_check(Tick now, std::uint32_t h, std::uint32_t generation) {
    Host& host = hosts_[h];
    if (host.generation != generation || host.used != 0 || host.state != HostState::ready) return;
    if (live_hosts_ <= config_.min_hosts) return;
    host.state = HostState::stopped;
    --live_hosts_;
    hosts_level_.add(now, -1);
    log(now, FleetChange::host_stopped, 0);
  }

  // ---- scheduled runs ---------------------------------------------------------------------------

  void schedule_next_run() {
    while (next_run_ < config_.run_times_seconds.size()) {
      const Tick at = to_ticks(config_.run_times_seconds[next_run_]);
      if (at >= end_) {
        next_run_ = config_.run_times_seconds.size();
        return;
      }
      if (at >= 0) {
        events_.push(at, Payload{EventKind::job_start, 0, 0});
        return;
      }
      ++next_run_;
    }
  }

  void job_start(Tick now) {
    ++next_run_;
    if (now >= start_) {
      ++result_.requests;
      hour_.arrival();
      ++result_.cold_starts;
    }
    const std::uint32_t id = launch_instance(now, true, false);
    instances_[id].job_origin = now;
    schedule_next_run();
  }

  // ---- autoscaling ------------------------------------------------------------------------------

  static double area(const TimeWeightedLevel& level, Tick now) { return level.area_until(now); }

  // Closes the period ending now: the time-averages over it that the metrics read.
  void close_period(Tick now) {
    const double busy_area = area(busy_, now);
    const double serving_area = area(serving_level_, now);
    const double queued_area = area(queued_, now);
    const double cpu_area = cpu_area_until(now);
    last_period_.busy = busy_area - last_busy_area_;
    last_period_.serving = serving_area - last_serving_area_;
    last_period_.cpu = cpu_area - last_cpu_area_;
    last_period_.messages = (queued_area - last_queued_area_ + last_period_.busy) /
                            static_cast<double>(now - last_tick_);
    last_busy_area_ = busy_area;
    last_serving_area_ = serving_area;
    last_queued_area_ = queued_area;
    last_cpu_area_ = cpu_area;
    last_tick_ = now;
  }

  // A policy's datapoint for the period just closed: busy slots / slots or vCPU in use / vCPU of
  // the serving instances, or the messages (visible + in flight) per serving instance.
  double datapoint(ScalingMetric metric) const {
    switch (metric) {
      case ScalingMetric::messages: {
        const auto instances = static_cast<double>(serving_level_.level());
        const double messages = last_period_.messages;
        return instances > 0 ? messages / instances : (messages > 0 ? kInfinity : 0.0);
      }
      case ScalingMetric::cpu:
        return last_period_.serving > 0
                   ? last_period_.cpu / (last_period_.serving * config_.task_vcpu)
                   : 0.0;
      case ScalingMetric::busy_slots:
        return last_period_.serving > 0 ? last_period_.busy / (last_period_.serving * slots_) : 0.0;
    }
    return 0;
  }

  double target(ScalingMetric metric) const {
    if (metric == ScalingMetric::messages) {
      return config_.target_messages_per_instance > 0
                 ? config_.target_messages_per_instance
                 : static_cast<double>(slots_) * config_.target_utilization;
    }
    return config_.target_utilization;
  }

  // desired = ceil(current x metric / target) with current = the serving instances; for
  // messages current x metric is the messages, so desired = ceil(messages / target): the busy
  // fleet once the backlog is served.
  int proposal(const Policy& policy) const {
    double wanted = 0;
    if (policy.metric == ScalingMetric::messages) {
      wanted = last_period_.messages / target(policy.metric);
      if (last_period_.messages > 0 && wanted < 1) wanted = 1;
    } else {
      wanted = static_cast<double>(serving_level_.level()) * policy.value / target(policy.metric);
    }
    const double ceiled = std::ceil(wanted - kCeilSlack);
    // With scale to zero, the idle timer takes the last instance away, not the policy.
    const int lowest = scale_to_zero_ ? std::max(min_instances_, 1) : min_instances_;
    return static_cast<int>(
        std::clamp(ceiled, static_cast<double>(lowest), static_cast<double>(max_instances_)));
  }

  void scaling_tick(Tick now) {
    close_period(now);
    for (Policy& policy : policies_) policy.value = datapoint(policy.metric);
    if (trace_) {
      trace_->datapoints.push_back(MetricDatapoint{to_seconds(now), policies_.front().value});
    }
    if (config_.scaler == ContainerScaler::hpa) {
      hpa(now);
    } else {
      target_tracking(now);
    }
    if (now + period_ < end_) {
      events_.push(now + period_, Payload{EventKind::scaling_tick, 0, 0});
    }
  }

  // Application Auto Scaling: a policy's alarm that scales out is in ALARM after
  // `scale_out_datapoints` consecutive datapoints above the target and invokes the policy at
  // every datapoint while it stays there; the one that scales in, after `scale_in_datapoints`
  // below. With several policies the service scales out when any of them does (to the largest
  // proposal) and in only when all of them would (again to the largest), as the Application Auto
  // Scaling guide says of multiple target tracking policies. Instances still starting count in
  // the desired count, so a scale-out during the cooldown happens only when it asks for more
  // than is already on its way (the guide's cooldown rule). Scale-in waits for the scale-in
  // cooldown after a scale-in and for the scale-out cooldown after a scale-out.
  void target_tracking(Tick now) {
    int out = -1;
    double out_metric = 0;
    bool all_low = true;
    for (Policy& policy : policies_) {
      const double goal = target(policy.metric);
      policy.high_run = policy.value > goal ? policy.high_run + 1 : 0;
      policy.low_run = policy.value < goal ? policy.low_run + 1 : 0;
      if (policy.high_run >= config_.scale_out_datapoints) {
        const int wanted = proposal(policy);
        if (wanted > out) {
          out = wanted;
          out_metric = policy.value;
        }
      }
      all_low = all_low && policy.low_run >= config_.scale_in_datapoints;
    }
    if (out >= 0) {
      if (out > desired_) {
        set_desired(now, out, out_metric);
        last_scale_out_ = now;
      }
      return;
    }
    if (!all_low) return;
    if (now - last_scale_out_ < to_ticks(config_.scale_out_cooldown_seconds)) return;
    if (now - last_scale_in_ < to_ticks(config_.scale_in_cooldown_seconds)) return;
    int wanted = -1;
    double metric = 0;
    for (const Policy& policy : policies_) {
      const int proposed = proposal(policy);
      if (proposed > wanted) {
        wanted = proposed;
        metric = policy.value;
      }
    }
    if (wanted < desired_) {
      set_desired(now, wanted, metric);
      last_scale_in_ = now;
    }
  }

  // Kubernetes HPA: a metric within the tolerance of its target recommends the current count,
  // and with several metrics the highest recommendation wins; scale-up is limited per sync to
  // max(+percent, +pods); scale-down applies the highest recommendation of the stabilisation
  // window.
  void hpa(Tick now) {
    int recommendation = -1;
    double metric = 0;
    for (const Policy& policy : policies_) {
      const double goal = target(policy.metric);
      const double ratio = goal > 0 ? policy.value / goal : 0;
      const int proposed =
          std::abs(ratio - 1) > config_.hpa_tolerance ? proposal(policy) : desired_;
      if (proposed > recommendation) {
        recommendation = proposed;
        metric = policy.value;
      }
    }
    const Tick window = to_ticks(config_.hpa_scale_down_stabilization_seconds);
    while (!recommendations_.empty() && recommendations_.front().first <= now - window) {
      recommendations_.pop_front();
    }
    recommendations_.emplace_back(now, recommendation);
    if (recommendation > desired_) {
      const double by_percent = desired_ * (1 + config_.hpa_scale_up_percent / 100);
      const int limit = static_cast<int>(std::max(
          std::floor(by_percent), static_cast<double>(desired_ + config_.hpa_scale_up_pods)));
      set_desired(now, std::min(recommendation, limit), metric);
      return;
    }
    int stabilised = recommendation;
    for (const auto& [at, value] : recommendations_) stabilised = std::max(stabilised, value);
    if (stabilised < desired_) set_desired(now, stabilised, metric);
  }

  void set_desired(Tick now, int wanted, double metric) {
    const int from = desired_;
    desired_ = wanted;
    while (active_count() < desired_) launch_instance(now, false, false);
    while (active_count() > desired_) {
      const std::int64_t before = active_count();
      retire_one(now);
      if (active_count() == before) break;
    }
    log(now, wanted > from ? FleetChange::scale_out : FleetChange::scale_in, metric);
  }

  void log(Tick now, FleetChange change, double metric) {
    if (!trace_) return;
    trace_->fleet.push_back(FleetEvent{to_seconds(now), change, desired_,
                                       static_cast<int>(serving_level_.level()),
                                       static_cast<int>(live_hosts_), metric});
  }

  // ---- bookkeeping ------------------------------------------------------------------------------

  void handle(Tick now, const Payload& event) {
    switch (event.kind) {
      case EventKind::departure:
        depart(now, event.id);
        return;
      case EventKind::instance_ready:
        if (instances_[event.id].generation == event.generation) instance_ready(now, event.id);
        return;
      case EventKind::host_ready:
        // Launching hosts never stop, so a launching host here is the one this event launched.
        if (hosts_[event.id].state == HostState::launching) host_ready(now, event.id);
        return;
      case EventKind::scaling_tick:
        scaling_tick(now);
        return;
      case EventKind::host_check:
        host_check(now, event.id, event.generation);
        return;
      case EventKind::job_start:
        job_start(now);
        return;
      case EventKind::idle_check:
        idle_check(now, event.id, event.generation);
        return;
      case EventKind::io_done:
        enter_cpu(now, event.id);
        return;
      case EventKind::cpu_done:
        cpu_done(now, event.id, event.generation);
        return;
    }
  }

  // Records the levels after an event for the busiest hour.
  void observe(Tick now) {
    hour_.observe(now, instances_level_.level(),
                  running_.level() * config_.connections_per_instance, queued_.level());
  }

  // Moves the clock to `now`: one comparison unless the measured span's start, a minute, a batch or
  // the end is crossed.
  void advance(Tick now) {
    if (now < next_boundary_) return;
    cross_boundaries(now);
    next_boundary_ = std::min({measuring_ ? kNever : start_, hour_.next_boundary(),
                               batch_.next_boundary(), frozen_ ? kNever : end_});
  }

  // The burn-in is over: requests that arrived before now are never counted, whenever they
  // finish; the levels measure, and live instances bill, from here.
  void start_measuring() {
    measuring_ = true;
    for (TimeWeightedLevel* level : {&instances_level_, &serving_level_, &running_, &busy_,
                                     &busy_instances_, &queued_, &hosts_level_}) {
      level->start_measuring(start_);
    }
    for (Instance& inst : instances_) {
      if (inst.state == InstanceState::stopped || inst.bill_start < 0) continue;
      if (inst.bill_start < start_) {
        inst.bill_start = start_;
        inst.carried_in = true;
      }
    }
    const TimeWeightedLevel& billed =
        config_.platform == ContainerPlatform::ec2 ? hosts_level_ : instances_level_;
    batch_area_ = billed.area_until(start_);
    observe(start_);
  }

  // Starts the measured span, closes minutes and batches, and freezes the time-weighted levels at
  // the end.
  void cross_boundaries(Tick now) {
    if (!measuring_ && now >= start_) start_measuring();
    hour_.advance(now);
    while (batch_.due(now)) {
      close_batch(batch_.batch_end());
      batch_.step();
    }
    if (frozen_ || now < end_) return;
    close_batch(end_);
    result_.instances = {instances_level_.mean_until(end_), instances_level_.peak()};
    result_.busy_instances = {busy_instances_.mean_until(end_), busy_instances_.peak()};
    result_.busy_slots = {busy_.mean_until(end_), busy_.peak()};
    result_.queued = {queued_.mean_until(end_), queued_.peak()};
    const auto connections = static_cast<double>(config_.connections_per_instance);
    result_.db_connections = {running_.mean_until(end_) * connections,
                              running_.peak() * config_.connections_per_instance};
    result_.peak_hosts = hosts_level_.peak();
    result_.usage.host_hours = hosts_level_.mean_until(end_) * result_.simulated_seconds / 3600;
    // Instances still live at the end are billed up to it.
    for (const Instance& inst : instances_) {
      if (inst.state != InstanceState::stopped && inst.bill_start >= 0 && inst.bill_start < end_) {
        task_ticks_ += end_ - inst.bill_start;
      }
    }
    task_ticks_ += dormant_ * (end_ - start_);  // the dormant warm fleet, billed from the start
    frozen_ = true;
  }

  // The billed quantity of the batch that ends at `end`: host time on EC2, task time on Fargate.
  void close_batch(Tick end) {
    const TimeWeightedLevel& billed =
        config_.platform == ContainerPlatform::ec2 ? hosts_level_ : instances_level_;
    const double area = billed.area_until(end);
    batches_.usage[static_cast<std::size_t>(batch_.index())] = area - batch_area_;
    batch_area_ = area;
  }

  SimulationResult finish() {
    result_.busiest_hour = hour_.finish();
    for (std::size_t b = 0; b < latency_batches_.size(); ++b) {
      latency_.merge(latency_batches_[b]);
      batches_.requests[b] = latency_batches_[b].count();
      batches_.p99_ms[b] = latency_batches_[b].quantile(0.99) / static_cast<double>(kTicksPerMs);
    }
    set_batch_intervals(batches_, result_);
    const double task_hours = to_seconds(task_ticks_) / 3600;
    result_.usage.task_vcpu_hours = task_hours * config_.task_vcpu;
    result_.usage.task_gb_hours = task_hours * config_.task_memory_gb;
    if (result_.requests > 0) {
      const auto requests = static_cast<double>(result_.requests);
      result_.throttled_fraction = static_cast<double>(result_.throttled) / requests;
      result_.cold_start_fraction = static_cast<double>(result_.cold_starts) / requests;
    }
    auto ms = [](double ticks) { return ticks / static_cast<double>(kTicksPerMs); };
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

  static constexpr double kInfinity = std::numeric_limits<double>::infinity();

  const ContainerSimConfig& config_;
  Rng rng_;                 // routing and platform delays
  VariateStream duration_;  // every request's (or run's) own duration
  Rng traffic_rng_;         // arrivals only: runs that share a traffic seed see the same requests
  ContainerTrace* trace_;
  Tick start_;  // the measured span is [start_, end_); before it, the burn-in
  Tick end_;
  int slots_;
  Tick timeout_;
  Tick pull_;
  Tick startup_;
  bool scheduled_;
  int min_instances_;
  int max_instances_;
  bool hosts_enabled_;
  int per_host_;
  bool scale_to_zero_;
  Tick idle_stop_;
  int azs_;
  bool cpu_;
  double cpu_cap_;  // vCPU one request may use
  std::vector<Policy> policies_;
  bool autoscaling_ = false;
  Tick period_ = 0;

  std::vector<Instance> instances_;
  std::vector<std::uint32_t> free_ids_;
  std::vector<std::uint32_t> active_;   // live and not draining: the desired fleet
  std::vector<std::uint32_t> serving_;  // http routing list
  std::size_t cursor_ = 0;
  std::vector<FreeSlots> free_slots_;  // workers: idle slots, newest on top
  bool dormant_mode_ = false;
  std::int64_t dormant_ = 0;  // warm, serving, idle instances held as a count (see the constructor)
  std::deque<Tick> shared_queue_;  // workers: arrival times of visible messages
  std::deque<Tick> front_door_;    // scale to zero: requests held while an instance starts
  std::vector<Host> hosts_;
  std::int64_t live_hosts_ = 0;
  std::vector<int> az_instances_ = std::vector<int>(static_cast<std::size_t>(azs_), 0);
  std::vector<int> zone_scratch_;     // retire_one's per-zone counts, kept to avoid reallocating
  std::deque<InstanceRef> unplaced_;  // instances waiting for room on a host
  EventQueue<Payload> events_;
  std::size_t next_run_ = 0;
  std::vector<InstanceCpu> cpus_;  // by instance id, when the CPU is modelled
  std::vector<CpuJob> jobs_;       // requests in service (I/O or CPU phase)
  std::vector<std::uint32_t> free_jobs_;
  double cpu_in_use_ = 0;  // vCPU, all instances
  double cpu_area_ = 0;    // vCPU x ticks up to cpu_last_
  Tick cpu_last_ = 0;

  int desired_ = 0;
  Tick last_scale_out_ = -kNever;
  Tick last_scale_in_ = -kNever;
  Tick last_tick_ = 0;
  double last_busy_area_ = 0;
  double last_serving_area_ = 0;
  double last_queued_area_ = 0;
  double last_cpu_area_ = 0;
  PeriodAverages last_period_;
  std::deque<std::pair<Tick, int>> recommendations_;  // HPA stabilisation window

  TimeWeightedLevel instances_level_;
  TimeWeightedLevel serving_level_;
  TimeWeightedLevel running_;  // serving or draining: holding connections
  TimeWeightedLevel busy_;
  TimeWeightedLevel busy_instances_;
  TimeWeightedLevel queued_;
  TimeWeightedLevel hosts_level_;
  BusiestHourRecorder hour_{start_, end_};
  std::array<LogHistogram, kBatches> latency_batches_;  // merged into latency_ at the end
  BatchValues batches_;
  BatchClock batch_{start_, end_};
  double batch_area_ = 0;
  Tick task_ticks_ = 0;
  LogHistogram latency_;
  bool measuring_ = false;  // past the burn-in
  bool frozen_ = false;
  Tick next_boundary_ = 0;  // the next start, minute, batch or end: advance() acts only there
  SimulationResult result_;
};

}  // namespace

SimulationResult simulate_containers(const ContainerSimConfig& config, ArrivalProcess arrivals,
                                     double seconds, std::uint64_t seed, ContainerTrace* trace) {
  ContainerEngine engine(config, seconds, seed, trace);
  return std::visit([&engine](auto& process) { return engine.run(process); }, arrivals);
}

}  // namespace computefit::sim
