// EventsConsumer: XREADGROUP / XAUTOCLAIM -> one MySQL transaction per batch -> XACK.
#include "handlers/jobs/events_consumer.h"

#include <exception>
#include <set>
#include <utility>

#include "core/error.h"
#include "core/log.h"
#include "core/time_util.h"
#include "db/sql.h"

namespace rz::jobs {
namespace {

constexpr int kBatch = 500;
constexpr int64_t kBlockMs = 1000;
constexpr int64_t kClaimIdleMs = 60000;  // a pending entry this old belongs to a dead consumer
constexpr int64_t kClaimEveryMs = 10000;
constexpr int64_t kPruneEveryMs = 10 * 60 * 1000;
constexpr int64_t kKeepAppliedMs = 7LL * 24 * 3600 * 1000;
constexpr int64_t kForgetConsumerIdleMs = 3600 * 1000;
constexpr int kMaxPoisonRetries = 5;

// [id, [field, value, ...] | nil] -> StreamEntry; false when the shape is wrong.
bool ParseEntry(const RedisReply& e, StreamEntry* out) {
  if (e.type != REDIS_REPLY_ARRAY || e.elements.empty() ||
      e.elements[0].type != REDIS_REPLY_STRING) {
    return false;
  }
  out->id = e.elements[0].str;
  out->fields.clear();
  out->deleted = true;
  if (e.elements.size() >= 2 && e.elements[1].type == REDIS_REPLY_ARRAY) {
    const auto& f = e.elements[1].elements;
    for (size_t i = 0; i + 1 < f.size(); i += 2) out->fields.emplace_back(f[i].str, f[i + 1].str);
    out->deleted = false;
  }
  return true;
}

void ParseEntries(const RedisReply& list, std::vector<StreamEntry>* out) {
  if (list.type != REDIS_REPLY_ARRAY) return;
  for (const auto& e : list.elements) {
    StreamEntry entry;
    if (ParseEntry(e, &entry)) out->push_back(std::move(entry));
  }
}

bool IsNoGroup(const RedisReply& r) {
  return r.type == REDIS_REPLY_ERROR && r.str.rfind("NOGROUP", 0) == 0;
}

}  // namespace

EventsConsumer::EventsConsumer(Db& db, Redis& redis, std::string consumer_name)
    : db_(db), redis_(redis), consumer_(std::move(consumer_name)) {}

void EventsConsumer::RedisFailed(const RedisReply& r, const char* what) {
  if (r.type == REDIS_REPLY_ERROR) {
    LogWarn("events consumer: redis error", {{"command", what}, {"error", r.str}});
    return;
  }
  if (!redis_down_logged_) {
    LogWarn("events consumer: redis unavailable, skipping rounds until it is back",
            {{"command", what}});
    redis_down_logged_ = true;
  }
}

bool EventsConsumer::EnsureGroup() {
  if (group_ready_) return true;
  // From the start of the stream, not "$": entries added while the group did not exist (first
  // start, or the stream recreated by XADD after Redis lost its data) are counted too; entries
  // already applied are skipped by jobs_stream_applied.
  RedisReply r = redis_.Command({"XGROUP", "CREATE", kStream, kGroup, "0", "MKSTREAM"});
  if (r.ok || (r.type == REDIS_REPLY_ERROR && r.str.rfind("BUSYGROUP", 0) == 0)) {
    if (r.ok)
      LogInfo("events consumer: created consumer group", {{"stream", kStream}, {"group", kGroup}});
    group_ready_ = true;
    return true;
  }
  RedisFailed(r, "XGROUP CREATE");
  return false;
}

bool EventsConsumer::ReadGroup(std::vector<StreamEntry>* out) {
  RedisReply r =
      redis_.Command({"XREADGROUP", "GROUP", kGroup, consumer_, "COUNT", std::to_string(kBatch),
                      "BLOCK", std::to_string(kBlockMs), "STREAMS", kStream, ">"});
  if (r.is_nil()) return true;  // nothing new within the block time
  if (!r.ok) {
    if (IsNoGroup(r)) {
      group_ready_ = false;  // the stream or group vanished (Redis restarted without its data)
      return true;
    }
    RedisFailed(r, "XREADGROUP");
    return false;
  }
  if (r.type == REDIS_REPLY_ARRAY) {
    for (const auto& stream : r.elements) {
      if (stream.type == REDIS_REPLY_ARRAY && stream.elements.size() >= 2) {
        ParseEntries(stream.elements[1], out);
      }
    }
  }
  return true;
}

bool EventsConsumer::ClaimStale(std::vector<StreamEntry>* out) {
  RedisReply r =
      redis_.Command({"XAUTOCLAIM", kStream, kGroup, consumer_, std::to_string(kClaimIdleMs),
                      claim_cursor_, "COUNT", std::to_string(kBatch)});
  if (!r.ok) {
    if (IsNoGroup(r)) {
      group_ready_ = false;
      claim_cursor_ = "0-0";
      return true;
    }
    RedisFailed(r, "XAUTOCLAIM");
    return false;
  }
  // [next cursor, [entries], [deleted ids (Redis 7; already removed from the PEL)]]
  if (r.type != REDIS_REPLY_ARRAY || r.elements.size() < 2) return true;
  claim_cursor_ = r.elements[0].type == REDIS_REPLY_STRING ? r.elements[0].str : "0-0";
  ParseEntries(r.elements[1], out);
  // Cursor 0-0: the whole PEL was scanned; look again later. Otherwise continue next round.
  next_claim_ms_ = claim_cursor_ == "0-0" ? NowMillis() + kClaimEveryMs : 0;
  if (!out->empty()) {
    LogInfo("events consumer: claimed stale entries", {{"count", std::to_string(out->size())}});
  }
  return true;
}

int64_t EventsConsumer::Apply(const std::vector<StreamEntry>& entries) {
  // Unique, parsable ids of the batch.
  std::map<StreamId, const StreamEntry*> by_id;
  for (const auto& e : entries) {
    if (auto id = ParseStreamId(e.id)) by_id.emplace(*id, &e);
  }
  if (by_id.empty()) return 0;

  auto apply = [&](soci::session& s) -> int64_t {
    soci::transaction tx(s);
    std::string stream = kStream, group = kGroup;
    // The group's row is the serialisation point of every consumer's batch. Locked first (an
    // INSERT IGNORE first would take a shared lock, and two consumers upgrading theirs deadlock).
    std::string last_id;
    auto lock_row = [&] {
      s << "SELECT last_id FROM jobs_stream_offsets"
           " WHERE stream = :s AND group_name = :g FOR UPDATE",
          soci::into(last_id), soci::use(stream), soci::use(group);
      return s.got_data();
    };
    if (!lock_row()) {
      s << "INSERT IGNORE INTO jobs_stream_offsets (stream, group_name) VALUES (:s, :g)",
          soci::use(stream), soci::use(group);
      lock_row();
    }

    // Which of the batch's ids were applied before (looked up by their distinct ms parts).
    std::set<StreamId> applied;
    SqlQuery seen("SELECT entry_ms, entry_seq FROM jobs_stream_applied");
    seen.Append(" WHERE stream = ? AND entry_ms IN (", stream);
    uint64_t prev_ms = 0;
    bool first_ms = true;
    for (const auto& entry : by_id) {
      if (!first_ms && entry.first.ms == prev_ms) continue;
      seen.Append(first_ms ? "?" : ",?", static_cast<long long>(entry.first.ms));
      prev_ms = entry.first.ms;
      first_ms = false;
    }
    seen.Append(")");
    seen.ForEach(s, [&](const soci::row& r) {
      applied.insert(
          StreamId{static_cast<uint64_t>(RowInt(r, 0)), static_cast<uint64_t>(RowInt(r, 1))});
    });

    EventBatch batch;
    std::vector<StreamId> fresh;
    for (const auto& [id, entry] : by_id) {
      if (applied.count(id)) continue;
      fresh.push_back(id);
      AddEvent(batch, *entry);
    }
    if (fresh.empty()) return int64_t{0};

    SqlQuery mark("INSERT INTO jobs_stream_applied (stream, entry_ms, entry_seq) VALUES ");
    for (size_t i = 0; i < fresh.size(); ++i) {
      mark.Append(i == 0 ? "(?" : ",(?", stream);
      mark.Append(",?,?)", static_cast<long long>(fresh[i].ms),
                  static_cast<long long>(fresh[i].seq));
    }
    mark.Exec(s);

    if (!batch.counts.empty()) {
      SqlQuery counts(
          "INSERT INTO daily_event_counts (date, type, product_id, position, event_count) VALUES ");
      bool first_row = true;
      for (const auto& [key, n] : batch.counts) {
        counts.Append(first_row ? "(?" : ",(?", key.date);
        counts.Append(",?", key.type);
        counts.Append(",?", static_cast<long long>(key.product_id));
        counts.Append(",?", key.position);
        counts.Append(",?)", static_cast<long long>(n));
        first_row = false;
      }
      counts.Append(" ON DUPLICATE KEY UPDATE event_count = event_count + VALUES(event_count)");
      counts.Exec(s);

      SqlQuery days("INSERT INTO daily_stats (date, views, clicks, add_to_carts, shares) VALUES ");
      first_row = true;
      for (const auto& [date, d] : batch.days) {
        days.Append(first_row ? "(?" : ",(?", date);
        days.Append(",?,?", static_cast<long long>(d.views), static_cast<long long>(d.clicks));
        days.Append(",?,?)", static_cast<long long>(d.add_to_carts),
                    static_cast<long long>(d.shares));
        first_row = false;
      }
      days.Append(
          " ON DUPLICATE KEY UPDATE views = views + VALUES(views),"
          " clicks = clicks + VALUES(clicks),"
          " add_to_carts = add_to_carts + VALUES(add_to_carts),"
          " shares = shares + VALUES(shares)");
      days.Exec(s);
    }

    std::string new_last = last_id;
    auto prev = ParseStreamId(last_id);
    if (!prev || *prev < fresh.back()) new_last = fresh.back().str();
    long long n = static_cast<long long>(fresh.size());
    s << "UPDATE jobs_stream_offsets SET last_id = :l, events_applied = events_applied + :n"
         " WHERE stream = :s AND group_name = :g",
        soci::use(new_last), soci::use(n), soci::use(stream), soci::use(group);
    tx.commit();
    if (batch.ignored > 0) {
      LogWarn("events consumer: ignored malformed entries",
              {{"count", std::to_string(batch.ignored)}});
    }
    return batch.counted;
  };
  // A deadlock or lock wait timeout rolled the transaction back: run it again.
  for (int attempt = 0;; ++attempt) {
    try {
      return db_.Run(apply);
    } catch (const soci::soci_error& e) {
      unsigned n = MysqlErrorNumber(e);
      if (attempt >= 3 || (n != 1213 && n != 1205)) throw;
    }
  }
}

void EventsConsumer::Ack(const std::vector<StreamEntry>& entries) {
  if (entries.empty()) return;
  std::vector<std::string> args = {"XACK", kStream, kGroup};
  for (const auto& e : entries) args.push_back(e.id);
  RedisReply r = redis_.Command(args);
  // Not acknowledged: the entries stay pending, are claimed again after a minute and skipped.
  if (!r.ok) RedisFailed(r, "XACK");
}

bool EventsConsumer::Process(std::vector<StreamEntry> entries) {
  if (entries.empty()) return true;
  try {
    int64_t counted = Apply(entries);
    if (held_failures_ > 0) LogInfo("events consumer: batch applied after retry");
    held_failures_ = 0;
    // A summary at most once a minute rather than a line per batch.
    since_log_entries_ += static_cast<int64_t>(entries.size());
    since_log_counted_ += counted;
    int64_t now = NowMillis();
    if (now >= next_summary_ms_) {
      LogInfo("events consumer: applied", {{"entries", std::to_string(since_log_entries_)},
                                           {"counted", std::to_string(since_log_counted_)}});
      since_log_entries_ = since_log_counted_ = 0;
      next_summary_ms_ = now + 60000;
    }
  } catch (const ApiError& e) {
    // MySQL unreachable: keep the batch and retry it next round, reading nothing new.
    if (held_failures_++ == 0) {
      LogWarn("events consumer: database unavailable, holding batch", {{"error", e.what()}});
    }
    held_ = std::move(entries);
    return false;
  } catch (const std::exception& e) {
    // The database refused the batch itself. Retry a few times; then drop it rather than stop
    // counting forever (the entries are logged).
    if (++held_failures_ < kMaxPoisonRetries) {
      LogWarn("events consumer: batch failed, will retry", {{"error", e.what()}});
      held_ = std::move(entries);
      return false;
    }
    LogError("events consumer: dropping batch the database keeps refusing",
             {{"error", e.what()},
              {"first_id", entries.front().id},
              {"last_id", entries.back().id},
              {"entries", std::to_string(entries.size())}});
    held_failures_ = 0;
  }
  Ack(entries);
  return true;
}

void EventsConsumer::PruneApplied() {
  try {
    long long cutoff = static_cast<long long>(NowMillis() - kKeepAppliedMs);
    for (int i = 0; i < 20; ++i) {
      long long n = db_.Run([&](soci::session& s) {
        return SqlQuery("DELETE FROM jobs_stream_applied")
            .Append(" WHERE stream = ?", std::string(kStream))
            .Append(" AND entry_ms < ? LIMIT 10000", cutoff)
            .Exec(s);
      });
      if (n < 10000) break;
    }
  } catch (const std::exception& e) {
    LogWarn("events consumer: prune failed", {{"error", e.what()}});
  }
}

void EventsConsumer::ForgetIdleConsumers() {
  // Every daemon start is a new consumer; drop old ones that have nothing pending.
  RedisReply r = redis_.Command({"XINFO", "CONSUMERS", kStream, kGroup});
  if (!r.ok || r.type != REDIS_REPLY_ARRAY) return;
  for (const auto& c : r.elements) {
    if (c.type != REDIS_REPLY_ARRAY) continue;
    std::string name;
    int64_t pending = -1, idle = 0;
    for (size_t i = 0; i + 1 < c.elements.size(); i += 2) {
      const std::string& k = c.elements[i].str;
      if (k == "name")
        name = c.elements[i + 1].str;
      else if (k == "pending")
        pending = c.elements[i + 1].integer;
      else if (k == "idle")
        idle = c.elements[i + 1].integer;
    }
    if (!name.empty() && name != consumer_ && pending == 0 && idle > kForgetConsumerIdleMs) {
      redis_.Command({"XGROUP", "DELCONSUMER", kStream, kGroup, name});
    }
  }
}

bool EventsConsumer::RunOnce() {
  if (!held_.empty()) {
    std::vector<StreamEntry> batch;
    batch.swap(held_);
    return Process(std::move(batch));
  }
  if (!EnsureGroup()) return false;
  int64_t now = NowMillis();
  if (now >= next_claim_ms_) {
    std::vector<StreamEntry> claimed;
    if (!ClaimStale(&claimed)) return false;
    if (!claimed.empty()) return Process(std::move(claimed));
  }
  if (now >= next_prune_ms_) {
    next_prune_ms_ = now + kPruneEveryMs;
    PruneApplied();
    ForgetIdleConsumers();
  }
  std::vector<StreamEntry> fresh;
  if (!ReadGroup(&fresh)) return false;
  if (redis_down_logged_) {
    LogInfo("events consumer: redis is back");
    redis_down_logged_ = false;
  }
  return Process(std::move(fresh));
}

}  // namespace rz::jobs
