// Serialising one user's writes: SELECT ... FOR UPDATE on the user's row inside
// the caller's transaction. Used where the rows to protect may not exist yet
// (an empty cart, a user with no address), so locking them cannot work.
#pragma once

#include <soci/soci.h>

#include <cstdint>

namespace rz {

// False when the user does not exist.
bool LockUserRow(soci::session& s, int64_t user_id);

}  // namespace rz
