// Test helper shared by unit tests: the shape of an envelope timestamp.
#pragma once

#include <cctype>
#include <string>

namespace rz::test {

// True for "YYYY-MM-DDTHH:MM:SSZ" (the shape of ^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$).
inline bool IsIsoShape(const std::string& s) {
  static const std::string kShape = "dddd-dd-ddTdd:dd:ddZ";
  if (s.size() != kShape.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (kShape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(s[i])) : s[i] != kShape[i])
      return false;
  }
  return true;
}

}  // namespace rz::test
