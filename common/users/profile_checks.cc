// Profile field format checks.
#include "users/profile_checks.h"

namespace rz {
namespace {

bool HasSpaceOrControl(const std::string& s) {
  for (unsigned char c : s) {
    if (c <= 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

bool IsMainlandMobile(const std::string& s) {
  if (s.size() != 11 || s[0] != '1') return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsHttpUrl(const std::string& s) {
  size_t rest;
  if (s.rfind("https://", 0) == 0) {
    rest = 8;
  } else if (s.rfind("http://", 0) == 0) {
    rest = 7;
  } else {
    return false;
  }
  return s.size() > rest && s[rest] != '/' && !HasSpaceOrControl(s);
}

bool IsPlausibleEmail(const std::string& s) {
  size_t at = s.find('@');
  if (at == std::string::npos || at == 0 || s.find('@', at + 1) != std::string::npos) return false;
  std::string domain = s.substr(at + 1);
  size_t dot = domain.find('.');
  return dot != std::string::npos && dot > 0 && domain.back() != '.' && !HasSpaceOrControl(s);
}

}  // namespace rz
