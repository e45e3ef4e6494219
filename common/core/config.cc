// Config file + environment loader.
#include "core/config.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace rz {
namespace {

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

}  // namespace

std::string EnvNameFor(const std::string& key) {
  std::string out = "RUIZHU_";
  for (char c : key) {
    out += (c == '.' || c == '-') ? '_'
                                  : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

Config Config::Load(const std::string& path) {
  Config cfg;
  if (!path.empty()) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read config file " + path);
    std::string line;
    while (std::getline(in, line)) {
      line = Trim(line);
      if (line.empty() || line[0] == '#') continue;
      auto eq = line.find('=');
      if (eq == std::string::npos) continue;
      cfg.values_[Trim(line.substr(0, eq))] = Trim(line.substr(eq + 1));
    }
  }
  // Environment overrides every key the file names; keys only in the environment
  // are picked up lazily by Get().
  for (auto& [k, v] : cfg.values_) {
    if (const char* env = std::getenv(EnvNameFor(k).c_str())) v = env;
  }
  return cfg;
}

Config Config::FromMap(std::map<std::string, std::string> values) {
  Config cfg;
  cfg.values_ = std::move(values);
  cfg.use_env_ = false;
  return cfg;
}

std::string Config::Get(const std::string& key, const std::string& def) const {
  if (use_env_) {
    if (const char* env = std::getenv(EnvNameFor(key).c_str())) return env;
  }
  auto it = values_.find(key);
  return it == values_.end() ? def : it->second;
}

std::string Config::Require(const std::string& key) const {
  std::string v = Get(key);
  if (v.empty())
    throw std::runtime_error("missing config key " + key + " (env " + EnvNameFor(key) + ")");
  return v;
}

int64_t Config::GetInt(const std::string& key, int64_t def) const {
  std::string v = Get(key);
  if (v.empty()) return def;
  // The whole value must be the number: "1M" is an error, not 1.
  size_t used = 0;
  int64_t n = 0;
  try {
    n = std::stoll(v, &used);
  } catch (...) {
    used = 0;
  }
  if (used == 0 || used != v.size()) {
    throw std::runtime_error("config key " + key + " is not an integer");
  }
  return n;
}

bool Config::GetBool(const std::string& key, bool def) const {
  std::string v = Get(key);
  if (v.empty()) return def;
  return v == "1" || v == "true" || v == "yes" || v == "on";
}

}  // namespace rz
