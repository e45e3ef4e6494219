// Exact yuan <-> fen conversion.
#include "core/money.h"

namespace rz {

std::optional<Fen> ParseYuan(const std::string& s) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && s[i] == '-') {
    neg = true;
    ++i;
  }
  if (i >= s.size()) return std::nullopt;
  Fen whole = 0;
  size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    whole = whole * 10 + (s[i] - '0');
    if (whole > kMaxFen / 100) return std::nullopt;
    ++i;
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  Fen frac = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t fd = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (fd == 2) {
        if (s[i] != '0') return std::nullopt;  // "1.230" is fine, "1.234" is not
      } else {
        frac = frac * 10 + (s[i] - '0');
        ++fd;
      }
      ++i;
    }
    if (fd == 0) return std::nullopt;
    if (fd == 1) frac *= 10;
  }
  if (i != s.size()) return std::nullopt;
  Fen v = whole * 100 + frac;
  if (v > kMaxFen) return std::nullopt;
  return neg ? -v : v;
}

std::string FormatYuan(Fen fen) {
  std::string out;
  unsigned long long a = fen < 0 ? 0ULL - static_cast<unsigned long long>(fen) : fen;
  if (fen < 0) out += '-';
  out += std::to_string(a / 100);
  unsigned f = a % 100;
  if (f != 0) {
    out += '.';
    out += static_cast<char>('0' + f / 10);
    if (f % 10) out += static_cast<char>('0' + f % 10);
  }
  return out;
}

Fen PercentOf(Fen amount, int64_t percent) { return (amount * percent + 50) / 100; }

}  // namespace rz
