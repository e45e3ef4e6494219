// Outbound client for the Kuaidi100-style express tracking API (wechat.md
// "Express tracking"): POST {api_base}/poll/query.do with form fields
// customer, sign = upper hex MD5(param + key + customer), param = {"com","num"}.
// Stateless apart from its configuration, so one instance serves every thread;
// caching the answer is the caller's job.
#pragma once

#include <string>
#include <vector>

#include "core/config.h"

namespace rz {

struct ExpressEvent {
  std::string time;     // ISO 8601 UTC (the API answers in China time, UTC+8)
  std::string context;  // what happened, as the carrier wrote it
};

struct ExpressTrace {
  bool found = false;   // false: the API has nothing for this number (yet)
  std::string state;    // Kuaidi100 state code: "0" in transit, "3" signed ... ("" if unknown)
  std::string message;  // the API's message ("ok", or why nothing was found)
  std::vector<ExpressEvent> events;  // newest first, as the API sends them
};

class ExpressClient {
 public:
  // Reads express.api_base, express.customer, express.key.
  explicit ExpressClient(const Config& cfg);
  ExpressClient(std::string api_base, std::string customer, std::string key,
                int connect_timeout_ms = 3000, int read_timeout_ms = 5000);

  // False when api_base, customer or key is missing (tracking answers 5002).
  bool configured() const;

  // One query. Throws ApiError 5002 when the API is unreachable, times out,
  // answers something that is not its JSON, or refuses our credentials; an
  // unknown number is not an error (found = false).
  ExpressTrace Query(const std::string& company_code, const std::string& number) const;

  // upper hex MD5(param + key + customer).
  static std::string Sign(const std::string& param, const std::string& key,
                          const std::string& customer);
  // "2024-10-25 20:00:00" (UTC+8) -> "2024-10-25T12:00:00Z"; "" when unparsable.
  static std::string ChinaTimeToIso(const std::string& local);

 private:
  std::string scheme_host_port_;
  std::string path_prefix_;
  std::string customer_;
  std::string key_;
  int connect_timeout_ms_;
  int read_timeout_ms_;
};

}  // namespace rz
