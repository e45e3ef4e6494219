// Request validation for the orders worker; see order_input.h.
#include "handlers/orders/order_input.h"

#include <algorithm>
#include <limits>

#include "core/error.h"
#include "core/json_in.h"

namespace rz::orders {
namespace {

constexpr int64_t kMaxId = std::numeric_limits<int64_t>::max();

// Parses one element of `items`, recording its errors under "items[i].".
void ParseLine(JsonIn& in, const rapidjson::Value& v, size_t i, std::vector<LineInput>* out) {
  const std::string prefix = "items[" + std::to_string(i) + "]";
  if (!v.IsObject()) {
    in.Fail(prefix, "must be an object");
    return;
  }
  JsonIn li(v);
  li.AllowOnly({"product_id", "color", "size", "quantity"});
  LineInput line;
  line.product_id = li.ReqInt("product_id", 1, kMaxId);
  line.color = li.OptString("color", 0, 64).value_or("");
  line.size = li.OptString("size", 0, 64).value_or("");
  line.quantity = li.ReqInt("quantity", 1, kMaxLineQuantity);
  try {
    li.Finish();
    out->push_back(std::move(line));
  } catch (const ApiError& e) {
    for (const auto& [field, why] : e.fields()) in.Fail(prefix + "." + field, why);
  }
}

std::vector<int64_t> ParseIds(JsonIn& in, const rapidjson::Value& arr, const char* name) {
  std::vector<int64_t> ids;
  if (arr.Size() == 0 || arr.Size() > kMaxOrderLines) {
    in.Fail(name, "must list 1.." + std::to_string(kMaxOrderLines) + " ids");
    return ids;
  }
  for (const auto& e : arr.GetArray()) {
    if (!e.IsInt64() || e.GetInt64() < 1) {
      in.Fail(name, "each id must be a positive integer");
      return {};
    }
    ids.push_back(e.GetInt64());
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

bool IsImageUrl(const std::string& s) {
  return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0 || s.rfind("/media/", 0) == 0;
}

}  // namespace

PlaceOrderInput ParsePlaceOrder(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"items", "from_cart", "cart_item_ids", "address_id", "coupon_code", "remark"});
  PlaceOrderInput p;
  p.from_cart = in.OptBool("from_cart").value_or(false);
  if (const rapidjson::Value* items = in.OptArray("items")) {
    if (p.from_cart) {
      in.Fail("items", "not allowed with from_cart");
    } else if (items->Size() == 0 || items->Size() > kMaxOrderLines) {
      in.Fail("items", "must have 1.." + std::to_string(kMaxOrderLines) + " lines");
    } else {
      for (rapidjson::SizeType i = 0; i < items->Size(); ++i)
        ParseLine(in, (*items)[i], i, &p.items);
    }
  } else if (!p.from_cart && !in.Has("items")) {
    in.Fail("items", "required (or from_cart: true)");
  }
  if (const rapidjson::Value* ids = in.OptArray("cart_item_ids")) {
    if (!p.from_cart) {
      in.Fail("cart_item_ids", "only with from_cart: true");
    } else {
      p.cart_item_ids = ParseIds(in, *ids, "cart_item_ids");
    }
  }
  p.address_id = in.ReqInt("address_id", 1, kMaxId);
  p.coupon_code = in.OptString("coupon_code", 1, 32);
  p.remark = in.OptString("remark", 0, 200).value_or("");
  in.Finish();
  return p;
}

std::string ParseIdempotencyKey(const std::string& header) {
  if (header.empty()) return "";
  bool ok = header.size() <= 64;
  for (char c : header) ok = ok && c > 0x20 && c < 0x7f;
  if (!ok) throw BadRequest("Idempotency-Key", "must be 1..64 visible ASCII characters");
  return header;
}

RefundInput ParseRefund(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"reason", "amount", "images"});
  RefundInput r;
  r.reason = in.ReqString("reason", 1, 200);
  r.amount = in.OptMoney("amount", 1, kMaxFen);
  r.images = in.OptStringArray("images", 9, 512).value_or(std::vector<std::string>{});
  for (const std::string& url : r.images) {
    if (!IsImageUrl(url)) {
      in.Fail("images", "each image must be an https:// or /media/ URL");
      break;
    }
  }
  in.Finish();
  return r;
}

std::string ParseCancel(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({"reason"});
  std::string reason = in.OptString("reason", 0, 200).value_or("");
  in.Finish();
  return reason;
}

void ParseEmpty(const rapidjson::Value& body) {
  JsonIn in(body);
  in.AllowOnly({});
  in.Finish();
}

}  // namespace rz::orders
