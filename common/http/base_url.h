// Splits an outbound service's configured base URL ("https://host:port/prefix/")
// into what cpp-httplib needs: the scheme+host+port for the client and the path
// prefix (no trailing slash) put before every request path; and the settings
// every outbound client gets.
#pragma once

#include <string>

namespace httplib {
class Client;
}

namespace rz {

struct BaseUrl {
  std::string scheme_host_port;  // "https://api.weixin.qq.com"
  std::string path_prefix;       // "" or "/prefix"
};

// Throws std::invalid_argument naming `config_key` unless the URL is http(s) with a host.
BaseUrl ParseBaseUrl(const std::string& url, const std::string& config_key);

// Timeouts (connect; read and write) and, for https, server certificate
// verification: the settings every outbound call must have (wechat.md).
void ConfigureOutboundClient(httplib::Client& cli, int connect_timeout_ms, int read_timeout_ms);

}  // namespace rz
