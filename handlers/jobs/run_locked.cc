// RunLocked: one job run under its Redis lock.
#include <atomic>
#include <mutex>
#include <set>

#include "core/log.h"
#include "handlers/jobs/job_lock.h"
#include "handlers/jobs/jobs.h"

namespace rz::jobs {

bool RunLocked(Redis& redis, const std::string& name, int64_t lock_ttl_ms,
               const std::function<bool()>& job) {
  static std::mutex mu;
  static std::set<std::string> warned;  // jobs that logged "redis down" since it went down
  JobLock lock(redis, name, lock_ttl_ms);
  switch (lock.state()) {
    case JobLock::State::kBusy:
      return false;  // another daemon is doing this scan right now
    case JobLock::State::kRedisDown: {
      std::lock_guard<std::mutex> g(mu);
      if (warned.insert(name).second) {
        LogWarn("redis unavailable: running job without its lock", {{"job", name}});
      }
      break;
    }
    case JobLock::State::kHeld: {
      std::lock_guard<std::mutex> g(mu);
      if (warned.erase(name)) LogInfo("redis is back: job lock taken again", {{"job", name}});
      break;
    }
  }
  return job();
}

}  // namespace rz::jobs
