// LockUserRow (see user_lock.h).
#include "users/user_lock.h"

#include "db/sql.h"

namespace rz {

bool LockUserRow(soci::session& s, int64_t user_id) {
  return SqlQuery()
             .Append("SELECT id FROM users WHERE id = ? FOR UPDATE",
                     static_cast<long long>(user_id))
             .ScalarInt(s) == user_id;
}

}  // namespace rz
