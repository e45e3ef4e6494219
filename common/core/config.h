// Worker configuration: a `key = value` file (# comments) overlaid by the
// environment, where RUIZHU_MYSQL_HOST overrides `mysql.host` (dots and dashes
// become underscores, upper case). The environment always wins.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace rz {

class Config {
 public:
  Config() = default;
  // Reads `path` (missing file is an error unless path is empty), then the environment.
  static Config Load(const std::string& path);
  // For tests: from explicit pairs, environment ignored.
  static Config FromMap(std::map<std::string, std::string> values);

  std::string Get(const std::string& key, const std::string& def = "") const;
  // Throws std::runtime_error naming the key when it is missing or empty.
  std::string Require(const std::string& key) const;
  int64_t GetInt(const std::string& key, int64_t def) const;
  bool GetBool(const std::string& key, bool def) const;
  void Set(const std::string& key, const std::string& value) { values_[key] = value; }

 private:
  std::map<std::string, std::string> values_;
  bool use_env_ = true;  // false for FromMap()
};

// Env var name for a config key: "mysql.pool-size" -> "RUIZHU_MYSQL_POOL_SIZE".
std::string EnvNameFor(const std::string& key);

}  // namespace rz
