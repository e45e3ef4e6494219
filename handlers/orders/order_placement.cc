// OrderService::Place: resolving the lines, pricing, and the one transaction
// that reserves stock and records the order.
//
// Shape of the work, chosen to keep product row locks short (a hot product is
// locked by every order for it, so its lock time bounds that product's order rate):
//   before the transaction  cart lines, address + VIP rate + settings, product
//                           snapshot (plain reads; options validated, lines priced)
//   transaction             coupon use -> order, items, log -> products locked
//                           FOR UPDATE in ascending id (once) -> conditional stock
//                           decrements -> inventory logs -> cart lines -> COMMIT
// The locked read re-checks what may have changed since the snapshot (status,
// price, stock); a changed price re-plans the order instead of charging a stale one.
#include <rapidjson/document.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <utility>

#include "core/error.h"
#include "core/log.h"
#include "core/time_util.h"
#include "handlers/orders/order_service.h"
#include "shop/cart_view.h"
#include "shop/coupon_rules.h"
#include "shop/order_lifecycle.h"

namespace rz::orders {
namespace {

constexpr int kIdempotencyTtl = 24 * 3600;

// A line after resolution: the option it orders and where it came from.
struct Line {
  int64_t product_id = 0, quantity = 0, cart_item_id = 0;
  std::string color, size;
  std::string field;  // for error messages: "items[0]" / "cart_item_ids"
};

struct ShippingRule {
  Fen flat_fee = 0;
  Fen free_threshold = 0;  // 0 = never free
};

// Everything decided before the transaction.
struct Plan {
  CheckoutContext ctx;
  std::vector<NewItem> items;
  std::vector<int64_t> cart_ids;                  // cart lines to delete
  std::vector<std::pair<int64_t, int64_t>> need;  // product id -> units, ascending id
  std::map<int64_t, Fen> prices;                  // snapshot unit prices
  Fen subtotal = 0, vip_discount = 0;
  int64_t item_count = 0;
  ShippingRule shipping;
  int64_t timeout_minutes = 30;
};

// The snapshot went stale between the plain read and the lock: plan again.
struct PlanStale {};

std::string IdemKey(int64_t user_id, const std::string& key) {
  return "idem:" + std::to_string(user_id) + ":" + key;
}

rapidjson::Document ParseJson(const std::string& json) {
  rapidjson::Document d;
  d.Parse(json.data(), json.size());
  return d;
}

std::vector<std::string> JsonStrings(const std::string& json) {
  std::vector<std::string> out;
  rapidjson::Document d = ParseJson(json);
  if (d.HasParseError() || !d.IsArray()) return out;
  for (const auto& v : d.GetArray()) {
    if (v.IsString()) out.emplace_back(v.GetString(), v.GetStringLength());
  }
  return out;
}

Fen JsonFen(const rapidjson::Value& obj, const char* name) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || !it->value.IsInt64() || it->value.GetInt64() < 0) return 0;
  return it->value.GetInt64();
}

ShippingRule ParseShipping(const std::string& json) {
  ShippingRule r;
  rapidjson::Document d = ParseJson(json);
  if (d.HasParseError() || !d.IsObject()) return r;
  r.flat_fee = JsonFen(d, "flat_fee");
  r.free_threshold = JsonFen(d, "free_threshold");
  return r;
}

int64_t ParseTimeoutMinutes(const std::string& json) {
  rapidjson::Document d = ParseJson(json);
  if (d.HasParseError() || !d.IsInt64()) return 30;
  return std::clamp<int64_t>(d.GetInt64(), 1, 24 * 60);
}

// The option a line orders. A product without options takes none; one with a
// single option gets it by default; otherwise the line must name one of them.
std::string PickOption(const std::vector<std::string>& options, const std::string& asked,
                       const std::string& field, const char* what) {
  if (options.empty()) {
    if (asked.empty()) return "";
    throw BadRequest(field + "." + what, std::string("the product has no ") + what + " options");
  }
  if (asked.empty()) {
    if (options.size() == 1) return options[0];
    throw BadRequest(field + "." + what, "required: one of the product's options");
  }
  if (std::find(options.begin(), options.end(), asked) == options.end()) {
    throw BadRequest(field + "." + what, "not among the product's options");
  }
  return asked;
}

std::vector<Line> ResolveLines(soci::session& s, int64_t user_id, const PlaceOrderInput& in) {
  std::vector<Line> lines;
  if (!in.from_cart) {
    for (size_t i = 0; i < in.items.size(); ++i) {
      const LineInput& l = in.items[i];
      lines.push_back(
          {l.product_id, l.quantity, 0, l.color, l.size, "items[" + std::to_string(i) + "]"});
    }
    return lines;
  }
  std::vector<CartLine> cart = repo::CartLines(s, user_id, in.cart_item_ids);
  // A named line that is not in this user's cart is someone else's or gone.
  if (!in.cart_item_ids.empty() && cart.size() != in.cart_item_ids.size()) {
    throw NotFound("cart item not found");
  }
  if (cart.empty()) throw BadRequest("from_cart", "the cart is empty");
  if (cart.size() > kMaxOrderLines) throw BadRequest("from_cart", "too many cart lines");
  for (const CartLine& c : cart) {
    lines.push_back({c.product_id, c.quantity, c.id, c.color, c.size,
                     "cart_item_ids[" + std::to_string(c.id) + "]"});
  }
  return lines;
}

Plan MakePlan(soci::session& s, int64_t user_id, const PlaceOrderInput& in) {
  Plan plan;
  std::vector<Line> lines = ResolveLines(s, user_id, in);
  auto ctx = repo::Checkout(s, user_id, in.address_id);
  if (!ctx) throw NotFound("address not found");
  plan.ctx = std::move(*ctx);
  plan.shipping = ParseShipping(plan.ctx.shipping_fee_json);
  plan.timeout_minutes = ParseTimeoutMinutes(plan.ctx.timeout_json);

  std::map<int64_t, int64_t> units;
  for (const Line& l : lines) units[l.product_id] += l.quantity;
  std::vector<int64_t> ids;
  for (const auto& [id, n] : units) {
    ids.push_back(id);
    plan.need.emplace_back(id, n);
  }
  std::map<int64_t, ProductRow> products;
  for (ProductRow& p : repo::Products(s, ids, false)) products.emplace(p.id, std::move(p));

  for (const Line& l : lines) {
    auto it = products.find(l.product_id);
    if (it == products.end() || it->second.status != 1) {
      throw NotFound("product " + std::to_string(l.product_id) + " not found or not on sale");
    }
    const ProductRow& p = it->second;
    NewItem item;
    item.product_id = p.id;
    item.quantity = l.quantity;
    item.name = p.name;
    item.sku = p.sku;
    item.image = p.image;
    item.color = PickOption(JsonStrings(p.colors_json), l.color, l.field, "color");
    item.size = PickOption(JsonStrings(p.sizes_json), l.size, l.field, "size");
    item.price = p.price;
    item.subtotal = p.price * l.quantity;  // <= 1e12 fen * 99: no overflow
    plan.subtotal += item.subtotal;
    plan.item_count += l.quantity;
    plan.prices[p.id] = p.price;
    plan.items.push_back(std::move(item));
    if (l.cart_item_id > 0) plan.cart_ids.push_back(l.cart_item_id);
  }
  // The VIP rate is the percent payable (95 = 5% off), rounded half up to the fen.
  const int64_t rate = std::clamp<int64_t>(plan.ctx.vip_rate, 1, 100);
  plan.vip_discount = plan.subtotal - PercentOf(plan.subtotal, rate);
  return plan;
}

std::string OutOfStock(const NewItem& item, int64_t left) {
  return "\"" + item.name + "\" (product " + std::to_string(item.product_id) +
         ") is out of stock: " + std::to_string(left) + " left";
}

const NewItem& ItemOf(const Plan& plan, int64_t product_id) {
  for (const NewItem& i : plan.items) {
    if (i.product_id == product_id) return i;
  }
  return plan.items.front();
}

// Locks the products (ascending id, once) and takes the stock; any shortfall
// throws and the caller's transaction rolls everything back.
std::vector<repo::StockMove> ReserveStock(soci::session& s, const Plan& plan) {
  std::vector<int64_t> ids;
  for (const auto& n : plan.need) ids.push_back(n.first);
  std::vector<ProductRow> locked = repo::Products(s, ids, true);
  std::vector<repo::StockMove> moves;
  for (const auto& [id, units] : plan.need) {
    auto p =
        std::find_if(locked.begin(), locked.end(), [&](const ProductRow& r) { return r.id == id; });
    if (p == locked.end() || p->status != 1) {
      throw NotFound("product " + std::to_string(id) + " not found or not on sale");
    }
    if (p->price != plan.prices.at(id)) throw PlanStale{};
    if (p->stock < units) throw Conflict("out_of_stock", OutOfStock(ItemOf(plan, id), p->stock));
    // The real guard: never below zero, whatever the read said.
    if (!repo::TakeStock(s, id, units)) {
      throw Conflict("out_of_stock", OutOfStock(ItemOf(plan, id), 0));
    }
    moves.push_back({id, -units, p->stock - units});
  }
  return moves;
}

OrderHeader CommitOrder(soci::session& s, int64_t user_id, const PlaceOrderInput& in,
                        const std::string& key, const std::string& order_no, const Plan& plan,
                        int64_t now) {
  soci::transaction tx(s);
  NewOrder o;
  o.order_no = order_no;
  o.user_id = user_id;
  o.address_id = in.address_id;
  o.item_count = plan.item_count;
  o.subtotal = plan.subtotal;
  o.vip_discount = plan.vip_discount;
  // Coupon first: lock order coupon -> products, the same as cancellation.
  std::optional<CouponUse> use;
  if (in.coupon_code) {
    use = ReserveCouponInTx(s, *in.coupon_code, user_id, plan.subtotal - plan.vip_discount);
    o.coupon_id = use->coupon_id;
    o.coupon_code = use->code;
    o.coupon_discount = use->discount;
  }
  o.discount_price = o.vip_discount + o.coupon_discount;
  const Fen goods = o.subtotal - o.discount_price;
  // Free shipping is judged on what the buyer pays for the goods.
  const bool free = plan.shipping.free_threshold > 0 && goods >= plan.shipping.free_threshold;
  o.express_price = free ? 0 : plan.shipping.flat_fee;
  o.total_price = goods + o.express_price;
  o.pay_deadline = FormatSqlUtc(now + plan.timeout_minutes * 60);
  o.remark = in.remark;
  o.idempotency_key = key;
  o.address = plan.ctx;

  const int64_t order_id = repo::InsertOrder(s, o);
  repo::InsertItems(s, order_id, plan.items);
  AppendOrderLogInTx(s, order_id, std::nullopt, OrderStatus::kPending, "create",
                     Actor::User(user_id), "");
  if (use) AttachCouponToOrderInTx(s, *use, user_id, order_id);
  repo::InsertInventoryLogs(s, order_id, ReserveStock(s, plan), "sale", "order placed");
  if (!plan.cart_ids.empty() && repo::DeleteCartLines(s, user_id, plan.cart_ids) !=
                                    static_cast<int64_t>(plan.cart_ids.size())) {
    // Another request ordered (or removed) these lines meanwhile.
    throw Conflict("cart_changed", "the cart changed while ordering; please try again");
  }
  tx.commit();
  return OrderHeader{order_id,
                     order_no,
                     o.subtotal,
                     o.discount_price,
                     o.express_price,
                     o.total_price,
                     FormatIsoUtc(now + plan.timeout_minutes * 60),
                     now};
}

}  // namespace

std::optional<PlacedOrder> OrderService::ReplayFromCache(int64_t user_id, const std::string& key) {
  auto cached = redis_.Get(IdemKey(user_id, key));
  if (!cached) return std::nullopt;
  int64_t order_id = std::atoll(cached->c_str());
  auto h = db_.Run([&](soci::session& s) { return repo::FindHeader(s, order_id, user_id); });
  if (!h) return std::nullopt;
  return PlacedOrder{*h, true};
}

PlacedOrder OrderService::Place(int64_t user_id, const PlaceOrderInput& in,
                                const std::string& key) {
  if (!key.empty()) {
    if (auto prior = ReplayFromCache(user_id, key)) return *prior;
  }
  if (!features_.Enabled("ordering")) {
    throw Conflict("feature_disabled", "ordering is paused by the shop");
  }
  int64_t now = NowUnix();
  std::string order_no;  // taken once the request is known to be valid
  for (int attempt = 0;; ++attempt) {
    Plan plan = db_.Run([&](soci::session& s) { return MakePlan(s, user_id, in); });
    if (order_no.empty()) order_no = numbers_.Next(now);
    try {
      OrderHeader h = RunOrderTx(db_, [&](soci::session& s) {
        return CommitOrder(s, user_id, in, key, order_no, plan, now);
      });
      if (!key.empty()) redis_.Set(IdemKey(user_id, key), std::to_string(h.id), kIdempotencyTtl);
      if (!plan.cart_ids.empty()) redis_.Del(CartViewKey(user_id));  // the cart lost those lines
      return PlacedOrder{h, false};
    } catch (const PlanStale&) {
      if (attempt >= 3) throw Conflict("invalid_state", "prices changed; please try again");
    } catch (const soci::soci_error& e) {
      if (MysqlErrorNumber(e) != 1062 || attempt >= 3) throw;
      // Either the idempotency key (another request of this user won) or the
      // order number (a Redis counter that lost its state) was taken.
      if (!key.empty()) {
        auto prior =
            db_.Run([&](soci::session& s) { return repo::FindByIdempotencyKey(s, user_id, key); });
        if (prior && prior->created_unix > NowUnix() - kIdempotencyTtl)
          return PlacedOrder{*prior, true};
        if (prior) {
          // The key's 24 h are over: it may place a new order.
          db_.Run([&](soci::session& s) {
            repo::ClearIdempotencyKey(s, prior->id);
            return 0;
          });
          continue;
        }
      }
      numbers_.Resync(order_no);
      now = NowUnix();
      order_no = numbers_.Next(now);
    }
  }
}

}  // namespace rz::orders
