// The analytics events consumer: reads `stream:events` with the consumer group `jobs`, folds
// each batch into daily_event_counts and daily_stats, then XACKs it.
//
// Exactly once per entry, even with two daemons in the group at the same time: the batch's
// counters and the ids of its entries (jobs_stream_applied, sql/010_jobs.sql) are written in
// ONE transaction, serialised on the group's jobs_stream_offsets row; an entry seen again (a
// crash between COMMIT and XACK, a stale entry claimed from a dead consumer, a late commit of
// a stalled daemon) is found there and skipped. Entries pending for 60 s or more with any
// consumer are taken over with XAUTOCLAIM. A batch that cannot be written (MySQL down) is kept
// and retried; nothing new is read meanwhile.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cache/redis.h"
#include "db/db.h"
#include "handlers/jobs/event_batch.h"

namespace rz::jobs {

class EventsConsumer {
 public:
  static constexpr const char* kStream = "stream:events";
  static constexpr const char* kGroup = "jobs";

  // `redis` must allow a command to take over a second (XREADGROUP BLOCK): see main.cc.
  EventsConsumer(Db& db, Redis& redis, std::string consumer_name);

  // One round: retry a held batch, or claim stale entries, or read new ones (blocking up
  // to 1 s), apply and acknowledge them. True when the caller may go again at once.
  bool RunOnce();

  // Applies a batch in one MySQL transaction; returns how many entries were newly counted
  // (entries already applied are skipped). Throws on MySQL errors.
  int64_t Apply(const std::vector<StreamEntry>& entries);

  const std::string& consumer_name() const { return consumer_; }

 private:
  bool EnsureGroup();
  // Reads with XREADGROUP (`start` ">" for new entries); false on a Redis failure.
  bool ReadGroup(std::vector<StreamEntry>* out);
  bool ClaimStale(std::vector<StreamEntry>* out);
  bool Process(std::vector<StreamEntry> entries);  // apply + ack; false if it must be retried
  void Ack(const std::vector<StreamEntry>& entries);
  void PruneApplied();
  void ForgetIdleConsumers();
  void RedisFailed(const RedisReply& r, const char* what);

  Db& db_;
  Redis& redis_;
  std::string consumer_;
  bool group_ready_ = false;
  bool redis_down_logged_ = false;
  std::vector<StreamEntry> held_;  // a batch whose MySQL write failed, retried first
  int held_failures_ = 0;
  std::string claim_cursor_ = "0-0";
  int64_t next_claim_ms_ = 0;
  int64_t next_prune_ms_ = 0;
  int64_t next_summary_ms_ = 0;
  int64_t since_log_entries_ = 0;
  int64_t since_log_counted_ = 0;
};

}  // namespace rz::jobs
