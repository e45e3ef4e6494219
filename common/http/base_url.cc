// ParseBaseUrl (see base_url.h).
#include "http/base_url.h"

#include <httplib.h>

#include <chrono>
#include <stdexcept>

namespace rz {

BaseUrl ParseBaseUrl(const std::string& url, const std::string& config_key) {
  const auto scheme_end = url.find("://");
  const std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") {
    throw std::invalid_argument(config_key + " must start with http:// or https://");
  }
  BaseUrl out;
  const auto path_start = url.find('/', scheme_end + 3);
  out.scheme_host_port = url.substr(0, path_start);
  if (path_start != std::string::npos) out.path_prefix = url.substr(path_start);
  while (!out.path_prefix.empty() && out.path_prefix.back() == '/') out.path_prefix.pop_back();
  if (out.scheme_host_port.size() <= scheme_end + 3) {
    throw std::invalid_argument(config_key + " has no host");
  }
  return out;
}

void ConfigureOutboundClient(httplib::Client& cli, int connect_timeout_ms, int read_timeout_ms) {
  cli.set_connection_timeout(std::chrono::milliseconds(connect_timeout_ms));
  cli.set_read_timeout(std::chrono::milliseconds(read_timeout_ms));
  cli.set_write_timeout(std::chrono::milliseconds(read_timeout_ms));
  // Headers and body may go out in separate writes: without TCP_NODELAY, Nagle's
  // algorithm holds the second until the peer's delayed ACK (~40 ms per call).
  cli.set_tcp_nodelay(true);
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
  cli.enable_server_certificate_verification(true);
#endif
}

}  // namespace rz
