// Scheduler: a thread per job, sleeping on a condition variable between runs.
#include "handlers/jobs/scheduler.h"

#include <exception>

#include "core/log.h"

namespace rz::jobs {

Scheduler::~Scheduler() {
  Stop();
  for (auto& t : threads_) {
    if (t.joinable()) t.detach();  // Wait() joined them unless it timed out
  }
}

void Scheduler::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  running_ = static_cast<int>(jobs_.size());
  for (const auto& job : jobs_) threads_.emplace_back([this, &job] { Loop(job); });
}

void Scheduler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
}

bool Scheduler::Wait(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  if (!cv_.wait_for(lock, timeout, [&] { return running_ == 0; })) return false;
  lock.unlock();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  return true;
}

void Scheduler::Loop(const JobSpec& job) {
  while (!stop_) {
    bool again = false;
    try {
      again = job.run();
    } catch (const std::exception& e) {
      LogWarn("job failed", {{"job", job.name}, {"error", e.what()}});
    } catch (...) {
      LogWarn("job failed", {{"job", job.name}, {"error", "unknown exception"}});
    }
    if (again) continue;
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, job.period, [&] { return stop_.load(); });
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    --running_;
  }
  cv_.notify_all();
}

}  // namespace rz::jobs
