// UTC time helpers: all stored and returned times are UTC, ISO 8601 with `Z`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace rz {

int64_t NowUnix();
int64_t NowMillis();
// 1729857600 -> "2024-10-25T12:00:00Z".
std::string FormatIsoUtc(int64_t unix_seconds);
// "2024-10-25 12:00:00" (MySQL DATETIME, UTC) <-> unix seconds.
std::string FormatSqlUtc(int64_t unix_seconds);
std::optional<int64_t> ParseSqlUtc(const std::string& s);
// MySQL DATETIME string -> ISO ("2024-10-25 12:00:00" -> "2024-10-25T12:00:00Z"); "" stays "".
std::string SqlToIso(const std::string& sql_datetime);
// Accepts "2024-10-25T12:00:00Z" or "2024-10-25 12:00:00" or "2024-10-25" (also
// "2024-10-25T12:00:00"); rejects offsets, trailing text and impossible dates.
std::optional<int64_t> ParseIsoUtc(const std::string& s);
// "20241025" for the UTC date of `unix_seconds`.
std::string FormatYmd(int64_t unix_seconds);

}  // namespace rz
