// Coupons worker route table and its handlers: validate, call CouponService,
// write the answer.
//
// A coupon is rendered as {id, code, name, description, discount_type,
// discount_value, min_purchase_price, max_discount_price, per_user_limit,
// start_date, end_date}: discount_value is yuan for discount_type 1 (fixed) and
// the integer percent off for 2; max_discount_price 0 means no cap.
#include "handlers/coupons/routes.h"

#include <memory>

#include "core/json_in.h"
#include "core/json_out.h"
#include "core/time_util.h"
#include "handlers/coupons/coupon_service.h"

namespace rz::coupons {
namespace {

constexpr size_t kMaxCodeLen = 32;

void WriteDiscountValue(JsonOut& j, const CouponDef& c) {
  if (c.discount_type == static_cast<int>(CouponType::kFixed)) {
    j.Key("discount_value").Money(c.discount_value);
  } else {
    j.Key("discount_value").Int(c.discount_value);
  }
}

// The coupon's members, inside an object the caller opened.
void WriteCouponMembers(JsonOut& j, const CouponDef& c) {
  j.Key("id").Int(c.id).Key("code").String(c.code).Key("name").String(c.name);
  j.Key("description").String(c.description).Key("discount_type").Int(c.discount_type);
  WriteDiscountValue(j, c);
  j.Key("min_purchase_price").Money(c.min_purchase_price);
  j.Key("max_discount_price").Money(c.max_discount_price);
  j.Key("per_user_limit").Int(c.per_user_limit);
  j.Key("start_date").String(FormatIsoUtc(c.start_unix));
  j.Key("end_date").String(FormatIsoUtc(c.end_unix));
}

void WriteWalletItem(JsonOut& j, const WalletRow& w) {
  j.StartObject().Key("id").Int(w.id).Key("status").String(w.status);
  j.Key("order_id");
  if (w.order_id > 0) {
    j.Int(w.order_id);
  } else {
    j.Null();  // not used, or reserved by an order still being created
  }
  j.Key("claimed_at").String(w.claimed_at).Key("used_at").StringOrNull(w.used_at);
  j.Key("coupon").StartObject();
  WriteCouponMembers(j, w.coupon);
  j.EndObject().EndObject();
}

template <class T, class Item>
void WritePage(Response& res, const Page<T>& p, const Paging& paging, Item&& item) {
  JsonOut j;
  j.StartObject().Key("items").StartArray();
  for (const T& row : p.items) item(j, row);
  j.EndArray().Key("total").Int(p.total).Key("page").Int(paging.page);
  j.Key("per_page").Int(paging.per_page);
  j.Key("has_more").Bool(paging.page * paging.per_page < p.total).EndObject();
  res.Ok(j);
}

void HandleValidate(CouponService& svc, Request& req, Response& res) {
  JsonIn in(req.json);
  in.AllowOnly({"code", "order_amount"});
  std::string code = in.ReqString("code", 1, kMaxCodeLen);
  auto amount = in.OptMoney("order_amount", 1, kMaxFen);
  if (!amount && !in.Has("order_amount")) in.Fail("order_amount", "required");
  in.Finish();  // so amount is set from here on
  Validation v = svc.Validate(req.principal.id, code, amount.value_or(0));
  JsonOut j;
  j.StartObject().Key("id").Int(v.coupon.id).Key("code").String(v.coupon.code);
  j.Key("name").String(v.coupon.name).Key("discount_type").Int(v.coupon.discount_type);
  WriteDiscountValue(j, v.coupon);
  j.Key("discount_amount").Money(v.discount).Key("final_amount").Money(v.final_amount);
  res.Ok(j.EndObject());
}

void HandleAvailable(CouponService& svc, Request& req, Response& res) {
  Paging paging = Paging::From(req.query);
  auto page = svc.Available(req.principal.id, paging.offset(), paging.per_page);
  WritePage(res, page, paging, [](JsonOut& j, const AvailableRow& a) {
    j.StartObject();
    WriteCouponMembers(j, a.coupon);
    j.Key("claimed_count").Int(a.claimed_count).EndObject();
  });
}

void HandleClaim(CouponService& svc, Request& req, Response& res) {
  JsonIn in(req.json);
  in.AllowOnly({"code"});
  std::string code = in.ReqString("code", 1, kMaxCodeLen);
  in.Finish();
  JsonOut j;
  WriteWalletItem(j, svc.Claim(req.principal.id, code));
  res.Created(j);
}

WalletFilter ParseWalletFilter(const Query& q) {
  std::string s = q.Str("status");
  if (!q.Has("status") || s == "all") return WalletFilter::kAll;
  if (s == "unused") return WalletFilter::kUnused;
  if (s == "used") return WalletFilter::kUsed;
  if (s == "expired") return WalletFilter::kExpired;
  throw BadRequest("status", "must be unused, used, expired or all");
}

void HandleMine(CouponService& svc, Request& req, Response& res) {
  WalletFilter f = ParseWalletFilter(req.query);
  Paging paging = Paging::From(req.query);
  WritePage(res, svc.Mine(req.principal.id, f, paging.offset(), paging.per_page), paging,
            WriteWalletItem);
}

}  // namespace

Router BuildRoutes(WorkerContext& ctx) {
  // Shared by every worker thread: the service holds no per-request state.
  auto svc = std::make_shared<CouponService>(*ctx.db);
  Router r;
  r.Add("POST", "/api/v1/coupons/validate", BindService(svc, HandleValidate), Realm::kUser);
  r.Add("GET", "/api/v1/coupons/available", BindService(svc, HandleAvailable), Realm::kUser);
  r.Add("POST", "/api/v1/coupons/claim", BindService(svc, HandleClaim), Realm::kUser);
  r.Add("GET", "/api/v1/coupons/mine", BindService(svc, HandleMine), Realm::kUser);
  return r;
}

}  // namespace rz::coupons
