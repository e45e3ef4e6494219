// Format checks for the user profile fields that both the auth worker (login
// profile, phone binding) and the users worker (PUT /users/me, membership) accept.
#pragma once

#include <string>

namespace rz {

// Mainland China mobile number: ^1\d{10}$.
bool IsMainlandMobile(const std::string& s);
// Absolute http(s) URL with something after the scheme and no whitespace or
// control characters (it ends up in <img src> on the client).
bool IsHttpUrl(const std::string& s);
// Deliberately simple: one '@', a non-empty local part, a dotted domain, no
// spaces or control characters. Real verification is a mail round trip.
bool IsPlausibleEmail(const std::string& s);

}  // namespace rz
