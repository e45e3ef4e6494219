// A small scheduler: one thread per job, each job run every `period` (after the previous run
// ends) until Stop(). A run may ask to go again at once (a full batch: more work is waiting).
// A run that throws is logged and retried next period; the daemon never dies of a job.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace rz::jobs {

struct JobSpec {
  std::string name;
  std::chrono::milliseconds period{1000};
  // Returns true to run again immediately, false to wait a period.
  std::function<bool()> run;
};

class Scheduler {
 public:
  Scheduler() = default;
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  void Add(JobSpec job) { jobs_.push_back(std::move(job)); }
  void Start();
  // Asks every job to stop and wakes the sleeping ones (running ones finish their run).
  void Stop();
  bool stopping() const { return stop_.load(); }
  // Waits up to `timeout` for every job thread to end; true when all did (they are joined).
  bool Wait(std::chrono::milliseconds timeout);

 private:
  void Loop(const JobSpec& job);

  std::vector<JobSpec> jobs_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  int running_ = 0;
};

}  // namespace rz::jobs
