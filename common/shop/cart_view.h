// Redis key of a user's rendered GET /cart (written by the cart worker, deleted
// by every cart write and by order placement that removes cart lines).
#pragma once

#include <cstdint>
#include <string>

namespace rz {

inline std::string CartViewKey(int64_t user_id) { return "cart:view:" + std::to_string(user_id); }

}  // namespace rz
