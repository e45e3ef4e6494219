// TtlCache: reuse while young, reload when old, nothing stored on a failed load.
#define BOOST_TEST_MODULE ttl_cache
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "cache/ttl_cache.h"

using namespace std::chrono_literals;

BOOST_AUTO_TEST_CASE(a_young_value_is_reused_and_an_old_one_reloaded) {
  rz::TtlCache<int, int> c(50ms);
  int loads = 0;
  auto load = [&](int k) { return k * 10 + ++loads; };
  BOOST_TEST(c.Get(1, load) == 11);
  BOOST_TEST(c.Get(1, load) == 11);
  BOOST_TEST(loads == 1);
  std::this_thread::sleep_for(60ms);
  BOOST_TEST(c.Get(1, load) == 12);
  BOOST_TEST(loads == 2);
}

BOOST_AUTO_TEST_CASE(keys_are_cached_apart) {
  rz::TtlCache<int, int> c(10s);
  BOOST_TEST(c.Get(1, [](int k) { return k; }) == 1);
  BOOST_TEST(c.Get(2, [](int k) { return k; }) == 2);
  BOOST_TEST(c.Get(1, [](int) { return 99; }) == 1);
}

BOOST_AUTO_TEST_CASE(a_failed_load_stores_nothing) {
  rz::TtlCache<int, int> c(10s);
  BOOST_CHECK_THROW(c.Get(1, [](int) -> int { throw std::runtime_error("db down"); }),
                    std::runtime_error);
  BOOST_TEST(c.Get(1, [](int) { return 7; }) == 7);
}

BOOST_AUTO_TEST_CASE(a_full_cache_starts_over) {
  rz::TtlCache<int, int> c(10s, 2);
  c.Get(1, [](int) { return 1; });
  c.Get(2, [](int) { return 2; });
  c.Get(3, [](int) { return 3; });  // full: emptied, then 3 stored
  BOOST_TEST(c.Get(1, [](int) { return 100; }) == 100);
}
