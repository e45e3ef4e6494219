// Request validation for the admin-orders worker; see admin_order_input.h.
#include "handlers/admin-orders/admin_order_input.h"

#include <rapidjson/error/en.h>

#include <cctype>
#include <limits>

#include "core/csv.h"
#include "core/error.h"
#include "core/json_in.h"
#include "core/time_util.h"
#include "shop/order_state.h"
#include "users/profile_checks.h"

namespace rz::admin_orders {
namespace {

constexpr int64_t kMaxId = std::numeric_limits<int64_t>::max();
// ORD + yyyymmdd + at least 5 sequence digits: anything this long is a whole number.
constexpr size_t kWholeOrderNoLength = 16;

bool IsAlnum(const std::string& s) {
  for (unsigned char c : s) {
    if (!std::isalnum(c)) return false;
  }
  return true;
}

// order_no filter: letters and digits only (it becomes a LIKE prefix).
std::string OrderNoFilter(const Query& q, bool* exact) {
  std::string no = q.OptStr("order_no", 32).value_or("");
  if (!IsAlnum(no)) throw BadRequest("order_no", "letters and digits only");
  *exact = no.size() >= kWholeOrderNoLength;
  return no;
}

// date_from / date_to -> [from, before) as MySQL DATETIME (UTC). A plain date
// in date_to includes that whole day.
void DateRange(const Query& q, std::string* from, std::string* before) {
  std::optional<int64_t> lo, hi;
  if (auto s = q.OptStr("date_from", 25)) {
    lo = ParseIsoUtc(*s);
    if (!lo) throw BadRequest("date_from", "must be a date (YYYY-MM-DD) or an ISO time");
  }
  if (auto s = q.OptStr("date_to", 25)) {
    hi = ParseIsoUtc(*s);
    if (!hi) throw BadRequest("date_to", "must be a date (YYYY-MM-DD) or an ISO time");
    *hi += s->size() == 10 ? 86400 : 1;
  }
  if (lo && hi && *lo >= *hi) throw BadRequest("date_to", "must not be before date_from");
  if (lo) *from = FormatSqlUtc(*lo);
  if (hi) *before = FormatSqlUtc(*hi);
}

rapidjson::Document ParseJsonBody(const std::string& body) {
  rapidjson::Document d;
  d.Parse<rapidjson::kParseValidateEncodingFlag>(body.data(), body.size());
  if (d.HasParseError()) {
    throw ApiError(ErrorCode::kBadRequest,
                   std::string("malformed JSON: ") + rapidjson::GetParseError_En(d.GetParseError()),
                   "bad_request", {{"body", "malformed JSON"}});
  }
  return d;
}

// Row-level checks shared by the JSON and CSV forms; the first problem wins.
void CheckBatchRow(BatchRow* r) {
  if (r->order_id == 0 && r->order_no.empty()) {
    r->error = "order_id or order_no required";
  } else if (!r->order_no.empty() && (r->order_no.size() > 32 || !IsAlnum(r->order_no))) {
    r->error = "order_no: letters and digits only";
  } else if (r->ship.express_code.empty() || r->ship.express_code.size() > 16) {
    r->error = "express_code: 1..16 characters";
  } else if (!IsExpressNo(r->ship.express_no)) {
    r->error = "express_no: 6..32 letters and digits";
  }
}

// Spreadsheets pad cells ("SF , SF123"): surrounding blanks never mean anything here.
std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::vector<BatchRow> BatchFromCsv(const std::string& body) {
  std::string why;
  auto rows = csv::Parse(body, &why);
  if (!rows) throw BadRequest("body", "malformed CSV: " + why);
  for (auto& cells : *rows) {
    for (std::string& c : cells) c = Trim(c);
  }
  if (rows->empty() ||
      (*rows)[0] != std::vector<std::string>{"order_no", "express_code", "express_no"}) {
    throw BadRequest("body", "the first line must be order_no,express_code,express_no");
  }
  std::vector<BatchRow> out;
  for (size_t i = 1; i < rows->size(); ++i) {
    const auto& cells = (*rows)[i];
    BatchRow r;
    r.row = static_cast<int64_t>(i);
    if (cells.size() != 3) {
      r.error = "expected 3 fields";
    } else {
      r.order_no = cells[0];
      r.ship = {cells[1], cells[2]};
      CheckBatchRow(&r);
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<BatchRow> BatchFromJson(const std::string& body) {
  rapidjson::Document d = ParseJsonBody(body);
  JsonIn in(d);
  in.AllowOnly({"items"});
  const rapidjson::Value* items = in.OptArray("items");
  if (!items && in.ok()) in.Fail("items", "required");
  in.Finish();
  std::vector<BatchRow> out;
  for (rapidjson::SizeType i = 0; i < items->Size(); ++i) {
    BatchRow r;
    r.row = static_cast<int64_t>(i) + 1;
    JsonIn li((*items)[i]);
    li.AllowOnly({"order_id", "order_no", "express_code", "express_no"});
    r.order_id = li.OptInt("order_id", 1, kMaxId).value_or(0);
    r.order_no = li.OptString("order_no", 1, 32).value_or("");
    r.ship.express_code = li.ReqString("express_code", 1, 16);
    r.ship.express_no = li.ReqString("express_no", 1, 32);
    try {
      li.Finish();
      CheckBatchRow(&r);
    } catch (const ApiError& e) {
      for (const auto& [field, why] : e.fields()) {
        r.error += (r.error.empty() ? "" : "; ") + field + ": " + why;
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

bool IsCsv(const std::string& content_type) {
  std::string t;
  for (char c : content_type.substr(0, content_type.find(';'))) {
    if (c != ' ') t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return t == "text/csv" || t == "application/csv";
}

// `confirm: true` of refunds and other irreversible writes.
void RequireConfirm(JsonIn& in) {
  if (!in.Has("confirm")) {
    in.Fail("confirm", "required: true");
  } else if (auto c = in.OptBool("confirm"); c && !*c) {
    in.Fail("confirm", "must be true");
  }
}

}  // namespace

OrderSearch ParseOrderSearch(const Query& q) {
  OrderSearch out;
  OrderFilter& f = out.filter;
  f.order_no = OrderNoFilter(q, &f.order_no_exact);
  out.phone = q.OptStr("phone", 11).value_or("");
  if (!out.phone.empty() && !IsMainlandMobile(out.phone)) {
    throw BadRequest("phone", "must be a whole mobile number (^1\\d{10}$)");
  }
  f.nickname = q.OptStr("nickname", 64).value_or("");
  const std::string status = q.Str("status");
  if (!status.empty() && status != "all") {
    auto s = ParseStatus(status);
    if (!s) {
      throw BadRequest("status",
                       "must be all, pending, paid, shipped, completed, cancelled or "
                       "refunded");
    }
    f.status = ToInt(*s);
  }
  f.payment_method = q.Str("payment_method");
  if (!f.payment_method.empty() && f.payment_method != "wechat" && f.payment_method != "alipay") {
    throw BadRequest("payment_method", "must be wechat or alipay");
  }
  f.refund_status = q.Str("refund_status");
  if (!f.refund_status.empty() && !ParseRefundState(f.refund_status)) {
    throw BadRequest("refund_status",
                     "must be none, requested, approved, rejected, refunded or partial");
  }
  DateRange(q, &f.created_from, &f.created_before);
  f.amount_min = q.OptMoney("amount_min");
  f.amount_max = q.OptMoney("amount_max");
  if (f.amount_min && f.amount_max && *f.amount_min > *f.amount_max) {
    throw BadRequest("amount_max", "must not be below amount_min");
  }
  return out;
}

RefundFilter ParseRefundFilter(const Query& q) {
  RefundFilter f;
  f.status = q.Str("status");
  if (!f.status.empty() && f.status != "all" && f.status != "requested" && f.status != "approved" &&
      f.status != "rejected" && f.status != "processing" && f.status != "refunded" &&
      f.status != "failed") {
    throw BadRequest("status",
                     "must be all, requested, approved, rejected, processing, refunded or failed");
  }
  if (f.status == "all") f.status.clear();
  f.order_no = OrderNoFilter(q, &f.order_no_exact);
  DateRange(q, &f.created_from, &f.created_before);
  return f;
}

int64_t ParseStatsDays(const Query& q) { return q.Int("days", 30, 1, 365); }

Address ParseAddress(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"name", "phone", "province", "city", "district", "detail"});
  Address a;
  a.name = in.ReqString("name", 1, 64);
  // Plain text until the service encrypts it.
  a.phone_enc = in.ReqString("phone", 11, 11);
  if (in.Has("phone") && !IsMainlandMobile(a.phone_enc)) in.Fail("phone", "must match ^1\\d{10}$");
  a.province = in.ReqString("province", 1, 64);
  a.city = in.ReqString("city", 1, 64);
  a.district = in.ReqString("district", 1, 64);
  a.detail = in.ReqString("detail", 1, 255);
  in.Finish();
  return a;
}

bool IsExpressNo(const std::string& s) { return s.size() >= 6 && s.size() <= 32 && IsAlnum(s); }

ShipInput ParseShip(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"express_code", "express_no"});
  ShipInput s;
  s.express_code = in.ReqString("express_code", 1, 16);
  s.express_no = in.ReqString("express_no", 6, 32);
  if (in.Has("express_no") && !IsExpressNo(s.express_no)) {
    in.Fail("express_no", "6..32 letters and digits");
  }
  in.Finish();
  return s;
}

std::vector<BatchRow> ParseBatchShip(const Request& req) {
  // The route reads its body raw (it may be CSV), so JSON is parsed here.
  std::vector<BatchRow> rows =
      IsCsv(req.content_type) ? BatchFromCsv(req.body) : BatchFromJson(req.body);
  if (rows.empty() || rows.size() > kMaxBatchRows) {
    throw BadRequest("items", "must have 1.." + std::to_string(kMaxBatchRows) + " rows");
  }
  return rows;
}

CancelInput ParseCancel(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"reason", "confirm"});
  CancelInput c;
  c.reason = in.ReqString("reason", 1, 200);
  RequireConfirm(in);
  in.Finish();
  return c;
}

std::string ParseRemark(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"remark"});
  if (!in.Has("remark")) in.Fail("remark", "required (\"\" clears it)");
  std::string remark = in.OptString("remark", 0, 500).value_or("");
  in.Finish();
  return remark;
}

std::string ParseApprove(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"confirm", "note"});
  RequireConfirm(in);
  std::string note = in.OptString("note", 0, 500).value_or("");
  in.Finish();
  return note;
}

std::string ParseReject(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"reason"});
  std::string reason = in.ReqString("reason", 1, 500);
  in.Finish();
  return reason;
}

}  // namespace rz::admin_orders
