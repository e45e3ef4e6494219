// JSON-lines logger with a single buffered FILE* behind a mutex.
#include "core/log.h"

#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

#include "core/json_out.h"
#include "core/time_util.h"

namespace rz {
namespace {

std::mutex g_mu;
FILE* g_out = stderr;
LogLevel g_min = LogLevel::kInfo;
std::string g_proc = "ruizhu";

const char* LevelName(LogLevel l) {
  switch (l) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

}  // namespace

void LogInit(const std::string& path, LogLevel min_level, const std::string& process_name) {
  std::lock_guard<std::mutex> lock(g_mu);
  g_min = min_level;
  g_proc = process_name;
  if (!path.empty() && path != "-") {
    if (FILE* f = std::fopen(path.c_str(), "a")) {
      // Fully buffered: at thousands of requests/s a write(2) per access line
      // costs more than the request. A background thread flushes every second.
      std::setvbuf(f, nullptr, _IOFBF, 1 << 16);
      g_out = f;
      std::thread([] {
        for (;;) {
          std::this_thread::sleep_for(std::chrono::seconds(1));
          LogFlush();
        }
      }).detach();
    }
  }
}

void LogFlush() {
  std::lock_guard<std::mutex> lock(g_mu);
  std::fflush(g_out);
}

LogLevel ParseLogLevel(const std::string& s) {
  if (s == "debug") return LogLevel::kDebug;
  if (s == "warn") return LogLevel::kWarn;
  if (s == "error") return LogLevel::kError;
  return LogLevel::kInfo;
}

void Log(LogLevel level, const std::string& msg, const LogFields& fields) {
  if (level < g_min) return;
  JsonOut j;
  j.StartObject();
  j.Key("ts").String(FormatIsoUtc(NowUnix()));
  j.Key("level").String(LevelName(level));
  j.Key("proc").String(g_proc);
  j.Key("msg").String(msg);
  for (const auto& [k, v] : fields) j.Key(k).String(v);
  j.EndObject();
  LogRawLine(j.str());
  if (level >= LogLevel::kWarn) LogFlush();
}

void LogRawLine(const std::string& json_line) {
  std::lock_guard<std::mutex> lock(g_mu);
  std::fwrite(json_line.data(), 1, json_line.size(), g_out);
  std::fputc('\n', g_out);
}

std::string MaskPhone(const std::string& phone) {
  if (phone.size() < 7) return "****";
  return phone.substr(0, 3) + "****" + phone.substr(phone.size() - 4);
}

}  // namespace rz
