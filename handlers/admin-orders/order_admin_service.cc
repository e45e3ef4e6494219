// OrderAdminService: reading, address, remark and export (shipping and
// cancelling are in order_fulfilment.cc).
#include "handlers/admin-orders/order_admin_service.h"

#include "core/csv.h"
#include "core/error.h"
#include "core/log.h"
#include "handlers/admin-orders/audit.h"
#include "shop/order_lifecycle.h"
#include "shop/order_state.h"

namespace rz::admin_orders {
namespace {

constexpr int64_t kExportPage = 500;
constexpr char kWritePermission[] = "order:write";

const char* StatusNameOf(int64_t v) {
  auto s = StatusFromInt(v);
  return s ? StatusName(*s) : "unknown";
}

std::string AddressMembers(const std::string& name, const std::string& masked_phone,
                           const std::string& province, const std::string& city,
                           const std::string& district, const std::string& detail) {
  return "\"name\":" + Quoted(name) + ",\"phone\":" + Quoted(masked_phone) +
         ",\"province\":" + Quoted(province) + ",\"city\":" + Quoted(city) +
         ",\"district\":" + Quoted(district) + ",\"detail\":" + Quoted(detail);
}

}  // namespace

OrderAdminService::OrderAdminService(Db& db, Redis& redis, const crypto::FieldCipher& cipher,
                                     const Config& cfg)
    : db_(db),
      redis_(redis),
      cipher_(cipher),
      features_(db),
      access_(cfg.Get("jwt.admin_secret"), db, redis) {
  if (!cfg.Get("wechatpay.mchid").empty()) {
    pay_ = std::make_unique<wechatpay::Client>(wechatpay::Settings::FromConfig(cfg));
  }
}

std::string OrderAdminService::PhoneText(const std::string& enc, bool masked) const {
  if (enc.empty()) return "";
  // A phone we cannot decrypt (a rotated key) shows empty rather than failing the page.
  std::string plain = cipher_.Decrypt(enc).value_or("");
  if (plain.empty()) return "";
  return masked ? MaskPhone(plain) : plain;
}

OrderFilter OrderAdminService::Resolve(const OrderSearch& search) {
  OrderFilter f = search.filter;
  if (!search.phone.empty()) {
    const std::string hash = cipher_.BlindIndex(search.phone);
    f.user_ids = db_.Run([&](soci::session& s) { return repo::UsersByPhoneHash(s, hash); });
  }
  return f;
}

std::vector<OrderRow> OrderAdminService::List(const OrderFilter& f, int64_t limit, int64_t offset,
                                              int64_t* total) {
  auto rows = db_.Run([&](soci::session& s) {
    *total = repo::CountOrders(s, f);
    return *total > offset ? repo::ListOrders(s, f, limit, offset) : std::vector<OrderRow>{};
  });
  for (OrderRow& r : rows) r.phone = PhoneText(r.phone_enc, true);
  return rows;
}

OrderDetail OrderAdminService::Detail(int64_t order_id, int64_t viewer_role_id) {
  OrderDetail d = db_.Run([&](soci::session& s) {
    OrderDetail out;
    auto o = repo::FindOrder(s, order_id);
    if (!o) throw NotFound("order not found");
    out.order = std::move(*o);
    out.items = ReadOrderItems(s, order_id);
    out.payment = repo::PaymentOf(s, order_id);
    out.refunds = repo::RefundsOfOrder(s, order_id);
    out.logs = repo::Logs(s, order_id);
    return out;
  });
  d.phone_masked = !access_.HasPermission(viewer_role_id, kWritePermission);
  d.order.row.phone = PhoneText(d.order.row.phone_enc, d.phone_masked);
  d.user_phone = PhoneText(d.order.user_phone_enc, true);
  return d;
}

void OrderAdminService::ChangeAddress(admin::OpLog log, int64_t order_id, Address a) {
  const std::string new_masked = MaskPhone(a.phone_enc);
  a.phone_enc = cipher_.Encrypt(a.phone_enc);
  log.target_type = "order";
  log.target_id = std::to_string(order_id);
  AuditedWrite(db_, log, [&](admin::OpLog& l) {
    return RunOrderTx(db_, [&](soci::session& s) {
      soci::transaction tx(s);
      auto o = repo::LockOrder(s, order_id);
      if (!o) throw NotFound("order not found");
      const OrderStatus st = StatusFromInt(o->status).value_or(OrderStatus::kCancelled);
      if (st != OrderStatus::kPending && st != OrderStatus::kPaid) {
        throw Conflict("invalid_state", std::string("the address can change only before "
                                                    "shipping; the order is ") +
                                            StatusName(st));
      }
      repo::SetAddress(s, order_id, a);
      AppendOrderLogInTx(s, order_id, st, st, "change_address", Actor::Admin(l.admin_id),
                         "receiver address changed by staff");
      l.summary = "changed the address of " + o->order_no;
      l.detail_json =
          BeforeAfter(AddressMembers(o->name, PhoneText(o->phone_enc, true), o->province, o->city,
                                     o->district, o->detail),
                      AddressMembers(a.name, new_masked, a.province, a.city, a.district, a.detail));
      admin::AppendOpLogInTx(s, l);
      tx.commit();
      return 0;
    });
  });
}

void OrderAdminService::Remark(admin::OpLog log, int64_t order_id, const std::string& remark) {
  log.target_type = "order";
  log.target_id = std::to_string(order_id);
  AuditedWrite(db_, log, [&](admin::OpLog& l) {
    return db_.Run([&](soci::session& s) {
      soci::transaction tx(s);
      auto o = repo::LockOrder(s, order_id);
      if (!o) throw NotFound("order not found");
      repo::SetAdminRemark(s, order_id, remark);
      l.summary = "remark on " + o->order_no;
      l.detail_json = BeforeAfter("\"admin_remark\":" + Quoted(o->admin_remark),
                                  "\"admin_remark\":" + Quoted(remark));
      admin::AppendOpLogInTx(s, l);
      tx.commit();
      return 0;
    });
  });
}

void OrderAdminService::ExportCsv(const OrderFilter& f, const Response::ChunkWriter& w) {
  w(csv::kUtf8Bom);
  w(csv::Row({"order_no", "created_at", "status", "buyer_nickname", "receiver_name",
              "receiver_phone", "province", "city", "district", "detail", "items", "total_yuan",
              "payment_method", "payment_time", "express"}));
  int64_t before_id = 0;
  for (;;) {
    std::map<int64_t, std::string> items;
    auto rows = db_.Run([&](soci::session& s) {
      auto page = repo::ExportPage(s, f, before_id, kExportPage);
      std::vector<int64_t> ids;
      for (const OrderRow& r : page) ids.push_back(r.id);
      items = repo::ItemSummaries(s, ids);
      return page;
    });
    std::string chunk;
    for (const OrderRow& r : rows) {
      auto st = StatusFromInt(r.status);
      std::string express;
      if (!r.express_no.empty()) {
        express = (r.express_name.empty() ? r.express_code : r.express_name) + " " + r.express_no;
      }
      chunk += csv::Row({r.order_no, r.created_at, st ? StatusText(*st) : "", r.nickname,
                         r.receiver_name, PhoneText(r.phone_enc, true), r.province, r.city,
                         r.district, r.detail, items[r.id], FormatYuan(r.total_price),
                         r.payment_method, r.payment_time, express});
    }
    if (!chunk.empty()) w(chunk);
    if (static_cast<int64_t>(rows.size()) < kExportPage) break;
    before_id = rows.back().id;
  }
}

void OrderAdminService::LogExport(admin::OpLog log, const OrderSearch& search) {
  const OrderFilter& f = search.filter;
  JsonOut j;
  j.StartObject().Key("filters").StartObject();
  if (!f.order_no.empty()) j.Key("order_no").String(f.order_no);
  if (!search.phone.empty()) j.Key("phone").String(MaskPhone(search.phone));
  if (!f.nickname.empty()) j.Key("nickname").String(f.nickname);
  if (f.status) j.Key("status").String(StatusNameOf(*f.status));
  if (!f.payment_method.empty()) j.Key("payment_method").String(f.payment_method);
  if (!f.refund_status.empty()) j.Key("refund_status").String(f.refund_status);
  if (!f.created_from.empty()) j.Key("created_from").String(f.created_from);
  if (!f.created_before.empty()) j.Key("created_before").String(f.created_before);
  if (f.amount_min) j.Key("amount_min").Money(*f.amount_min);
  if (f.amount_max) j.Key("amount_max").Money(*f.amount_max);
  j.EndObject().EndObject();
  log.target_type = "order";
  log.summary = "exported orders (CSV)";
  log.detail_json = j.str();
  admin::AppendOpLog(db_, log);
}

}  // namespace rz::admin_orders
