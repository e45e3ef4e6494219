// Money is int64 fen. This is the one place that converts between fen and the
// decimal text used by MySQL DECIMAL(12,2) and by the API (yuan, <= 2 decimals).
// Never goes through floating point.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace rz {

using Fen = int64_t;

// Largest amount accepted anywhere: 10^12 fen (10 billion yuan).
constexpr Fen kMaxFen = 1000000000000LL;

// "17900" -> 1790000, "35810.5" -> 3581050, "0.01" -> 1. Rejects more than two
// decimals, signs other than a leading '-', exponents, empty text, overflow.
std::optional<Fen> ParseYuan(const std::string& text);
// 1790000 -> "17900", 3581050 -> "35810.5", 1 -> "0.01", -150 -> "-1.5".
// The text is a valid JSON number.
std::string FormatYuan(Fen fen);
// Percentage of an amount, rounded half up to the fen: ApplyRate(999, 95) = 949.
Fen PercentOf(Fen amount, int64_t percent);

}  // namespace rz
