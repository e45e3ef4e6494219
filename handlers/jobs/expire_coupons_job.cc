// Coupon expiry: unused wallet rows of coupons whose end_date passed become 'expired'.
#include "core/log.h"
#include "db/sql.h"
#include "handlers/jobs/jobs.h"

namespace rz::jobs {

bool ExpireCoupons(Db& db) {
  // end_date is inclusive (008_coupons.sql): a coupon is expired once end_date < now (UTC).
  long long n = db.Run([](soci::session& s) {
    return SqlQuery(
               "UPDATE user_coupons uc JOIN coupons c ON c.id = uc.coupon_id"
               " SET uc.status = 'expired'"
               " WHERE uc.status = 'unused' AND c.end_date < UTC_TIMESTAMP()")
        .Exec(s);
  });
  if (n > 0) LogInfo("expired user coupons", {{"count", std::to_string(n)}});
  return false;
}

}  // namespace rz::jobs
