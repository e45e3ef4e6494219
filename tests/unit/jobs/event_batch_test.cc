// Tests for the events consumer's pure pieces: stream ids, entry validation, aggregation.
#define BOOST_TEST_MODULE event_batch
#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

#include "handlers/jobs/event_batch.h"

using namespace rz::jobs;

namespace {

constexpr int64_t kT = 1729857600;  // 2024-10-25T12:00:00Z

StreamEntry Entry(const std::string& id, std::vector<std::pair<std::string, std::string>> fields) {
  StreamEntry e;
  e.id = id;
  e.fields = std::move(fields);
  return e;
}

StreamEntry Event(const std::string& type, const std::string& product, const std::string& position,
                  int64_t ts = kT) {
  return Entry("1729857600000-0", {{"type", type},
                                   {"product_id", product},
                                   {"position", position},
                                   {"user_id", "0"},
                                   {"ts", std::to_string(ts)}});
}

}  // namespace

BOOST_AUTO_TEST_CASE(stream_ids_parse_and_order) {
  auto a = ParseStreamId("1729857600000-0");
  auto b = ParseStreamId("1729857600000-12");
  auto c = ParseStreamId("1729857600001-0");
  BOOST_REQUIRE(a && b && c);
  BOOST_TEST(a->ms == 1729857600000ULL);
  BOOST_TEST(b->seq == 12u);
  BOOST_TEST((*a < *b));
  BOOST_TEST((*b < *c));
  BOOST_TEST(!(*c < *a));
  BOOST_TEST(b->str() == "1729857600000-12");
  for (const char* bad :
       {"", "-", "1", "1-", "-1", "a-1", "1-b", "1-2-3", "99999999999999999999999-0", "+1-0"}) {
    BOOST_TEST_INFO("id " << bad);
    BOOST_TEST(!ParseStreamId(bad).has_value());
  }
}

BOOST_AUTO_TEST_CASE(utc_date_of_unix_seconds) {
  BOOST_TEST(UtcDate(kT) == "2024-10-25");
  BOOST_TEST(UtcDate(0) == "1970-01-01");
  BOOST_TEST(UtcDate(1735689599) == "2024-12-31");  // 23:59:59
  BOOST_TEST(UtcDate(1735689600) == "2025-01-01");
}

BOOST_AUTO_TEST_CASE(events_are_summed_per_date_type_product_and_position) {
  EventBatch b;
  BOOST_TEST(AddEvent(b, Event("view", "5", "home")));
  BOOST_TEST(AddEvent(b, Event("view", "5", "home")));
  BOOST_TEST(AddEvent(b, Event("view", "5", "detail")));
  BOOST_TEST(AddEvent(b, Event("click", "5", "home")));
  BOOST_TEST(AddEvent(b, Event("add_to_cart", "6", "")));
  BOOST_TEST(AddEvent(b, Event("share", "", "")));
  BOOST_TEST(AddEvent(b, Event("view", "5", "home", kT + 86400)));  // next day

  BOOST_TEST(b.counted == 7);
  BOOST_TEST(b.ignored == 0);
  BOOST_TEST(b.counts.size() == 6u);
  BOOST_TEST((b.counts[EventKey{"2024-10-25", "view", 5, "home"}]) == 2);
  BOOST_TEST((b.counts[EventKey{"2024-10-25", "view", 5, "detail"}]) == 1);
  BOOST_TEST((b.counts[EventKey{"2024-10-25", "click", 5, "home"}]) == 1);
  BOOST_TEST((b.counts[EventKey{"2024-10-25", "add_to_cart", 6, ""}]) == 1);
  BOOST_TEST((b.counts[EventKey{"2024-10-25", "share", 0, ""}]) == 1);
  BOOST_TEST((b.counts[EventKey{"2024-10-26", "view", 5, "home"}]) == 1);

  BOOST_TEST(b.days.size() == 2u);
  const DayCounters& d = b.days["2024-10-25"];
  BOOST_TEST(d.views == 3);
  BOOST_TEST(d.clicks == 1);
  BOOST_TEST(d.add_to_carts == 1);
  BOOST_TEST(d.shares == 1);
  BOOST_TEST(b.days["2024-10-26"].views == 1);
}

BOOST_AUTO_TEST_CASE(malformed_entries_are_ignored) {
  EventBatch b;
  BOOST_TEST(!AddEvent(b, Event("buy", "5", "home")));
  BOOST_TEST(!AddEvent(b, Event("", "5", "home")));
  BOOST_TEST(!AddEvent(b, Event("view", "x", "home")));
  BOOST_TEST(!AddEvent(b, Event("view", "-1", "home")));
  BOOST_TEST(!AddEvent(b, Event("view", "9223372036854775808", "home")));  // > INT64_MAX
  BOOST_TEST(!AddEvent(b, Event("view", "5", std::string(33, 'p'))));
  BOOST_TEST(!AddEvent(b, Event("view", "5", "\xff\xfe")));       // not UTF-8
  BOOST_TEST(!AddEvent(b, Entry("1-0", {{"product_id", "5"}})));  // no type
  StreamEntry deleted = Event("view", "5", "home");
  deleted.deleted = true;
  BOOST_TEST(!AddEvent(b, deleted));
  BOOST_TEST(b.ignored == 9);
  BOOST_TEST(b.counted == 0);
  BOOST_TEST(b.counts.empty());
  BOOST_TEST(b.days.empty());
}

BOOST_AUTO_TEST_CASE(positions_are_limited_in_characters_not_bytes) {
  EventBatch b;
  std::string chinese;
  for (int i = 0; i < 32; ++i) chinese += "首";  // 32 characters, 96 bytes
  BOOST_TEST(AddEvent(b, Event("view", "1", chinese)));
  BOOST_TEST(!AddEvent(b, Event("view", "1", chinese + "页")));
  BOOST_TEST(Utf8Length("😀a") == 2);
  BOOST_TEST(Utf8Length("\xe9\xa6") == -1);  // truncated sequence
}

BOOST_AUTO_TEST_CASE(time_comes_from_ts_else_from_the_stream_id) {
  EventBatch b;
  // No ts: the stream id's milliseconds (2024-10-26T00:00:00Z).
  BOOST_TEST(AddEvent(b, Entry("1729900800000-3", {{"type", "view"}, {"product_id", "1"}})));
  // Unusable ts (garbage, or beyond year 9999): also the stream id.
  BOOST_TEST(AddEvent(b, Entry("1729900800000-4", {{"type", "view"}, {"ts", "soon"}})));
  BOOST_TEST(AddEvent(b, Entry("1729900800000-5", {{"type", "view"}, {"ts", "253402300800"}})));
  BOOST_TEST(b.days.count("2024-10-26") == 1u);
  BOOST_TEST(b.days["2024-10-26"].views == 3);
  // Neither usable: ignored (a date MySQL could not store would block the consumer).
  BOOST_TEST(!AddEvent(b, Entry("bogus", {{"type", "view"}})));
  BOOST_TEST(!AddEvent(b, Entry("999999999999999999-0", {{"type", "view"}})));
}
