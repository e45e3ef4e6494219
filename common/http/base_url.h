// Splits an outbound service's configured base URL ("https://host:port/prefix/")
// into what cpp-httplib needs: the scheme+host+port for the client and the path
// prefix (no trailing slash) put before every request path.
#pragma once

#include <string>

namespace rz {

struct BaseUrl {
  std::string scheme_host_port;  // "https://api.weixin.qq.com"
  std::string path_prefix;       // "" or "/prefix"
};

// Throws std::invalid_argument naming `config_key` unless the URL is http(s) with a host.
BaseUrl ParseBaseUrl(const std::string& url, const std::string& config_key);

}  // namespace rz
