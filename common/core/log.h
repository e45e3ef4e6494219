// Structured logging: one JSON object per line to the configured file (or
// stderr). Callers must mask personal data first (MaskPhone); the logger never
// sees tokens or passwords.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace rz {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

// Opens `path` for appending ("" or "-" = stderr). Safe to call once at start.
void LogInit(const std::string& path, LogLevel min_level, const std::string& process_name);
LogLevel ParseLogLevel(const std::string& s);

// Key/value pairs are written as JSON strings, in order.
using LogFields = std::vector<std::pair<std::string, std::string>>;
void Log(LogLevel level, const std::string& msg, const LogFields& fields = {});
inline void LogInfo(const std::string& msg, const LogFields& f = {}) {
  Log(LogLevel::kInfo, msg, f);
}
inline void LogWarn(const std::string& msg, const LogFields& f = {}) {
  Log(LogLevel::kWarn, msg, f);
}
inline void LogError(const std::string& msg, const LogFields& f = {}) {
  Log(LogLevel::kError, msg, f);
}

// Writes an already-rendered JSON line (the dispatcher's access log).
void LogRawLine(const std::string& json_line);

// Flushes buffered log lines (access lines are buffered; warnings and errors are not).
void LogFlush();

// "13812348000" -> "138****8000"; anything shorter than 7 chars -> "****".
std::string MaskPhone(const std::string& phone);

}  // namespace rz
