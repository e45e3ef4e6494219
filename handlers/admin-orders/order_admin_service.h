// Business rules of the staff side of orders: finding and reading orders,
// changing the address before shipping, shipping (one or a batch), cancelling
// (with an automatic refund when paid), the staff remark and the CSV export.
// Every write runs in one transaction with its operation_logs row; a refused
// write (4003 / 4005) is logged as a failure (audit.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "admin/operation_log.h"
#include "auth/admin_access.h"
#include "cache/redis.h"
#include "core/config.h"
#include "crypto/crypto.h"
#include "db/db.h"
#include "handlers/admin-orders/admin_order_input.h"
#include "handlers/admin-orders/admin_order_repo.h"
#include "http/response.h"
#include "shop/feature_switches.h"
#include "wechatpay/client.h"

namespace rz::admin_orders {

struct OrderDetail {
  OrderFull order;  // order.row.phone: the receiver's phone as shown
  bool phone_masked = true;
  std::string user_phone;  // the buyer's phone, masked
  std::vector<ItemRow> items;
  std::optional<PaymentInfo> payment;
  std::vector<RefundRow> refunds;
  std::vector<OrderLogRow> logs;
};

struct BatchOutcome {
  int64_t row = 0;
  std::string order_no;
  bool ok = false;
  int error_code = 0;  // ApiError code when !ok
  std::string error;
};

class OrderAdminService {
 public:
  OrderAdminService(Db& db, Redis& redis, const crypto::FieldCipher& cipher, const Config& cfg);

  // The filter as SQL sees it (a phone becomes the buyers' ids).
  OrderFilter Resolve(const OrderSearch& search);
  // Rows carry the receiver's phone masked in `phone`.
  std::vector<OrderRow> List(const OrderFilter& f, int64_t limit, int64_t offset, int64_t* total);
  // The receiver's phone is shown in full only to roles holding order:write
  // (the staff who may correct it); others see it masked. 4003 when missing.
  OrderDetail Detail(int64_t order_id, int64_t viewer_role_id);

  // pending / paid only (4005); the phone is encrypted; order_logs + op log.
  void ChangeAddress(admin::OpLog log, int64_t order_id, Address plain);
  // 4005 when the shipping switch is off, the order is not paid, or a refund is
  // open; 4004 for an express company that is not active.
  void Ship(admin::OpLog log, int64_t order_id, const ShipInput& in);
  // Each row on its own (transaction + op log); one summary op log row.
  std::vector<BatchOutcome> BatchShip(admin::OpLog log, const std::vector<BatchRow>& rows);
  // pending -> cancelled (stock and coupon back, WeChat trade closed, best
  // effort); paid -> an approved refund of what was paid, stock back, the
  // refund sent to WeChat Pay after commit (the order turns refunded when
  // WeChat confirms). Anything else 4005.
  void Cancel(admin::OpLog log, int64_t order_id, const CancelInput& in);
  void Remark(admin::OpLog log, int64_t order_id, const std::string& remark);

  // Writes the export: BOM, header, then keyset pages of 500 (each its own
  // query), so memory stays flat however many orders match.
  void ExportCsv(const OrderFilter& f, const Response::ChunkWriter& w);
  // The export's op log row (who exported what; the phone filter masked).
  void LogExport(admin::OpLog log, const OrderSearch& search);

 private:
  // One transaction: checks, ShipOrderInTx, op log. Returns the order number.
  std::string ShipInTx(admin::OpLog& log, int64_t order_id, const ShipInput& in);
  // The refund half of Cancel, inside its transaction; returns the refund id.
  int64_t CancelWithRefundInTx(soci::session& s, admin::OpLog& log, const LockedOrder& o,
                               const std::string& reason);
  void AfterCommit(int64_t order_id, bool close_trade, int64_t refund_id);
  std::string PhoneText(const std::string& enc, bool masked) const;

  Db& db_;
  Redis& redis_;
  const crypto::FieldCipher& cipher_;
  FeatureSwitches features_;
  AdminAccess access_;                      // order:write of the viewer (Detail)
  std::unique_ptr<wechatpay::Client> pay_;  // null when WeChat Pay is not configured
};

}  // namespace rz::admin_orders
