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

// Fixed-width digits at s[pos, pos+n), or -1.
static int Digits(const std::string& s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::optional<int64_t> ParseIsoUtc(const std::string& s) {
  // Exactly "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DDTHH:MM:SS" or the
  // latter with "Z". Anything else (offsets, junk, out-of-range fields) is rejected:
  // an offset such as "+08:00" must not be silently read as UTC.
  if (s.size() != 10 && s.size() != 19 && !(s.size() == 20 && s[10] == 'T' && s[19] == 'Z')) {
    return std::nullopt;
  }
  if (s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = Digits(s, 0, 4), mo = Digits(s, 5, 2), d = Digits(s, 8, 2), h = 0, mi = 0, se = 0;
  if (s.size() > 10) {
    if ((s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':') return std::nullopt;
    h = Digits(s, 11, 2);
    mi = Digits(s, 14, 2);
    se = Digits(s, 17, 2);
  }
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 ||
      se > 59) {
    return std::nullopt;
  }
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[mo - 1] + (mo == 2 && leap ? 1 : 0)) return std::nullopt;
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
