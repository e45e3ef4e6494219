// Cart service; see cart_service.h.
#include "handlers/cart/cart_service.h"

#include "users/user_lock.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <map>

#include "core/error.h"

namespace rz::cart {
namespace {

// The strings of a stored JSON array column; anything else is "no options".
std::vector<std::string> Options(const std::string& json) {
  std::vector<std::string> out;
  rapidjson::Document d;
  d.Parse(json.data(), json.size());
  if (d.HasParseError() || !d.IsArray()) return out;
  for (const auto& v : d.GetArray()) {
    if (v.IsString()) out.emplace_back(v.GetString(), v.GetStringLength());
  }
  return out;
}

// Records a field error when `chosen` does not fit the product's option list.
void CheckOption(const std::string& field, const std::string& chosen, const std::string& json,
                 std::map<std::string, std::string>* errors) {
  std::vector<std::string> options = Options(json);
  if (options.empty()) {
    if (!chosen.empty()) (*errors)[field] = "this product has no " + field + " options";
  } else if (chosen.empty()) {
    (*errors)[field] = "required: one of the product's " + field + " options";
  } else if (std::find(options.begin(), options.end(), chosen) == options.end()) {
    (*errors)[field] = "not one of the product's " + field + " options";
  }
}

void CheckStock(int64_t quantity, int64_t stock) {
  if (quantity > stock) {
    throw Conflict("out_of_stock", "only " + std::to_string(std::max<int64_t>(stock, 0)) +
                                       " in stock, the line would hold " +
                                       std::to_string(quantity));
  }
}

}  // namespace

std::optional<std::string> CartService::CachedView(int64_t user_id) {
  return redis_.Get(CartViewKey(user_id));
}

void CartService::StoreView(int64_t user_id, const std::string& json) {
  redis_.Set(CartViewKey(user_id), json, kViewTtlSeconds);
}

void CartService::ForgetView(int64_t user_id) {
  // A failed delete (Redis down) leaves at most kViewTtlSeconds of staleness.
  redis_.Del(CartViewKey(user_id));
}

CartView CartService::Cart(int64_t user_id) {
  CartView v;
  v.lines = db_.Run([&](soci::session& s) { return repo_.Lines(s, user_id); });
  for (const CartLine& l : v.lines) {
    v.count += l.quantity;
    if (l.available()) v.subtotal += l.subtotal();
  }
  return v;
}

CartLine CartService::Add(int64_t user_id, const AddInput& in, bool* created) {
  return db_.Run([&](soci::session& s) {
    soci::transaction tx(s);
    // The user's row lock serialises this user's cart writes, so the line count
    // and the line's quantity read below cannot change before the insert (locking
    // the cart rows themselves would not cover the first line of an empty cart).
    if (!LockUserRow(s, user_id)) throw NotFound("user not found");
    auto p = repo_.Product(s, in.product_id);
    if (!p || p->status != 1) throw NotFound("product not found or not on sale");
    std::map<std::string, std::string> errors;
    CheckOption("color", in.color, p->colors_json, &errors);
    CheckOption("size", in.size, p->sizes_json, &errors);
    if (!errors.empty()) throw BadRequestFields(errors);

    auto existing = repo_.VariantQuantity(s, user_id, in.product_id, in.color, in.size);
    if (!existing && repo_.CountLines(s, user_id) >= kMaxLines) {
      throw Conflict("cart_full", "a cart holds at most " + std::to_string(kMaxLines) + " lines");
    }
    int64_t quantity = existing.value_or(0) + in.quantity;
    if (quantity > kMaxLineQuantity) {
      throw BadRequest("quantity", "the line would hold " + std::to_string(quantity) +
                                       ", at most " + std::to_string(kMaxLineQuantity));
    }
    CheckStock(quantity, p->stock);
    int64_t id =
        repo_.AddToLine(s, user_id, in.product_id, in.color, in.size, in.quantity, created);
    auto line = repo_.Line(s, user_id, id);
    tx.commit();
    ForgetView(user_id);
    if (!line) throw NotFound("cart line not found");
    return *line;
  });
}

CartLine CartService::SetQuantity(int64_t user_id, int64_t line_id, int64_t quantity) {
  return db_.Run([&](soci::session& s) {
    auto line = repo_.Line(s, user_id, line_id);
    if (!line) throw NotFound("cart line not found");
    if (line->product_status != 1) throw Conflict("out_of_stock", "product is no longer on sale");
    CheckStock(quantity, line->stock);
    repo_.SetQuantity(s, user_id, line_id, quantity);
    ForgetView(user_id);
    line->quantity = quantity;
    return *line;
  });
}

void CartService::Remove(int64_t user_id, int64_t line_id) {
  int64_t n = db_.Run([&](soci::session& s) { return repo_.DeleteLine(s, user_id, line_id); });
  if (n == 0) throw NotFound("cart line not found");
  ForgetView(user_id);
}

void CartService::Clear(int64_t user_id) {
  db_.Run([&](soci::session& s) { return repo_.DeleteAll(s, user_id); });
  ForgetView(user_id);
}

}  // namespace rz::cart
