// UTC time formatting/parsing without locale or TZ dependence.
#include "core/time_util.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace rz {

int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

static std::string Format(int64_t t, const char* fmt) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, fmt, &tm);
  return buf;
}

std::string FormatIsoUtc(int64_t t) { return Format(t, "%Y-%m-%dT%H:%M:%SZ"); }
std::string FormatSqlUtc(int64_t t) { return Format(t, "%Y-%m-%d %H:%M:%S"); }
std::string FormatYmd(int64_t t) { return Format(t, "%Y%m%d"); }

std::optional<int64_t> ParseIsoUtc(const std::string& s) {
  int y, mo, d, h = 0, mi = 0, se = 0;
  char sep = 0;
  int n = std::sscanf(s.c_str(), "%4d-%2d-%2d%c%2d:%2d:%2d", &y, &mo, &d, &sep, &h, &mi, &se);
  if (n == 3 && s.size() == 10) {
    h = mi = se = 0;
  } else if (n != 7 || (sep != 'T' && sep != ' ')) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = se;
  return static_cast<int64_t>(timegm(&tm));
}

std::optional<int64_t> ParseSqlUtc(const std::string& s) { return ParseIsoUtc(s); }

std::string SqlToIso(const std::string& s) {
  if (s.empty()) return s;
  auto t = ParseIsoUtc(s);
  return t ? FormatIsoUtc(*t) : s;
}

}  // namespace rz
