// Pure pieces of the events consumer (header-only so unit tests need no Redis or MySQL):
// stream ids, validation of one `stream:events` entry and per-day aggregation of a batch.
//
// An entry (written by the catalog worker's RecordEvent) has the fields type, product_id,
// position, user_id, ts. Counted per (UTC date of ts, type, product_id, position) for
// daily_event_counts and per date for the daily_stats columns views/clicks/add_to_carts/shares.
#pragma once

#include <time.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace rz::jobs {

// A Redis stream id "<ms>-<seq>".
struct StreamId {
  uint64_t ms = 0;
  uint64_t seq = 0;
  bool operator<(const StreamId& o) const { return ms != o.ms ? ms < o.ms : seq < o.seq; }
  bool operator==(const StreamId& o) const { return ms == o.ms && seq == o.seq; }
  std::string str() const { return std::to_string(ms) + "-" + std::to_string(seq); }
};

inline std::optional<uint64_t> ParseUint(const std::string& s) {
  if (s.empty() || s.size() > 20) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

inline std::optional<StreamId> ParseStreamId(const std::string& s) {
  auto dash = s.find('-');
  if (dash == std::string::npos) return std::nullopt;
  auto ms = ParseUint(s.substr(0, dash));
  auto seq = ParseUint(s.substr(dash + 1));
  if (!ms || !seq) return std::nullopt;
  return StreamId{*ms, *seq};
}

// One stream entry as read from XREADGROUP / XAUTOCLAIM. `deleted`: the id is still pending but
// the entry was trimmed from the stream (nil fields); it is acknowledged and not counted.
struct StreamEntry {
  std::string id;
  std::vector<std::pair<std::string, std::string>> fields;
  bool deleted = false;

  const std::string* Field(const std::string& name) const {
    for (const auto& f : fields) {
      if (f.first == name) return &f.second;
    }
    return nullptr;
  }
};

// "2024-10-25" for the UTC date of `unix_seconds`.
inline std::string UtcDate(int64_t unix_seconds) {
  time_t t = static_cast<time_t>(unix_seconds);
  struct tm tm {};
  gmtime_r(&t, &tm);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

// Code points of a UTF-8 string, or -1 when it is not valid UTF-8.
inline int64_t Utf8Length(const std::string& s) {
  int64_t n = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 0;
    if (len == 0 || i + len > s.size()) return -1;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return -1;
    }
    i += len;
    ++n;
  }
  return n;
}

struct EventKey {
  std::string date;  // YYYY-MM-DD (UTC)
  std::string type;  // view, click, add_to_cart, share
  int64_t product_id = 0;
  std::string position;
  bool operator<(const EventKey& o) const {
    return std::tie(date, type, product_id, position) <
           std::tie(o.date, o.type, o.product_id, o.position);
  }
};

struct DayCounters {
  int64_t views = 0;
  int64_t clicks = 0;
  int64_t add_to_carts = 0;
  int64_t shares = 0;
};

// The events of one batch, summed.
struct EventBatch {
  std::map<EventKey, int64_t> counts;
  std::map<std::string, DayCounters> days;
  int64_t counted = 0;  // entries counted
  int64_t ignored = 0;  // malformed or deleted entries (acknowledged, not counted)
};

// Validates one entry and adds it to the batch; false (and `ignored` + 1) when malformed.
// The event time is `ts` (unix seconds); without a usable ts, the time of the stream id.
inline bool AddEvent(EventBatch& batch, const StreamEntry& e) {
  auto reject = [&] {
    ++batch.ignored;
    return false;
  };
  if (e.deleted) return reject();
  const std::string* type = e.Field("type");
  if (!type ||
      (*type != "view" && *type != "click" && *type != "add_to_cart" && *type != "share")) {
    return reject();
  }
  int64_t product_id = 0;
  if (const std::string* p = e.Field("product_id"); p && !p->empty()) {
    auto v = ParseUint(*p);
    if (!v || *v > static_cast<uint64_t>(INT64_MAX)) return reject();
    product_id = static_cast<int64_t>(*v);
  }
  std::string position;
  if (const std::string* p = e.Field("position")) position = *p;
  int64_t chars = Utf8Length(position);
  if (chars < 0 || chars > 32) return reject();

  constexpr uint64_t kYear10000 = 253402300800ULL;  // MySQL DATE ends at 9999-12-31
  int64_t when = -1;
  if (const std::string* ts = e.Field("ts")) {
    auto v = ParseUint(*ts);
    if (v && *v < kYear10000) when = static_cast<int64_t>(*v);
  }
  if (when < 0) {
    auto id = ParseStreamId(e.id);
    if (!id || id->ms / 1000 >= kYear10000) return reject();
    when = static_cast<int64_t>(id->ms / 1000);
  }

  EventKey key{UtcDate(when), *type, product_id, position};
  DayCounters& day = batch.days[key.date];
  if (*type == "view")
    ++day.views;
  else if (*type == "click")
    ++day.clicks;
  else if (*type == "add_to_cart")
    ++day.add_to_carts;
  else
    ++day.shares;
  ++batch.counts[key];
  ++batch.counted;
  return true;
}

}  // namespace rz::jobs
