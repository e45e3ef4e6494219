// Order jobs: expire unpaid orders at pay_deadline; auto-complete shipped orders after
// `auto_complete_days`. Both go through common/shop/order_lifecycle.h, whose conditional
// UPDATEs make every transition happen once however many daemons or users race for it.
#include <cstdlib>
#include <string>

#include "core/error.h"
#include "core/log.h"
#include "core/time_util.h"
#include "db/sql.h"
#include "handlers/jobs/jobs.h"
#include "payments/reconcile.h"
#include "shop/order_lifecycle.h"

namespace rz::jobs {
namespace {

constexpr int64_t kBatch = 100;
constexpr int64_t kDefaultAutoCompleteDays = 10;

// Runs one transition per id. A database outage ends the round (rethrown); any other
// failure of one order is logged and the rest go on.
template <class F>
void ForEachOrder(const std::vector<int64_t>& ids, const char* job, F&& transition, int64_t* done,
                  int64_t* lost, int64_t* failed) {
  for (int64_t id : ids) {
    try {
      if (transition(id))
        ++*done;
      else
        ++*lost;  // somebody else moved it first
    } catch (const ApiError& e) {
      if (e.code() == ErrorCode::kUnavailable) throw;
      ++*failed;
      LogWarn("order transition failed",
              {{"job", job}, {"order_id", std::to_string(id)}, {"error", e.what()}});
    } catch (const std::exception& e) {
      ++*failed;
      LogWarn("order transition failed",
              {{"job", job}, {"order_id", std::to_string(id)}, {"error", e.what()}});
    }
  }
}

}  // namespace

bool ExpireUnpaidOrders(Db& db, Redis* redis, const wechatpay::Client* pay) {
  std::vector<int64_t> ids = ExpiredPendingOrders(db, kBatch);
  int64_t cancelled = 0, lost = 0, failed = 0;
  ForEachOrder(
      ids, "expire_orders",
      [&](int64_t id) {
        // Close the WeChat trade before releasing stock: once closed no money can arrive.
        if (pay) {
          switch (payments::CloseOrderTrade(db, redis, *pay, id)) {
            case payments::TradeClose::kPaid:
              return false;  // the buyer did pay: the order is paid now
            case payments::TradeClose::kUnreachable:
              throw ApiError(ErrorCode::kConflict, "wechat trade not closed yet");
            case payments::TradeClose::kNoTrade:
            case payments::TradeClose::kClosed:
              break;
          }
        }
        return CancelPendingOrder(db, id, 0, Actor::System(), "payment timeout");
      },
      &cancelled, &lost, &failed);
  if (!ids.empty()) {
    LogInfo("expired unpaid orders", {{"cancelled", std::to_string(cancelled)},
                                      {"already_moved", std::to_string(lost)},
                                      {"failed", std::to_string(failed)}});
  }
  // A full batch with progress: more may be waiting.
  return static_cast<int64_t>(ids.size()) == kBatch && cancelled + lost > 0;
}

int64_t AutoCompleteDays(Db& db) {
  std::string value = db.Run([](soci::session& s) {
    std::string v;
    soci::indicator ind = soci::i_ok;
    s << "SELECT CAST(value AS CHAR) FROM settings WHERE `key` = 'auto_complete_days'",
        soci::into(v, ind);
    return s.got_data() && ind == soci::i_ok ? v : std::string();
  });
  // A JSON number (10, 10.0); a quoted number is accepted too.
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
    value = value.substr(1, value.size() - 2);
  const char* begin = value.c_str();
  char* end = nullptr;
  double days = std::strtod(begin, &end);
  if (value.empty() || end == begin || *end != '\0' || !(days >= 0) || days > 3650) {
    if (!value.empty())
      LogWarn("invalid auto_complete_days setting, using default", {{"value", value}});
    return kDefaultAutoCompleteDays;
  }
  return static_cast<int64_t>(days);
}

bool AutoCompleteOrders(Db& db) {
  int64_t days = AutoCompleteDays(db);
  std::vector<int64_t> ids = OrdersToAutoComplete(db, NowUnix() - days * 86400, kBatch);
  int64_t completed = 0, lost = 0, failed = 0;
  ForEachOrder(
      ids, "auto_complete", [&](int64_t id) { return ConfirmReceipt(db, id, 0, Actor::System()); },
      &completed, &lost, &failed);
  if (!ids.empty()) {
    LogInfo("auto-completed shipped orders", {{"completed", std::to_string(completed)},
                                              {"already_moved", std::to_string(lost)},
                                              {"failed", std::to_string(failed)},
                                              {"days", std::to_string(days)}});
  }
  return static_cast<int64_t>(ids.size()) == kBatch && completed + lost > 0;
}

}  // namespace rz::jobs
